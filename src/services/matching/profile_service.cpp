#include "services/matching/profile_service.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/blank.h"
#include "engine/store_field_lookups.h"
#include "security/access.h"
#include "services/matching/profile_store.h"
#include "services/vacancies/vacancy_terms.h"
#include "storage/repositories/person_owner.h"

namespace jumys::matching {

namespace {

constexpr std::size_t kMaxOccupations = 10;
constexpr std::size_t kMaxSkills = 30;
constexpr std::size_t kMaxSkillChars = 100;
constexpr std::size_t kMaxExperience = 20;
constexpr int kMaxYears = 60;
constexpr std::size_t kMaxLanguages = 10;
constexpr std::size_t kMaxAdaptations = 20;
constexpr std::size_t kMaxAdaptationChars = 200;
constexpr std::int64_t kMaxWageTiyn = 1'000'000'000'00;  // a billion tenge
constexpr std::array<std::string_view, 15> kLicences = {
    "A", "A1", "B", "B1", "BE", "C", "C1", "CE", "C1E", "D", "D1", "DE", "D1E", "Tm", "Tb"};

using vacancies::AllDigits;
using vacancies::kWorkingTimes;
using vacancies::Listed;
using vacancies::OneOf;

class Checker {
 public:
  explicit Checker(const nlohmann::json& body) : body_(body) {}
  std::vector<ErrorDetail> bad;

  void Fail(std::string field, MessageKey key, std::string_view english,
            MessageParams params = {}) {
    bad.emplace_back(std::move(field), key, english, std::move(params));
  }
  bool Has(const char* f) const { return body_.contains(f) && !body_[f].is_null(); }
  const nlohmann::json& At(const char* f) const { return body_[f]; }

  // A list at `f` of at most `max` items, or nullptr (already reported).
  const nlohmann::json* List(const char* f, std::size_t max, bool required = false) {
    if (!Has(f)) {
      if (required) Fail(f, "field.required"_msg, "is required");
      return nullptr;
    }
    const auto& v = At(f);
    if (!v.is_array()) {
      Fail(f, "field.not_list"_msg, "must be a list");
      return nullptr;
    }
    if (v.size() > max) {
      Fail(f, "field.too_many_items"_msg, "must have at most {max} items",
           {{"max", std::to_string(max)}});
      return nullptr;
    }
    if (required && v.empty()) {
      Fail(f, "field.required"_msg, "is required");
      return nullptr;
    }
    return &v;
  }
  // A string list of allowed values or of bounded free text, no item twice.
  std::vector<std::string> Strings(const char* f, std::size_t max_items, std::size_t max_chars,
                                   const std::vector<std::string_view>& allowed = {}) {
    std::vector<std::string> out;
    const auto* list = List(f, max_items);
    if (!list) return out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = std::string(f) + "[" + std::to_string(i) + "]";
      const auto& item = (*list)[i];
      if (!item.is_string() || IsBlank(item.get<std::string>())) {
        Fail(at, "field.not_string"_msg, "must be a string");
        continue;
      }
      std::string v = TrimmedAscii(item.get<std::string>());
      if (!allowed.empty() && !OneOf(allowed, v)) {
        Fail(at, "field.not_one_of"_msg, "must be one of: {allowed}",
             {{"allowed", Listed(allowed)}});
        continue;
      }
      if (CodePoints(v) > max_chars) {
        Fail(at, "field.too_long"_msg, "must be at most {max} characters",
             {{"max", std::to_string(max_chars)}});
        continue;
      }
      if (!seen.insert(v).second) {
        Fail(at, "profile.duplicate"_msg, "is listed twice");
        continue;
      }
      out.push_back(std::move(v));
    }
    return out;
  }

 private:
  const nlohmann::json& body_;
};

std::vector<std::string_view> Views(const auto& list) { return {list.begin(), list.end()}; }

}  // namespace

Expected<SeekerProfile> ParseProfileDocument(const nlohmann::json& body) {
  if (!body.is_object()) {
    return Error::Invalid("field.not_object"_msg, "must be an object");
  }
  Checker c(body);
  SeekerProfile p;
  if (const auto* occ = c.List("occupations", kMaxOccupations, true)) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < occ->size(); ++i) {
      const auto& o = (*occ)[i];
      const std::string at = "occupations[" + std::to_string(i) + "]";
      if (!o.is_string() || !AllDigits(o.get<std::string>()) || o.get<std::string>().size() > 8) {
        c.Fail(at, "vacancy.nkz_format"_msg, "an occupation code is 1 to 8 digits");
      } else if (!seen.insert(o.get<std::string>()).second) {
        c.Fail(at, "profile.duplicate"_msg, "is listed twice");
      } else {
        p.occupations.push_back(o.get<std::string>());
      }
    }
  }
  p.skills = c.Strings("skills", kMaxSkills, kMaxSkillChars);
  if (c.Has("education")) {
    const auto& e = c.At("education");
    if (!e.is_string() ||
        (!e.get<std::string>().empty() && !OneOf(EducationLevels(), e.get<std::string>()))) {
      c.Fail("education", "field.not_one_of"_msg, "must be one of: {allowed}",
             {{"allowed", Listed(EducationLevels())}});
    } else {
      p.education = e.get<std::string>();
    }
  }
  if (const auto* exp = c.List("experience", kMaxExperience)) {
    for (std::size_t i = 0; i < exp->size(); ++i) {
      const auto& e = (*exp)[i];
      const std::string at = "experience[" + std::to_string(i) + "]";
      if (!e.is_object() || !e.contains("nkz") || !e["nkz"].is_string() ||
          !AllDigits(e["nkz"].get<std::string>()) || e["nkz"].get<std::string>().size() > 8) {
        c.Fail(at + ".nkz", "vacancy.nkz_format"_msg, "an occupation code is 1 to 8 digits");
        continue;
      }
      if (!e.contains("years") || !e["years"].is_number_integer() || e["years"].get<int>() < 0 ||
          e["years"].get<int>() > kMaxYears) {
        c.Fail(at + ".years", "field.out_of_range"_msg, "must be between {min} and {max}",
               {{"min", "0"}, {"max", std::to_string(kMaxYears)}});
        continue;
      }
      p.experience.push_back({e["nkz"].get<std::string>(), e["years"].get<int>()});
    }
  }
  if (const auto* langs = c.List("languages", kMaxLanguages)) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < langs->size(); ++i) {
      const auto& l = (*langs)[i];
      const std::string at = "languages[" + std::to_string(i) + "]";
      const std::string code = l.is_object() && l.contains("code") && l["code"].is_string()
                                   ? l["code"].get<std::string>()
                                   : "";
      const bool code_ok =
          code.size() >= 2 && code.size() <= 3 &&
          std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      if (!code_ok) {
        c.Fail(at + ".code", "field.pattern"_msg, "is not in the expected form");
        continue;
      }
      const std::string level =
          l.contains("level") && l["level"].is_string() ? l["level"].get<std::string>() : "";
      if (!OneOf(LanguageLevels(), level)) {
        c.Fail(at + ".level", "field.not_one_of"_msg, "must be one of: {allowed}",
               {{"allowed", Listed(LanguageLevels())}});
        continue;
      }
      if (!seen.insert(code).second) {
        c.Fail(at + ".code", "profile.duplicate"_msg, "is listed twice");
        continue;
      }
      p.languages.push_back({code, level});
    }
  }
  if (c.Has("wage_tiyn")) {
    const auto& w = c.At("wage_tiyn");
    if (!w.is_number_integer()) {
      c.Fail("wage_tiyn", "field.not_tiyn"_msg, "must be a whole number of tiyn");
    } else if (w.get<std::int64_t>() < 0 || w.get<std::int64_t>() > kMaxWageTiyn) {
      c.Fail("wage_tiyn", "field.out_of_range"_msg, "must be between {min} and {max}",
             {{"min", "0"}, {"max", std::to_string(kMaxWageTiyn)}});
    } else {
      p.wage_tiyn = w.get<std::int64_t>();
    }
  }
  p.working_times = c.Strings("working_times", kWorkingTimes.size(), 20, Views(kWorkingTimes));
  if (!c.Has("mobility")) {
    c.Fail("mobility", "field.required"_msg, "is required");
  } else if (auto m = c.At("mobility").is_string()
                          ? ParseMobility(c.At("mobility").get<std::string>())
                          : std::nullopt) {
    p.mobility = *m;
  } else {
    c.Fail("mobility", "field.not_one_of"_msg, "must be one of: {allowed}",
           {{"allowed", "none, oblast, anywhere"}});
  }
  if (!c.Has("home_kato")) {
    c.Fail("home_kato", "field.required"_msg, "is required");
  } else if (!c.At("home_kato").is_string() || !AllDigits(c.At("home_kato").get<std::string>()) ||
             c.At("home_kato").get<std::string>().size() != 9) {
    c.Fail("home_kato", "field.kato"_msg, "must be a 9-digit KATO code");
  } else {
    p.home_kato = c.At("home_kato").get<std::string>();
  }
  p.driving_licences = c.Strings("driving_licences", kLicences.size(), 3, Views(kLicences));
  if (c.Has("disability")) {
    if (!c.At("disability").is_boolean()) {
      c.Fail("disability", "field.not_boolean"_msg, "must be true or false");
    } else {
      p.disability = c.At("disability").get<bool>();
    }
  }
  p.adaptations = c.Strings("adaptations", kMaxAdaptations, kMaxAdaptationChars);
  if (!p.adaptations.empty() && !p.disability) {
    c.Fail("adaptations", "field.not_applicable"_msg, "does not apply here");
  }
  if (!c.bad.empty()) {
    return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(c.bad));
  }
  return p;
}

nlohmann::json ProfileDocument(const SeekerProfile& p) {
  nlohmann::json experience = nlohmann::json::array();
  for (const auto& e : p.experience) experience.push_back({{"nkz", e.nkz}, {"years", e.years}});
  nlohmann::json languages = nlohmann::json::array();
  for (const auto& l : p.languages) languages.push_back({{"code", l.code}, {"level", l.level}});
  return {{"occupations", p.occupations},     {"skills", p.skills},
          {"education", p.education},         {"experience", experience},
          {"languages", languages},           {"wage_tiyn", p.wage_tiyn},
          {"working_times", p.working_times}, {"mobility", MobilityName(p.mobility)},
          {"home_kato", p.home_kato},         {"driving_licences", p.driving_licences},
          {"disability", p.disability},       {"adaptations", p.adaptations}};
}

Expected<SeekerProfile> StoredDocument(const std::string& json_text) {
  auto doc = nlohmann::json::parse(json_text, nullptr, false);
  auto parsed = ParseProfileDocument(doc);
  if (!parsed) return Error::Internal("stored profile does not parse: " + parsed.error().message);
  return parsed;
}

constexpr const char* kProfileColumns =
    "iin, document, created_by, updated_by, created_at, updated_at, row_version";

Expected<std::optional<StoredProfile>> FindProfile(storage::Tx& tx, const std::string& iin) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kProfileColumns +
                                                 " FROM seeker_profiles WHERE iin = $1",
                                             {iin}));
  if (rows.empty()) return std::optional<StoredProfile>{};
  StoredProfile s;
  s.iin = rows.Text(0, 0);
  JUMYS_ASSIGN_OR_RETURN(s.profile, StoredDocument(rows.Text(0, 1)));
  s.created_by = rows.Text(0, 2);
  s.updated_by = rows.Text(0, 3);
  s.created_at = rows.Text(0, 4);
  s.updated_at = rows.Text(0, 5);
  s.row_version = rows.Int(0, 6);
  return std::optional<StoredProfile>{std::move(s)};
}

namespace {

Error PersonNotFound() { return Error::NotFound("person.not_found"_msg, "no such person"); }

// "27" for desired occupations 2411 and 7212: the major groups, for the store's pre-filter.
std::string MajorGroups(const SeekerProfile& p) {
  std::set<char> groups;
  for (const auto& o : p.occupations) groups.insert(o[0]);
  return {groups.begin(), groups.end()};
}

// The occupation and place codes against the loaded classifiers, as a field of kind classifier
// checks them (any level): 422 data.invalid with one detail per code not taken.
Status CheckCodes(const FieldLookups& lookups, const SeekerProfile& p) {
  Field nkz, kato;
  nkz.type = kato.type = FieldType::kClassifier;
  nkz.classifier = "nkz";
  kato.classifier = "kato";
  std::vector<ErrorDetail> bad;
  const auto check = [&](const Field& f, const std::string& code, std::string path) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto problem, CheckClassifierCode(f, code, path, lookups));
    if (problem) bad.push_back(std::move(*problem));
    return {};
  };
  for (std::size_t i = 0; i < p.occupations.size(); ++i) {
    JUMYS_TRY(check(nkz, p.occupations[i], "occupations[" + std::to_string(i) + "]"));
  }
  for (std::size_t i = 0; i < p.experience.size(); ++i) {
    JUMYS_TRY(check(nkz, p.experience[i].nkz, "experience[" + std::to_string(i) + "].nkz"));
  }
  JUMYS_TRY(check(kato, p.home_kato, "home_kato"));
  if (bad.empty()) return {};
  Error e = Error::Unprocessable("data.invalid"_msg, "the data is not valid");
  e.details = std::move(bad);
  return e;
}

}  // namespace

ProfileService::ProfileService(storage::Database& db, const OfficeDirectory& offices,
                               storage::AuditReadLog* read_log, Clock clock)
    : db_(db), offices_(offices), read_log_(read_log), clock_(std::move(clock)) {}

Expected<StoredProfile> ProfileService::Get(const Actor& actor, const std::string& iin,
                                            const std::string& request_id) const {
  std::optional<RecordOwner> owner;
  std::optional<StoredProfile> found;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(owner, storage::FindPersonOwner(tx, iin));
    if (!owner || !InScope(actor, offices_, *owner)) return {};
    JUMYS_ASSIGN_OR_RETURN(found, FindProfile(tx, iin));
    return {};
  }));
  if (!owner || !InScope(actor, offices_, *owner)) return PersonNotFound();
  if (!found) return Error::NotFound("profile.not_found"_msg, "no profile yet");
  if (read_log_) {
    read_log_->Record({FormatRfc3339(clock_()),
                       actor.login,
                       "profile.read",
                       "person",
                       iin,
                       owner->offices.empty() ? "" : owner->offices.front(),
                       {{"request_id", request_id}}});
  }
  return std::move(*found);
}

Expected<ProfileService::Saved> ProfileService::Put(const Actor& actor, const std::string& iin,
                                                    std::optional<std::int64_t> row_version,
                                                    SeekerProfile profile) {
  const std::string now = FormatRfc3339(clock_());
  bool created = false;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto owner, storage::FindPersonOwner(tx, iin));
    if (!owner || !InScope(actor, offices_, *owner)) return PersonNotFound();
    JUMYS_TRY(CheckCodes(StoreFieldLookups(offices_, tx), profile));
    JUMYS_ASSIGN_OR_RETURN(auto existing, FindProfile(tx, iin));
    const storage::Params content = {ProfileDocument(profile).dump(),
                                     profile.home_kato,
                                     OblastOf(profile.home_kato),
                                     std::string(MobilityName(profile.mobility)),
                                     profile.wage_tiyn,
                                     MajorGroups(profile),
                                     actor.login,
                                     now};
    if (!row_version) {
      if (existing) {
        return Error::Conflict("profile.exists"_msg,
                               "the person has a profile already; edit it from its version");
      }
      storage::Params params = content;
      params.push_back(iin);
      JUMYS_TRY(
          tx.Exec("INSERT INTO seeker_profiles (document, home_kato, home_oblast, mobility, "
                  "wage_tiyn, major_groups, updated_by, updated_at, iin, created_by, "
                  "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$7,$8)",
                  params));
      created = true;
    } else {
      storage::Params params = content;
      params.push_back(iin);
      params.push_back(*row_version);
      JUMYS_ASSIGN_OR_RETURN(
          auto changed,
          tx.Exec("UPDATE seeker_profiles SET document = $1, home_kato = $2, home_oblast = $3, "
                  "mobility = $4, wage_tiyn = $5, major_groups = $6, updated_by = $7, "
                  "updated_at = $8, row_version = row_version + 1 WHERE iin = $9 AND "
                  "row_version = $10",
                  params));
      if (changed != 1) {
        return existing ? Error::Conflict("profile.changed"_msg,
                                          "the profile changed meanwhile; fetch it again")
                        : Error::NotFound("profile.not_found"_msg, "no profile yet");
      }
    }
    // Which parts changed, not their values: the profile may say the person has a disability.
    nlohmann::json changed = nlohmann::json::array();
    const nlohmann::json before = existing ? ProfileDocument(existing->profile) : nlohmann::json{};
    const nlohmann::json after = ProfileDocument(profile);
    for (const auto& [key, value] : after.items()) {
      if (!existing || before[key] != value) changed.push_back(key);
    }
    return storage::AppendAudit(
        tx, storage::AuditEvent{now,
                                actor.login,
                                created ? "profile.create" : "profile.update",
                                "person",
                                iin,
                                owner->offices.empty() ? "" : owner->offices.front(),
                                {{"fields", changed}}});
  }));
  std::optional<StoredProfile> stored;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(stored, FindProfile(tx, iin));
    return {};
  }));
  if (!stored) return Error::Internal("profile vanished after writing");
  return Saved{std::move(*stored), created};
}

}  // namespace jumys::matching
