#pragma once
// Whole-definition checks, after parsing and after the refusal grounds are attached: start
// steps, kinds and their required fields, targets, channels, appointments, signatures,
// reachability, dead ends, decided results and grounds. The first problem is returned as
// "<file>:<line>: <reason>".
#include "core/error.h"
#include "engine/definition.h"

namespace jumys {

Status ValidateDefinition(const ProcessDefinition& def);

}  // namespace jumys
