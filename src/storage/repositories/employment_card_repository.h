#pragma once
// The individual employment card (ЖҚЖК / ИКЗ): one per person, written by the services that
// register job seekers and the unemployed, with every change kept in its history.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

struct EmploymentCardRow {
  std::string iin;
  std::string office_id;                        // the centre that keeps it
  std::string status;                           // "job_seeker" | "unemployed"
  std::string job_seeker_since;                 // YYYY-MM-DD
  std::optional<std::string> unemployed_since;  // YYYY-MM-DD
  std::optional<std::int64_t> last_case_id;
  std::string created_at, updated_at;
};

struct CardHistoryRow {
  std::int64_t id = 0;
  std::string iin;
  std::string at;
  std::string actor;
  std::string action;  // "created", "updated", "marked_unemployed", "referral"
  std::optional<std::int64_t> case_id;
  nlohmann::json data = nlohmann::json::object();
};

Expected<std::optional<EmploymentCardRow>> FindEmploymentCard(Tx& tx, const std::string& iin);
// Inserts or replaces the card's fields (created_at is kept on update). true when new.
Expected<bool> UpsertEmploymentCard(Tx& tx, const EmploymentCardRow& card);
Status AppendCardHistory(Tx& tx, const CardHistoryRow& entry);
// Oldest first.
Expected<std::vector<CardHistoryRow>> ListCardHistory(Tx& tx, const std::string& iin);

}  // namespace jumys::storage
