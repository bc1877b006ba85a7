#pragma once
// The demo employer's P2 application as the cabinet files it: the contract requisites (1.1)
// and the application (1.2) as the definition's two field groups. Shared by the suites that
// file P2 with and without HTTP.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "services/demo/demo_data.h"

namespace jumys::testing {

inline nlohmann::json SubsidisedJobsApplication(const std::string& measure,
                                                const std::string& position,
                                                const std::string& occupation, int workplaces,
                                                std::int64_t monthly_wage_tiyn) {
  return {{"requisites", demo::DemoEmployerRequisites()},
          {"application",
           {{"measure", measure},
            {"position", position},
            {"occupation", occupation},
            {"place", "431010000"},
            {"workplaces", workplaces},
            {"monthly_wage", {{"amount", monthly_wage_tiyn}, {"currency", "KZT"}}},
            {"term_months", 6}}}};
}

}  // namespace jumys::testing
