// Applicants' names for the lists staff work from, and the people and employers whose names
// hold every word of a search.
#include "services/registry/registry_service.h"
#include "storage/database.h"

namespace jumys::registry {

Expected<std::map<std::string, std::string>> RegistryService::NamesOf(
    const std::vector<std::string>& iins, const std::vector<std::string>& bins) {
  std::map<std::string, std::string> out;
  const auto in_list = [](std::size_t n) {
    std::string list;
    for (std::size_t i = 1; i <= n; ++i) list += (i > 1 ? ",$" : "$") + std::to_string(i);
    return list;
  };
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    if (!iins.empty()) {
      storage::Params params(iins.begin(), iins.end());
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, tx.Query("SELECT iin, surname, given_name, patronymic FROM people WHERE iin "
                              "IN (" +
                                  in_list(iins.size()) + ")",
                              params));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string name = rows.Text(r, 1) + " " + rows.Text(r, 2);
        if (!rows.Text(r, 3).empty()) name += " " + rows.Text(r, 3);
        out[rows.Text(r, 0)] = std::move(name);
      }
    }
    if (!bins.empty()) {
      storage::Params params(bins.begin(), bins.end());
      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT bin, name FROM employers WHERE bin IN (" +
                                                     in_list(bins.size()) + ")",
                                                 params));
      for (std::size_t r = 0; r < rows.size(); ++r) out[rows.Text(r, 0)] = rows.Text(r, 1);
    }
    return {};
  }));
  return out;
}

Expected<RegistryService::NameMatches> RegistryService::FindByName(std::string_view name,
                                                                   int limit) {
  // Each word a LIKE pattern, its wildcards escaped; both sides lower-cased by the store
  // (SQLite's lower() is the connection's own, Unicode-aware: sqlite_connection.cpp).
  std::vector<std::string> patterns;
  std::size_t start = 0;
  while (start < name.size() && patterns.size() < 5) {
    std::size_t end = name.find(' ', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view word = name.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    std::string pattern = "%";
    for (char c : word) {
      if (c == '%' || c == '_' || c == '!') pattern += '!';
      pattern += c;
    }
    patterns.push_back(pattern + "%");
  }
  NameMatches out;
  if (patterns.empty()) return out;
  const auto where = [&](const std::string& column) {
    std::string sql;
    for (std::size_t i = 1; i <= patterns.size(); ++i) {
      sql += (i > 1 ? " AND " : " WHERE ") + column + " LIKE lower(CAST($" + std::to_string(i) +
             " AS TEXT)) ESCAPE '!'";
    }
    return sql;
  };
  storage::Params params(patterns.begin(), patterns.end());
  params.push_back(std::int64_t{limit});
  const std::string lim = " ORDER BY 1 LIMIT $" + std::to_string(params.size());
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto people,
        tx.Query("SELECT iin FROM people" +
                     where("lower(surname || ' ' || given_name || ' ' || patronymic)") + lim,
                 params));
    for (std::size_t r = 0; r < people.size(); ++r) out.iins.push_back(people.Text(r, 0));
    JUMYS_ASSIGN_OR_RETURN(
        auto employers, tx.Query("SELECT bin FROM employers" + where("lower(name)") + lim, params));
    for (std::size_t r = 0; r < employers.size(); ++r) out.bins.push_back(employers.Text(r, 0));
    return {};
  }));
  return out;
}

}  // namespace jumys::registry
