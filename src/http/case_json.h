#pragma once
// JSON of cases, tasks and results, in one place for the case, task and process routes (and
// so for the OpenAPI document's examples).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/time.h"
#include "domain/actor.h"
#include "engine/case_model.h"
#include "engine/case_service.h"
#include "engine/definition.h"
#include "http/http_types.h"

namespace jumys::http {

nlohmann::json LocalizedJson(const LocalizedText& t);

// A task: its API fields (id, case_id, step, ref, role, office, limit, created_at, due_at,
// overdue, outcomes) plus kind, title, assignee, what its outcomes require, and for a
// completed task when, by whom and how. `overdue`: the due time passed before the task was
// completed (open tasks: before `now`). `outcomes` lists what the task offers now (empty once
// completed), the positive one first. `fields`: what a completion's data takes (the step's,
// then the outcomes'); `working_minutes_left` and `urgency` from `time_left`.
nlohmann::json TaskJson(const TaskRow& task, const Step* step,
                        const std::optional<std::string>& decided_kind, bool case_open, Instant now,
                        const TaskTimeLeft& time_left);

// {"kind", "number", "document_url", "grounds": [{"code", "item", "text"}], "missing",
// "expired"}; null when no result is issued yet.
nlohmann::json ResultJson(const CaseRow& kase, const ProcessDefinition* def);

// A case in listings: no tasks, no events.
nlohmann::json CaseSummaryJson(const CaseRow& kase, const ProcessDefinition* def);

// A case with its tasks; its timeline is added by CaseDetailResponse.
nlohmann::json CaseDetailJson(const CaseService::CaseDetail& detail, const ProcessDefinition* def,
                              Instant now);

// `case_json` (CaseDetailJson, perhaps with more fields) with "events": the case's timeline
// from the audit chain (seq, at, actor, action, data: who, when, what). Each event's data is
// written out as stored, without parsing it again.
HttpResponse CaseDetailResponse(int status, const nlohmann::json& case_json,
                                const std::vector<CaseEventRow>& events);

// CaseDetailResponse as `viewer` may see it. Staff see it whole. An applicant gets no staff
// logins and nothing internal: no created_by or assignees, no task's assignee or
// completed_by, and of the timeline only what happened (action, time); the actor and data
// only of the applicant's own events.
HttpResponse CaseResponseFor(const Actor& viewer, int status, nlohmann::json case_json,
                             const std::vector<CaseEventRow>& events);

}  // namespace jumys::http
