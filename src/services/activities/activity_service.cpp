#include "services/activities/activity_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "core/blank.h"
#include "core/identifiers.h"
#include "engine/case_results.h"
#include "security/access.h"
#include "storage/audit_log.h"

namespace jumys::activities {

namespace {

constexpr const char* kColumns =
    "id, office_id, programme, kind, ref, audience, held_on, place, participants, employer_bins, "
    "person_iins, notes, recorded_by, recorded_at";

Error NotFound() { return Error::NotFound("activity.not_found"_msg, "no such activity"); }

std::string Listed(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + c;
  return out;
}

std::vector<std::string> Codes(const std::vector<Term>& terms) {
  std::vector<std::string> out;
  for (const auto& t : terms) out.push_back(t.code);
  return out;
}

ErrorDetail NotOption(const std::string& field, const std::vector<std::string>& options) {
  return {
      field, "field.not_option"_msg, "must be one of {options}", {{"options", Listed(options)}}};
}

// Each identifier checked by `parse` (Iin::Parse, Bin::Parse); repeats are dropped. The
// problems go to `bad` under "<field>[i]".
template <typename Parse>
std::vector<std::string> Identifiers(const std::vector<std::string>& given, const char* field,
                                     std::size_t max_items, Parse parse,
                                     std::vector<ErrorDetail>& bad) {
  std::vector<std::string> out;
  if (given.size() > max_items) {
    bad.push_back({field,
                   "field.too_many_items"_msg,
                   "must have at most {max} items",
                   {{"max", std::to_string(max_items)}}});
    return out;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const std::string path = std::string(field) + "[" + std::to_string(i) + "]";
    auto parsed = parse(given[i]);
    if (!parsed) {
      Error e = AtField(path, parsed.error());
      for (auto& d : e.details) bad.push_back(std::move(d));
      continue;
    }
    if (seen.insert(parsed->str()).second) out.push_back(parsed->str());
  }
  return out;
}

// The input's checks against the catalogue and the office's calendar day: one detail per bad
// field.
std::vector<ErrorDetail> Check(NewActivity& in, const ActivityCatalogue& catalogue, Date today) {
  std::vector<ErrorDetail> bad;
  const auto required = [&](const char* field, const std::string& value) {
    if (!value.empty()) return true;
    bad.push_back({field, "field.required"_msg, "is required"});
    return false;
  };
  in.place = TrimmedAscii(in.place);
  in.notes = TrimmedAscii(in.notes);

  const ProgrammeItems* programme = nullptr;
  if (required("programme", in.programme)) {
    programme = catalogue.Programme(in.programme);
    if (!programme) {
      std::vector<std::string> codes;
      for (const auto& p : catalogue.programmes()) codes.push_back(p.code);
      bad.push_back(NotOption("programme", codes));
    }
  }
  const bool kind_ok = required("kind", in.kind) && catalogue.HasKind(in.kind);
  if (!in.kind.empty() && !kind_ok) bad.push_back(NotOption("kind", Codes(catalogue.kinds())));
  const bool audience_ok = required("audience", in.audience) && catalogue.HasAudience(in.audience);
  if (!in.audience.empty() && !audience_ok) {
    bad.push_back(NotOption("audience", Codes(catalogue.audiences())));
  }
  if (required("ref", in.ref) && programme) {
    const SeedItem* item = catalogue.Item(in.programme, in.ref);
    if (!item) {
      std::vector<std::string> refs;
      for (const auto& i : programme->items) refs.push_back(i.ref);
      bad.push_back(NotOption("ref", refs));
    } else {
      if (kind_ok && item->kind != in.kind) {
        bad.push_back({"ref",
                       "activity.ref_of_other_kind"_msg,
                       "item {ref} of the programme is a {kind}",
                       {{"ref", item->ref}, {"kind", item->kind}}});
      }
      if (audience_ok && std::find(item->audiences.begin(), item->audiences.end(), in.audience) ==
                             item->audiences.end()) {
        bad.push_back({"audience",
                       "activity.audience_not_of_item"_msg,
                       "item {ref} is held for: {audiences}",
                       {{"ref", item->ref}, {"audiences", Listed(item->audiences)}}});
      }
    }
  }
  if (required("held_on", in.held_on)) {
    auto on = ParseDate(in.held_on);
    if (!on) {
      bad.push_back({"held_on", "field.not_date"_msg, "must be a date: YYYY-MM-DD"});
    } else if (*on > today) {
      bad.push_back({"held_on", "field.in_future"_msg, "must not be in the future"});
    } else {
      in.held_on = FormatDate(*on);
    }
  }
  if (required("place", in.place) && CodePoints(in.place) > kMaxPlaceChars) {
    bad.push_back({"place",
                   "field.too_long"_msg,
                   "must be at most {max} characters",
                   {{"max", std::to_string(kMaxPlaceChars)}}});
  }
  if (CodePoints(in.notes) > kMaxNotesChars) {
    bad.push_back({"notes",
                   "field.too_long"_msg,
                   "must be at most {max} characters",
                   {{"max", std::to_string(kMaxNotesChars)}}});
  }
  in.employers = Identifiers(in.employers, "employers", kMaxEmployers, Bin::Parse, bad);
  in.persons = Identifiers(in.persons, "persons", kMaxPersons, Iin::Parse, bad);
  if (!in.participants) {
    bad.push_back({"participants", "field.required"_msg, "is required"});
  } else if (*in.participants < 0 || *in.participants > kMaxParticipants) {
    bad.push_back({"participants",
                   "field.out_of_range"_msg,
                   "must be between {min} and {max}",
                   {{"min", "0"}, {"max", std::to_string(kMaxParticipants)}}});
  } else if (static_cast<std::size_t>(*in.participants) < in.persons.size()) {
    // Everyone named took part.
    bad.push_back({"participants",
                   "field.too_small"_msg,
                   "must be at least {min}",
                   {{"min", std::to_string(in.persons.size())}}});
  }
  return bad;
}

std::vector<std::string> JsonList(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

Activity FromRow(const storage::Rows& rows, std::size_t r) {
  Activity a;
  a.id = rows.Int(r, 0);
  a.office_id = rows.Text(r, 1);
  a.programme = rows.Text(r, 2);
  a.kind = rows.Text(r, 3);
  a.ref = rows.Text(r, 4);
  a.audience = rows.Text(r, 5);
  a.held_on = rows.Text(r, 6);
  a.place = rows.Text(r, 7);
  a.participants = rows.Int(r, 8);
  a.employers = JsonList(rows.Text(r, 9));
  a.persons = JsonList(rows.Text(r, 10));
  a.notes = rows.Text(r, 11);
  a.recorded_by = rows.Text(r, 12);
  a.recorded_at = rows.Text(r, 13);
  return a;
}

Expected<std::optional<Activity>> Find(storage::Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kColumns +
                                                 " FROM programme_activities WHERE id = $1",
                                             {id}));
  if (rows.empty()) return std::optional<Activity>{};
  return std::optional<Activity>(FromRow(rows, 0));
}

// "<held_on>.<id>" of the last item of a page.
std::string CursorOf(const Activity& a) { return a.held_on + "." + std::to_string(a.id); }

Expected<std::pair<std::string, std::int64_t>> ParseCursor(const std::string& cursor) {
  const auto bad = [] {
    return FieldError(ErrorCode::kInvalidInput, "cursor", "field.bad_cursor"_msg,
                      "is not the next_cursor of a page");
  };
  const auto dot = cursor.find('.');
  if (dot == std::string::npos || !ParseDate(cursor.substr(0, dot))) return bad();
  const std::string id = cursor.substr(dot + 1);
  if (id.empty() || id.size() > 18 || !std::all_of(id.begin(), id.end(), ::isdigit)) return bad();
  return std::pair<std::string, std::int64_t>(cursor.substr(0, dot), std::stoll(id));
}

}  // namespace

ActivityService::ActivityService(storage::Database& db, const OfficeDirectory& offices,
                                 const ActivityCatalogue& catalogue, Clock clock)
    : db_(db), offices_(offices), catalogue_(catalogue), clock_(std::move(clock)) {}

Expected<Activity> ActivityService::Record(const Actor& actor, NewActivity in) {
  const auto office = offices_.Find(actor.office_id);
  if (actor.applicant || !office) {
    return Error::Forbidden("activity.staff_only"_msg,
                            "programme activities are recorded by an office's staff");
  }
  const Instant at = clock_();
  auto bad = Check(in, catalogue_, OfficeDate(*office, at));
  if (!bad.empty()) {
    return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(bad));
  }
  Activity a;
  a.office_id = actor.office_id;
  a.programme = in.programme;
  a.kind = in.kind;
  a.ref = in.ref;
  a.audience = in.audience;
  a.held_on = in.held_on;
  a.place = in.place;
  a.participants = *in.participants;
  a.employers = in.employers;
  a.persons = in.persons;
  a.notes = in.notes;
  a.recorded_by = actor.login;
  a.recorded_at = FormatRfc3339(at);
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("INSERT INTO programme_activities (office_id, programme, kind, ref, audience, "
                 "held_on, place, participants, employer_bins, person_iins, notes, recorded_by, "
                 "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                 "RETURNING id",
                 {a.office_id, a.programme, a.kind, a.ref, a.audience, a.held_on, a.place,
                  a.participants, nlohmann::json(a.employers).dump(),
                  nlohmann::json(a.persons).dump(), a.notes, a.recorded_by, a.recorded_at}));
    a.id = rows.Int(0, 0);
    // The chain names the people only masked: it is read more widely than the record.
    nlohmann::json persons = nlohmann::json::array();
    for (const auto& iin : a.persons) persons.push_back(Iin::Parse(iin)->Masked());
    return storage::AppendAudit(tx, {{a.recorded_at,
                                      actor.login,
                                      "activity.record",
                                      "programme_activity",
                                      std::to_string(a.id),
                                      a.office_id,
                                      {{"programme", a.programme},
                                       {"kind", a.kind},
                                       {"ref", a.ref},
                                       {"audience", a.audience},
                                       {"held_on", a.held_on},
                                       {"participants", a.participants},
                                       {"employers", a.employers},
                                       {"persons", persons}}}});
  }));
  return a;
}

Expected<ActivityPage> ActivityService::List(const Actor& actor, const ActivityQuery& q) const {
  ActivityPage page;
  if (actor.applicant) return page;
  std::vector<std::string> offices = VisibleOffices(actor, offices_);
  if (q.office) {
    const bool seen = std::find(offices.begin(), offices.end(), *q.office) != offices.end();
    offices = seen ? std::vector<std::string>{*q.office} : std::vector<std::string>{};
  }
  if (offices.empty()) return page;
  std::string sql =
      std::string("SELECT ") + kColumns + " FROM programme_activities WHERE office_id IN (";
  storage::Params params;
  for (std::size_t i = 0; i < offices.size(); ++i) {
    params.push_back(offices[i]);
    sql += (i ? ", $" : "$") + std::to_string(params.size());
  }
  sql += ")";
  const auto where = [&](const std::string& condition, storage::Value value) {
    params.push_back(std::move(value));
    sql += " AND " + condition + " $" + std::to_string(params.size());
  };
  if (q.programme) where("programme =", *q.programme);
  if (q.kind) where("kind =", *q.kind);
  if (q.from) where("held_on >=", FormatDate(*q.from));
  if (q.to) where("held_on <=", FormatDate(*q.to));
  if (q.cursor) {
    JUMYS_ASSIGN_OR_RETURN(auto after, ParseCursor(*q.cursor));
    params.push_back(after.first);
    params.push_back(after.second);
    const std::string on = "$" + std::to_string(params.size() - 1);
    const std::string id = "$" + std::to_string(params.size());
    sql += " AND (held_on < " + on + " OR (held_on = " + on + " AND id < " + id + "))";
  }
  const std::int64_t limit = std::clamp<std::int64_t>(q.limit, 1, 500);
  // One more than the page shows tells whether another follows.
  sql += " ORDER BY held_on DESC, id DESC LIMIT " + std::to_string(limit + 1);
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
    for (std::size_t r = 0; r < rows.size(); ++r) page.items.push_back(FromRow(rows, r));
    return {};
  }));
  if (static_cast<std::int64_t>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next_cursor = CursorOf(page.items.back());
  }
  return page;
}

Expected<Activity> ActivityService::Get(const Actor& actor, std::int64_t id) const {
  std::optional<Activity> found;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(found, Find(tx, id));
    return {};
  }));
  if (!found || !InScope(actor, offices_, RecordOwner{{found->office_id}, "", "", ""})) {
    return NotFound();
  }
  return std::move(*found);
}

Expected<std::optional<RecordOwner>> ActivityService::Owner(std::int64_t id) const {
  std::optional<RecordOwner> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto found, Find(tx, id));
    if (found) out = RecordOwner{{found->office_id}, "", "", ""};
    return {};
  }));
  return out;
}

}  // namespace jumys::activities
