#pragma once
// The small definition the decision-list tests run on (engine and loader), header-only.

namespace jumys::testing {

// 2.5 lists the application for review, 3.1 is decided over the list by the head: approved
// goes on to 3.2, rejected ends refused with grounds, withdrawn (the employer's own, not the
// list's) cancels the case.
inline const char* const kListedDefinition = R"(code: listed
version: v1
status: active
title: {kk: Тізім, ru: Список, en: Listed}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 20wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "1", start: check}
intake:
  fields:
    - {name: remark, type: text, label: {kk: а, ru: б, en: Remark}}
steps:
  - id: check
    ref: "2.5"
    role: employer_specialist
    limit: 1wd
    list: applications_review
    title: {kk: а, ru: б, en: Send for review}
    fields:
      - {name: remark, type: text, max_length: 200, label: {kk: а, ru: б, en: Remark}}
    outcomes:
      - {id: sent, next: decide}
      - {id: not_compliant, end: refusal, requires_grounds: true}
  - id: decide
    ref: "3.1"
    role: employer_specialist
    limit: 5wd
    decided_on_list: {list: applications_review, by: head}
    title: {kk: а, ru: б, en: Enter the decision}
    outcomes:
      - {id: approved, next: follow_up}
      - {id: rejected, end: refusal, requires_grounds: true}
      - {id: withdrawn, end: withdrawn, status: cancelled}
  - id: follow_up
    ref: "3.2"
    role: employer_specialist
    limit: 1wd
    title: {kk: а, ru: б, en: Follow up}
    outcomes:
      - {id: done, end: participant_inclusion}
)";

inline const char* const kListedGrounds = R"(process: listed
grounds:
  - {code: requirements_not_met, result: refusal, item: "10", text: {kk: а, ru: б, en: c}}
  - {code: unreliable_documents, result: refusal, item: "10", text: {kk: а, ru: б, en: c}}
)";

}  // namespace jumys::testing
