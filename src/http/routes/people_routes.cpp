// People: the job seeker's personal record. Every read is written to the audit trail.
#include "core/identifiers.h"
#include "http/api.h"
#include "http/json_io.h"
#include "http/json_writer.h"
#include "security/access.h"
#include "storage/repositories/repositories.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kJobSeeker, Role::kOfficeClerk,          Role::kHead,
                          Role::kExecutor,  Role::kEmploymentSpecialist, Role::kUnitHead};
const RoleSet kWriters = {Role::kOfficeClerk, Role::kExecutor, Role::kEmploymentSpecialist};

std::string PersonJson(const storage::PersonRecord& p) {
  return JsonObjectWriter()
      .Field("iin", p.iin)
      .Field("surname", p.surname)
      .Field("given_name", p.given_name)
      .Field("patronymic", p.patronymic)
      .Field("birth_date", p.birth_date)
      .Field("sex", p.sex)
      .Field("office", p.office_id)
      .Field("phone", p.phone)
      .Field("address", p.address)
      .Field("created_at", p.created_at)
      .Field("updated_at", p.updated_at)
      .Finish();
}

HttpResponse PersonResponse(int status, const storage::PersonRecord& p) {
  HttpResponse r;
  r.status = status;
  r.body = PersonJson(p);
  return r;
}

Expected<HttpResponse> GetPerson(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto iin, Iin::Parse(request.path_params.at("iin")));
  if (actor.applicant && actor.iin != iin.str()) return Error::NotFound("no such person");
  std::optional<storage::PersonRecord> person;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(person, storage::FindPerson(tx, iin.str()));
    return {};
  }));
  if (!person) return Error::NotFound("no such person");
  if (!actor.applicant && !CanAccessOffice(actor, ctx.offices, person->office_id)) {
    return Error::NotFound("no such person");
  }
  ctx.read_log.Record({FormatRfc3339(ctx.clock()),
                       actor.login,
                       "person.read",
                       "person",
                       person->iin,
                       person->office_id,
                       {{"request_id", request.request_id}}});
  return PersonResponse(200, *person);
}

Expected<HttpResponse> PutPerson(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto iin_text, RequiredString(body, "iin", 12));
  JUMYS_ASSIGN_OR_RETURN(auto iin, Iin::Parse(iin_text));
  if (!IsBornBy(iin,
                std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(ctx.clock())})) {
    return Error::Unprocessable("IIN birth date is in the future");
  }
  storage::PersonRecord p;
  p.iin = iin.str();
  JUMYS_ASSIGN_OR_RETURN(p.surname, RequiredString(body, "surname", 100));
  JUMYS_ASSIGN_OR_RETURN(p.given_name, RequiredString(body, "given_name", 100));
  JUMYS_ASSIGN_OR_RETURN(auto patronymic, OptionalString(body, "patronymic", 100));
  JUMYS_ASSIGN_OR_RETURN(auto phone, OptionalString(body, "phone", 40));
  JUMYS_ASSIGN_OR_RETURN(auto address, OptionalString(body, "address", 300));
  p.patronymic = patronymic.value_or("");
  p.phone = phone.value_or("");
  p.address = address.value_or("");
  p.birth_date = FormatDate(iin.birth_date());
  p.sex = iin.sex() == Sex::kMale ? "male" : "female";
  p.office_id = actor.office_id;
  const std::string now = FormatRfc3339(ctx.clock());
  bool created = false;
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindPerson(tx, p.iin));
    if (existing && !CanAccessOffice(actor, ctx.offices, existing->office_id)) {
      return Error::Conflict("this person is registered at another office");
    }
    if (existing) p.office_id = existing->office_id;
    JUMYS_ASSIGN_OR_RETURN(created, storage::UpsertPerson(tx, p, now));
    return storage::AppendAudit(
        tx, {now, actor.login, created ? "person.create" : "person.update", "person", p.iin,
             p.office_id, nlohmann::json::parse(PersonJson(p))});
  }));
  std::optional<storage::PersonRecord> stored;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(stored, storage::FindPerson(tx, p.iin));
    return {};
  }));
  if (!stored) return Error::Internal("person vanished after write");
  return PersonResponse(created ? 201 : 200, *stored);
}

}  // namespace

void AddPeopleRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/people/{iin}",
              Scope::kOffice,
              kReaders,
              "A person's record (staff of the person's office; the person themself)",
              {{"tags", {"people"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetPerson(ctx, r, a); }});
  router.Add({"POST", "/api/v1/people", Scope::kOffice, kWriters,
              "Register or update a person at the caller's office",
              DocWithJsonBody("people", {"iin", "surname", "given_name"},
                              {{"iin", {{"type", "string"}, {"pattern", "^[0-9]{12}$"}}},
                               {"surname", {{"type", "string"}}},
                               {"given_name", {{"type", "string"}}},
                               {"patronymic", {{"type", "string"}}},
                               {"phone", {{"type", "string"}}},
                               {"address", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PutPerson(ctx, r, a); }});
}

}  // namespace jumys::http
