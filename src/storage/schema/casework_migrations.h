#pragma once
// Migrations 9-16: notifications, task alerts, case milestones, the deregistered card, drafts per
// kind, annulments, complaints' subjects, internal notes. schema.cpp lists them with the others.

namespace jumys::storage::casework_schema {

extern const char* const kNotifications;
extern const char* const kTaskAlerts;
extern const char* const kCaseMilestones;
extern const char* const kCardDeregisteredPostgres;
extern const char* const kCardDeregisteredSqlite;
extern const char* const kDraftsPerKind;
extern const char* const kAnnulmentsTables;
extern const char* const kCaseSubjects;
extern const char* const kCaseNotesTable;

}  // namespace jumys::storage::casework_schema
