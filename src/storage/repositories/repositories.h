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
// Adds one to the account's failed sign-ins in SQL (so concurrent failures all count) and
// returns the new count.
Expected<std::int64_t> CountLoginFailure(Tx& tx, std::int64_t user_id);
Status ResetLoginFailures(Tx& tx, std::int64_t user_id);
// Sets a new password hash; `must_change` marks a one-time password to be changed at sign-in.
Status SetPassword(Tx& tx, std::int64_t user_id, const std::string& password_hash,
                   bool must_change);
// The TOTP secret awaiting its first code (nullopt: none).
Status SetTotpPending(Tx& tx, std::int64_t user_id, const std::optional<std::string>& secret);
// The pending secret becomes the second factor; `step` is the step of the confirming code.
Status ConfirmTotp(Tx& tx, std::int64_t user_id, const std::string& secret, std::int64_t step);
Status RemoveTotp(Tx& tx, std::int64_t user_id);
// Records `step` as used; false when it (or a later step) was used already.
Expected<bool> UseTotpStep(Tx& tx, std::int64_t user_id, std::int64_t step);
// Active staff accounts holding the admin role.
Expected<std::int64_t> CountAdministrators(Tx& tx);

// Sign-in throttling: one counter per key ("pair:...", "addr:...", "account:...").
struct LoginThrottle {
  std::int64_t failures = 0;                 // including the attempt just claimed
  std::optional<std::string> blocked_until;  // as stored before this attempt
};
// Adds one to the key's count in SQL, creating it, and returns the count and the block.
Expected<LoginThrottle> ClaimLoginAttempt(Tx& tx, const std::string& key, const std::string& now);
Status BlockLoginKey(Tx& tx, const std::string& key, const std::string& until);
// A successful sign-in: the attempt it claimed does not count against an address.
Status RefundLoginAttempt(Tx& tx, const std::string& key);
Status ForgetLoginKey(Tx& tx, const std::string& key);
Expected<std::int64_t> LoginKeyFailures(Tx& tx, const std::string& key);
// Drops counters untouched since `before`.
Status PruneLoginThrottle(Tx& tx, const std::string& before);
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
// Ends every open session of the user but `keep_hash` (""=all); returns how many ended.
Expected<std::int64_t> RevokeOtherSessions(Tx& tx, std::int64_t user_id,
                                           const std::string& keep_hash, const std::string& now);
Status TouchSession(Tx& tx, const std::string& token_hash, const std::string& now);

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
