// Decision lists (engine/decision_lists.h, docs/DECISION_LISTS.md): the office's lists of
// cases, submitted by the listing step's role, decided at once by the deciding role and
// recorded on each case by the deciding step's role. The roles come from the definition, so
// the routes admit staff and the service checks the role.
#include "engine/decision_lists.h"
#include "http/api.h"
#include "http/document_http.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"
#include "services/documents/document_service.h"

namespace jumys::http {

namespace {

constexpr std::size_t kMaxDecisions = 1000;

nlohmann::json Who(const std::string& by, const std::string& at) {
  if (by.empty()) return nullptr;
  return {{"login", by}, {"at", at}};
}

nlohmann::json ListJson(const DecisionListRow& l) {
  return {{"id", l.id},
          {"number", l.number},
          {"office", l.office_id},
          {"process", l.process},
          {"version", l.version},
          {"list", l.list_name},
          {"status", l.status},
          {"items_count", l.items},
          {"created_at", l.created_at},
          {"submitted", Who(l.submitted_by, l.submitted_at)},
          {"decided", Who(l.decided_by, l.decided_at)},
          {"recorded", Who(l.recorded_by, l.recorded_at)}};
}

nlohmann::json Localized(const LocalizedText& t) {
  return {{"kk", t.kk}, {"ru", t.ru}, {"en", t.en}};
}

Expected<nlohmann::json> DetailJson(ApiContext& ctx, const DecisionListDetail& d) {
  nlohmann::json out = ListJson(d.list);
  out["roles"] = {{"submit", RoleName(d.submit_role)},
                  {"decide", RoleName(d.decide_role)},
                  {"record", RoleName(d.record_role)}};
  JUMYS_ASSIGN_OR_RETURN(auto def, ctx.cases.DefinitionOf(d.list.process, d.list.version));
  const Step* step = def->FindStep(d.deciding_step);
  out["step"] = {{"id", step->id}, {"ref", step->ref}, {"title", Localized(step->title)}};
  nlohmann::json outcomes = nlohmann::json::array();
  for (const auto& id : d.outcomes) {
    const Outcome* o = step->FindOutcome(id);
    nlohmann::json grounds = nlohmann::json::array();
    if (o->requires_grounds) {
      for (const RefusalGround* g : def->GroundsFor(o->decides->kind))
        grounds.push_back({{"code", g->code}, {"item", g->item}, {"text", Localized(g->text)}});
    }
    outcomes.push_back(
        {{"id", o->id}, {"requires_grounds", o->requires_grounds}, {"grounds", grounds}});
  }
  out["outcomes"] = outcomes;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : d.items) {
    items.push_back({{"position", i.item.position},
                     {"case_id", i.kase.id},
                     {"case_number", i.kase.number},
                     {"applicant_bin", i.kase.applicant_bin},
                     {"applicant_iin", i.kase.applicant_iin},
                     {"case_status", i.kase.status},
                     {"summary", i.kase.data},
                     {"remark", i.item.remark},
                     {"awaiting_decision", i.task_id != 0},
                     {"outcome", i.item.outcome.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(i.item.outcome)},
                     {"grounds", i.item.grounds}});
  }
  out["items"] = items;
  return out;
}

Expected<HttpResponse> Respond(ApiContext& ctx, const Expected<DecisionListDetail>& d) {
  if (!d) return d.error();
  JUMYS_ASSIGN_OR_RETURN(auto body, DetailJson(ctx, *d));
  return JsonResponse(200, body);
}

Expected<HttpResponse> ListLists(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  const std::string status = request.Query("status").value_or("");
  if (!status.empty() && status != kListOpen && status != kListSubmitted &&
      status != kListDecided && status != kListRecorded) {
    return FieldError(ErrorCode::kUnprocessable, "status", "decision_list.bad_status"_msg,
                      "status is one of open, submitted, decided, recorded");
  }
  JUMYS_ASSIGN_OR_RETURN(auto limit, QueryLimit(request, 50, 200));
  JUMYS_ASSIGN_OR_RETURN(
      auto lists, ctx.decision_lists->List(VisibleOffices(actor, ctx.offices), status, limit));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : lists) items.push_back(ListJson(l));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> ListPdf(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto d, ctx.decision_lists->Load(id));
  JUMYS_ASSIGN_OR_RETURN(auto def, ctx.cases.DefinitionOf(d.list.process, d.list.version));
  const auto office = ctx.offices.Find(d.list.office_id);
  if (!office) return Error::Internal("decision list of an unknown office " + d.list.office_id);
  JUMYS_ASSIGN_OR_RETURN(auto pdf, ctx.documents->DecisionListPdf(d, *def, *office));
  HttpResponse r;
  r.content_type = "application/pdf";
  r.body = std::move(pdf);
  // The number is ASCII (office id, year, sequence): safe in the header as it is.
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + d.list.number + ".pdf\"");
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

// {"items": [{"case_id": 1, "outcome": "approved"}, {"case_id": 2, "outcome": "rejected",
// "grounds": ["requirements_not_met"]}]}
Expected<std::vector<ItemDecision>> Decisions(const std::string& text) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(text));
  auto it = body.find("items");
  if (it == body.end() || !it->is_array()) {
    return FieldError(ErrorCode::kInvalidInput, "items", "decision_list.items_not_list"_msg,
                      "items must be a list of {case_id, outcome, grounds}");
  }
  if (it->size() > kMaxDecisions) {
    return FieldError(ErrorCode::kUnprocessable, "items", "decision_list.too_many"_msg,
                      "at most {max} items", {{"max", std::to_string(kMaxDecisions)}});
  }
  std::vector<ItemDecision> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    const auto bad = [&] {
      return FieldError(ErrorCode::kInvalidInput, field, "decision_list.item_malformed"_msg,
                        "each item is {case_id: number, outcome: text, grounds: [text]}");
    };
    if (!item.is_object()) return bad();
    ItemDecision d;
    auto id = item.find("case_id");
    auto outcome = item.find("outcome");
    if (id == item.end() || !id->is_number_integer()) return bad();
    if (outcome == item.end() || !outcome->is_string() || outcome->get<std::string>().size() > 64)
      return bad();
    d.case_id = id->get<std::int64_t>();
    d.outcome = outcome->get<std::string>();
    if (auto g = item.find("grounds"); g != item.end()) {
      if (!g->is_array() || g->size() > 20) return bad();
      for (const auto& code : *g) {
        if (!code.is_string() || code.get<std::string>().size() > 64) return bad();
        d.grounds.push_back(code.get<std::string>());
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

void AddDecisionListRoutes(Router& router, ApiContext& ctx) {
  const nlohmann::json tags = {{"tags", {"decision-lists"}}};
  router.Add({"GET", "/api/v1/decision-lists", Scope::kOffice, StaffRoles(),
              "The decision lists of the offices the caller sees, newest first; `status` "
              "(open, submitted, decided, recorded) filters. 422 another status.",
              tags, [&ctx](HttpRequest& r, const Actor& a) { return ListLists(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/decision-lists/{id}",
              Scope::kOffice,
              StaffRoles(),
              "One list: its number, status and who moved it on; the roles that submit, decide "
              "and record it; the outcomes it may decide (with the refusal grounds each may "
              "cite); and each item: the case number, applicant, the application's data, the "
              "specialist's remark, whether the case still awaits the decision, the decision.",
              tags,
              [&ctx](HttpRequest& r, const Actor&) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto id, PathId(r, "id"));
                return Respond(ctx, ctx.decision_lists->Load(id));
              },
              {Record::kDecisionList, "id"}});
  router.Add({"GET",
              "/api/v1/decision-lists/{id}/pdf",
              Scope::kOffice,
              StaffRoles(),
              "A decided list printed (kk/ru): each application in order with the decision and "
              "the grounds of each refusal, drawn from the record on each request. 409 "
              "decision_list.not_decided before the head decides it.",
              {{"tags", {"decision-lists"}}, {"responses", PdfResponseDoc("the decision list")}},
              [&ctx](HttpRequest& r, const Actor&) { return ListPdf(ctx, r); },
              {Record::kDecisionList, "id"}});
  router.Add({"POST",
              "/api/v1/decision-lists/{id}/submit",
              Scope::kOffice,
              StaffRoles(),
              "The listing step's role sends the open list to the deciding role; cases listed "
              "from now on start a new list. 403 another role; 409 not open; 422 "
              "decision_list.empty. Audited.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto id, PathId(r, "id"));
                return Respond(ctx, ctx.decision_lists->Submit(a, id));
              },
              {Record::kDecisionList, "id"}});
  router.Add(
      {"POST",
       "/api/v1/decision-lists/{id}/decide",
       Scope::kOffice,
       StaffRoles(),
       "The deciding role decides every item of a submitted list in one action: an outcome "
       "each, refusal grounds for each refusal. 422 decision_list.invalid with a detail per "
       "item left undecided or decided wrongly; 409 decision_list.stale naming each case that "
       "left the deciding step meanwhile; 409 decided already. Nothing changes on an error. "
       "Audited.",
       DocWithJsonBody(
           "decision-lists", {"items"},
           {{"items",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"required", {"case_id", "outcome"}},
                {"properties",
                 {{"case_id", {{"type", "integer"}}},
                  {"outcome", {{"type", "string"}}},
                  {"grounds", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}}}}}),
       [&ctx](HttpRequest& r, const Actor& a) -> Expected<HttpResponse> {
         JUMYS_ASSIGN_OR_RETURN(auto id, PathId(r, "id"));
         JUMYS_ASSIGN_OR_RETURN(auto decisions, Decisions(r.body));
         return Respond(ctx, ctx.decision_lists->Decide(a, id, decisions));
       },
       {Record::kDecisionList, "id"}});
  router.Add({"POST",
              "/api/v1/decision-lists/{id}/drop-stale",
              Scope::kOffice,
              StaffRoles(),
              "The listing or the deciding role takes off an open or submitted list the cases no "
              "longer awaiting its decision (withdrawn after listing), so the rest can be "
              "decided. 409 decision_list.none_stale when every case still awaits; 409 decided "
              "already. Audited.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto id, PathId(r, "id"));
                return Respond(ctx, ctx.decision_lists->DropStale(a, id));
              },
              {Record::kDecisionList, "id"}});
  router.Add({"POST",
              "/api/v1/decision-lists/{id}/record",
              Scope::kOffice,
              StaffRoles(),
              "The deciding step's role records a decided list: each case's task is completed "
              "with the list's outcome and grounds, its history naming the list, in one "
              "transaction. 403 another role; 409 not decided, recorded already, or a case "
              "that left the step (named). Audited.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto id, PathId(r, "id"));
                return Respond(ctx, ctx.decision_lists->Record(a, id));
              },
              {Record::kDecisionList, "id"}});
}

}  // namespace jumys::http
