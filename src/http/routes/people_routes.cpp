// People: the job seeker's personal record. Every read is written to the audit trail.
#include "http/api.h"
#include "http/json_io.h"
#include "http/json_writer.h"
#include "services/registry/registry_service.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kJobSeeker, Role::kOfficeClerk,          Role::kHead,
                          Role::kExecutor,  Role::kEmploymentSpecialist, Role::kUnitHead};
const RoleSet kWriters = {Role::kOfficeClerk, Role::kExecutor, Role::kEmploymentSpecialist};

std::string PersonJson(const registry::Person& p) {
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

HttpResponse PersonResponse(int status, const registry::Person& p) {
  HttpResponse r;
  r.status = status;
  r.body = PersonJson(p);
  return r;
}

Expected<HttpResponse> GetPerson(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto person, ctx.registry->ReadPerson(actor, request.path_params.at("iin"),
                                                               request.request_id));
  return PersonResponse(200, person);
}

Expected<HttpResponse> PutPerson(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  registry::PersonInput input;
  JUMYS_ASSIGN_OR_RETURN(input.iin, RequiredString(body, "iin", 12));
  JUMYS_ASSIGN_OR_RETURN(input.surname, RequiredString(body, "surname", 100));
  JUMYS_ASSIGN_OR_RETURN(input.given_name, RequiredString(body, "given_name", 100));
  JUMYS_ASSIGN_OR_RETURN(auto patronymic, OptionalString(body, "patronymic", 100));
  JUMYS_ASSIGN_OR_RETURN(auto phone, OptionalString(body, "phone", 40));
  JUMYS_ASSIGN_OR_RETURN(auto address, OptionalString(body, "address", 300));
  input.patronymic = patronymic.value_or("");
  input.phone = phone.value_or("");
  input.address = address.value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto stored, ctx.registry->RegisterPerson(actor, input));
  return PersonResponse(stored.created ? 201 : 200, stored.record);
}

}  // namespace

void AddPeopleRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/people/{iin}",
              Scope::kOffice,
              kReaders,
              "A person's record (staff of the person's office; the person themself)",
              {{"tags", {"people"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetPerson(ctx, r, a); },
              {Record::kPerson, "iin"}});
  router.Add({"POST", "/api/v1/people", Scope::kOffice, kWriters,
              "Register or update a person at the caller's office. A person registered at an "
              "office outside the caller's scope is not revealed: a transfer request goes to "
              "that office (GET /api/v1/transfers there) and the answer is the one a new "
              "registration gets (201 with the caller's entry, 200 when repeated).",
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
