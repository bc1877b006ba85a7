#include "http/case_json.h"

#include "engine/case_engine.h"
#include "engine/case_results.h"
#include "http/field_json.h"
#include "http/json_io.h"
#include "http/json_writer.h"

namespace jumys::http {

namespace {

nlohmann::json TextOrNull(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

}  // namespace

nlohmann::json LocalizedJson(const LocalizedText& t) {
  return {{"kk", t.kk}, {"ru", t.ru}, {"en", t.en}};
}

nlohmann::json TaskJson(const TaskRow& task, const Step* step,
                        const std::optional<std::string>& decided_kind, bool case_open, Instant now,
                        const TaskTimeLeft& time_left) {
  const bool open = task.open() && case_open;
  const std::string until = task.completed_at ? *task.completed_at : FormatRfc3339(now);
  nlohmann::json outcomes = nlohmann::json::array();
  nlohmann::json refusals = nlohmann::json::array();
  nlohmann::json unsigned_outcomes = nlohmann::json::array();
  if (open && step) {
    for (const Outcome* o : OfferedOutcomes(*step, decided_kind)) {
      outcomes.push_back(o->id);
      if (o->requires_grounds) refusals.push_back(o->id);
      if (o->skips_signature) unsigned_outcomes.push_back(o->id);
    }
  }
  nlohmann::json j = {
      {"id", task.id},
      {"case_id", task.case_id},
      {"step", task.step},
      {"ref", task.ref},
      {"kind", StepKindName(task.kind)},
      {"role", task.role ? nlohmann::json(RoleName(*task.role)) : nlohmann::json(nullptr)},
      {"office", task.office_id},
      {"assignee", TextOrNull(task.assignee)},
      {"limit", TextOrNull(task.limit)},
      {"created_at", task.created_at},
      {"due_at", task.has_due() ? nlohmann::json(task.due_at) : nlohmann::json(nullptr)},
      {"overdue", task.has_due() && until > task.due_at},
      {"open", open},
      {"outcomes", outcomes},
      {"requires_grounds", refusals},
      {"working_minutes_left", time_left.working_minutes
                                   ? nlohmann::json(*time_left.working_minutes)
                                   : nlohmann::json(nullptr)},
      {"urgency", UrgencyName(time_left.urgency)},
  };
  j["fields"] = step ? StepFieldsJson(*step) : nlohmann::json::array();
  if (step) {
    j["title"] = LocalizedJson(step->title);
    j["assigns"] =
        step->assigns ? nlohmann::json(RoleName(*step->assigns)) : nlohmann::json(nullptr);
    j["signature_required"] = !step->signers.empty();
    // Outcomes of a signing step taken without the signature (the head returns a contract).
    j["unsigned_outcomes"] = unsigned_outcomes;
  }
  if (task.completed_at) {
    j["completed_at"] = *task.completed_at;
    j["completed_by"] = task.completed_by;
    j["outcome"] = task.outcome;
  }
  return j;
}

nlohmann::json ResultJson(const CaseRow& kase, const ProcessDefinition* def) {
  if (!kase.result) return nullptr;
  const CaseResult& r = *kase.result;
  nlohmann::json grounds = nlohmann::json::array();
  for (const auto& code : r.grounds) {
    nlohmann::json g = {{"code", code}};
    if (const RefusalGround* found = def ? def->FindGround(code) : nullptr) {
      g["item"] = found->item;
      g["text"] = LocalizedJson(found->text);
    }
    grounds.push_back(std::move(g));
  }
  return {{"kind", r.kind},
          {"number", r.number},
          {"document_url", DocumentUrl(kase.id, r.document_id)},
          {"grounds", grounds},
          {"missing", r.missing},
          {"expired", r.expired}};
}

nlohmann::json CaseSummaryJson(const CaseRow& kase, const ProcessDefinition* def) {
  nlohmann::json applicant = kase.applicant_iin.empty()
                                 ? nlohmann::json{{"bin", kase.applicant_bin}}
                                 : nlohmann::json{{"iin", kase.applicant_iin}};
  nlohmann::json j = {
      {"id", kase.id},
      {"number", kase.number},
      {"process", kase.process},
      {"version", kase.version},
      {"channel", ChannelName(kase.channel)},
      {"office", kase.office_id},
      {"applicant", applicant},
      {"status", kase.status},
      {"created_at", kase.created_at},
      {"updated_at", kase.updated_at},
      {"closed_at", kase.closed_at ? nlohmann::json(*kase.closed_at) : nlohmann::json(nullptr)},
      {"result_due_on",
       kase.result_due_on ? nlohmann::json(*kase.result_due_on) : nlohmann::json(nullptr)},
      {"accepted_at",
       kase.accepted_at ? nlohmann::json(*kase.accepted_at) : nlohmann::json(nullptr)}};
  if (def) j["title"] = LocalizedJson(def->title);
  if (kase.result) j["result"] = ResultJson(kase, def);
  return j;
}

nlohmann::json CaseDetailJson(const CaseService::CaseDetail& detail, const ProcessDefinition* def,
                              Instant now) {
  const CaseRow& kase = detail.kase;
  nlohmann::json j = CaseSummaryJson(kase, def);
  j["documents"] = kase.documents;
  j["data"] = kase.data;
  j["decided"] = kase.decided ? nlohmann::json(kase.decided->kind) : nlohmann::json(nullptr);
  j["assignees"] = kase.assignees;
  j["created_by"] = kase.created_by;
  std::optional<std::string> decided;
  if (kase.decided) decided = kase.decided->kind;
  nlohmann::json tasks = nlohmann::json::array();
  for (std::size_t i = 0; i < detail.tasks.size(); ++i) {
    const TaskRow& t = detail.tasks[i];
    const TaskTimeLeft left = i < detail.time_left.size() ? detail.time_left[i] : TaskTimeLeft{};
    tasks.push_back(
        TaskJson(t, def ? def->FindStep(t.step) : nullptr, decided, kase.open(), now, left));
  }
  j["tasks"] = std::move(tasks);
  nlohmann::json parties = nlohmann::json::array();
  for (const auto& p : detail.parties) {
    nlohmann::json party = {{"party", p.party}, {"added_at", p.added_at}};
    if (!p.iin.empty()) party["iin"] = p.iin;
    if (!p.bin.empty()) party["bin"] = p.bin;
    parties.push_back(std::move(party));
  }
  j["parties"] = std::move(parties);
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : detail.links) {
    links.push_back({{"kind", l.kind}, {"id", l.target_id}, {"added_at", l.added_at}});
  }
  j["links"] = std::move(links);
  if (!kase.result) j["result"] = nullptr;
  return j;
}

HttpResponse CaseDetailResponse(int status, const nlohmann::json& case_json,
                                const std::vector<CaseEventRow>& events) {
  HttpResponse response = JsonResponse(status, case_json);
  std::string list = R"("events":[)";
  for (const auto& e : events) {
    if (list.back() != '[') list += ',';
    list += JsonObjectWriter()
                .Field("action", e.action)
                .Field("actor", e.actor)
                .Field("at", e.at)
                .RawField("data", e.data.empty() ? std::string_view("{}") : e.data)
                .Field("seq", e.seq)
                .Finish();
  }
  list += ']';
  std::string& body = response.body;  // "{...}": the list goes before the closing brace
  body.insert(body.size() - 1, body.size() > 2 ? "," + list : list);
  return response;
}

HttpResponse CaseResponseFor(const Actor& viewer, int status, nlohmann::json case_json,
                             const std::vector<CaseEventRow>& all_events) {
  if (!viewer.applicant) return CaseDetailResponse(status, case_json, all_events);
  case_json.erase("created_by");
  case_json.erase("assignees");
  // An employer party (P1's employer of the vacancy) reads the case it signs for, not the
  // person's application: their family, their account.
  const nlohmann::json applicant = case_json.value("applicant", nlohmann::json::object());
  if (!viewer.bin.empty() && applicant.value("bin", "") != viewer.bin) {
    case_json.erase("data");
    case_json.erase("parties");
  }
  if (auto tasks = case_json.find("tasks"); tasks != case_json.end()) {
    for (auto& t : *tasks) {
      t.erase("assignee");
      t.erase("completed_by");
    }
  }
  std::vector<CaseEventRow> events;
  events.reserve(all_events.size());
  for (CaseEventRow e : all_events) {
    if (e.actor != viewer.login) {
      e.actor.clear();
      e.data = "{}";
    }
    events.push_back(std::move(e));
  }
  return CaseDetailResponse(status, case_json, events);
}

}  // namespace jumys::http
