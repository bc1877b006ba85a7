#pragma once
// The values a case holds, kept apart by who set them, never merged into one map: what the
// applicant filed (the case's data) and what staff entered completing its steps (each task's
// data, with who completed it). A document takes each of its fields from one of these, or from
// the system, as its template declares (reference/documents/README.md); so an applicant's data
// cannot stand in for a value staff or the system set, whatever its keys.
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "engine/case_hooks.h"

namespace jumys {

struct CaseValues {
  // The applicant's data as filed: only the keys the definition's intake declares. Keys an
  // effect keeps on the case (a quota reservation, ...) are not the applicant's and are left out.
  nlohmann::json application = nlohmann::json::object();
  // What staff entered completing the case's steps: only from completions by a staff account,
  // only the keys the step or the outcome taken declares; a later completion's value replaces
  // an earlier one. An applicant's answer to a wait step is never a staff value.
  nlohmann::json staff = nlohmann::json::object();
};

// The values of the case in ctx (inside its transaction). The completion in progress (ctx.task
// with ctx.outcome and ctx.data, by ctx.actor) counts as the latest.
Expected<CaseValues> CollectCaseValues(HookContext& ctx);

}  // namespace jumys
