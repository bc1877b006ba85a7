#pragma once
// Named SQL, one function per question; each runs inside the caller's transaction so a state
// change and its audit event commit together.
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/repositories/records.h"

namespace jumys::storage {

// Offices
Expected<std::vector<OfficeRecord>> ListOffices(Tx& tx);
Status UpsertOffice(Tx& tx, const OfficeRecord& office, const std::string& now);

// Users
Expected<std::optional<UserRecord>> FindUserByLogin(Tx& tx, const std::string& login);
Expected<std::optional<UserRecord>> FindUserById(Tx& tx, std::int64_t id);
Expected<std::vector<UserRecord>> ListUsers(Tx& tx);
Expected<std::int64_t> InsertUser(Tx& tx, const UserRecord& user, const std::string& now);
Status RecordLoginFailure(Tx& tx, std::int64_t user_id, std::int64_t failed_logins,
                          const std::optional<std::string>& locked_until);
Status ResetLoginFailures(Tx& tx, std::int64_t user_id);
Expected<std::int64_t> CountUsers(Tx& tx);
// Active staff accounts of one office, by login.
Expected<std::vector<UserRecord>> ListActiveStaff(Tx& tx, const std::string& office_id);
// Staff accounts (active or not) of the given offices, by login.
Expected<std::vector<UserRecord>> ListStaffOf(Tx& tx, const std::vector<std::string>& office_ids);
// Full name, office, roles and active flag of a staff account.
Status UpdateStaffUser(Tx& tx, const UserRecord& user);
// Ends every open session of the user; returns how many.
Expected<std::int64_t> RevokeUserSessions(Tx& tx, std::int64_t user_id, const std::string& now);

// Sessions
Status InsertSession(Tx& tx, const SessionRecord& session);
// The session joined with its user, if the token hash is known.
struct SessionWithUser {
  SessionRecord session;
  UserRecord user;
};
Expected<std::optional<SessionWithUser>> FindSession(Tx& tx, const std::string& token_hash);
Expected<bool> RevokeSession(Tx& tx, const std::string& token_hash, const std::string& now);

// People
Expected<std::optional<PersonRecord>> FindPerson(Tx& tx, const std::string& iin);
// Inserts or updates; returns true when the person was new.
Expected<bool> UpsertPerson(Tx& tx, const PersonRecord& person, const std::string& now);

// Employers and state-revenue data
Expected<std::optional<EmployerRecord>> FindEmployer(Tx& tx, const std::string& bin);
Expected<bool> UpsertEmployer(Tx& tx, const EmployerRecord& employer, const std::string& now);
Status UpsertRevenue(Tx& tx, const RevenueRecord& record);
Expected<std::optional<RevenueRecord>> FindRevenue(Tx& tx, const std::string& bin);

// Calendar overrides entered by administrators
Expected<std::vector<CalendarOverrideRecord>> ListCalendarOverrides(Tx& tx);
Status UpsertCalendarOverride(Tx& tx, const CalendarOverrideRecord& record);
Expected<bool> DeleteCalendarOverride(Tx& tx, const std::string& day);

}  // namespace jumys::storage
