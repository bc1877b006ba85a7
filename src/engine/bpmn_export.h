#pragma once
// BPMN 2.0 export of a process definition (issue 3, item 7): a collaboration whose participant
// has a lane per role; a user task per user step carrying its ref and limit (in its name, its
// documentation and a <jumys:step> extension element); service tasks for automatic steps;
// timer catch events for timers and repeats; receive tasks with a boundary timer for waits;
// exclusive gateways where a step has several outcomes; an end event per result kind; and
// BPMN DI so bpmn-js can open it. Valid against the OMG BPMN 2.0 XSD.
#include <string>

#include "engine/definition.h"

namespace jumys {

inline constexpr const char* kBpmnExtensionNamespace = "urn:jumys:bpmn:1";

std::string ExportBpmn(const ProcessDefinition& def);

}  // namespace jumys
