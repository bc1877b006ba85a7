#pragma once
// A process definition: one version of one regulation as typed, immutable data. Loaded from
// processes/<code>/<version>.yaml by definition_loader.h and validated as a whole graph before
// anything runs, so the engine can trust every name, reference and limit it finds here.
//
// The graph: steps connected by outcomes. A case starts in a channel (office or portal) at
// that channel's start step; each completed step takes one outcome, which leads to another
// step or ends the case. A step without `channel` belongs to every channel of the definition;
// an outcome may lead elsewhere in one channel (`ChannelTarget`). The result a case ends with
// is decided along the way (`Outcome::decides`), so shared steps such as the head's signature
// serve every result.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/limit.h"
#include "core/time.h"
#include "domain/roles.h"

namespace jumys {

struct LocalizedText {
  std::string kk, ru, en;
};

enum class Channel : std::uint8_t { kOffice, kPortal };
enum class DefinitionStatus : std::uint8_t {
  kActive,  // runnable: offered to applicants, new cases may start
  kSketch,  // loaded and validated to prove the format, never run or offered
};
// Which kind of office provides the service and so holds new cases.
// kAny: whichever office holds the case it concerns (a complaint goes to the subject's office).
enum class ProviderLevel : std::uint8_t { kCentre, kOblast, kAny };

enum class StepKind : std::uint8_t {
  kUser,       // a task in a work queue, completed by a person of `role`
  kAutomatic,  // the system takes the first outcome whose guards hold, at once
  kTimer,      // fires its single outcome when `limit` has elapsed ("after 2wd")
  kWait,       // waits for an outside party; `limit` is the window, then the timeout outcome
  kRepeat,     // each `every` period: exit if `until` holds, else run the `body` sub-flow,
               // whose last step leads back here
};

// Where a step's task is worked, relative to the case's office.
enum class OfficeScope : std::uint8_t {
  kProvider,     // the case's own office
  kOblast,       // the oblast department above it
  kDestination,  // another office named in the case (e.g. the region of arrival)
};

// Someone outside the staff whom a wait step waits for.
enum class ExternalParty : std::uint8_t {
  kApplicant,  // the case's applicant, whoever it is
  kJobSeeker,
  kEmployer,
  kCommission,
  kLocalExecutiveBody,
};

// kMonthStart: at the start (office midnight) of the next calendar month, for what is done once
// a month has ended (a monthly report); the others count from the moment the step is entered.
enum class RepeatPeriod : std::uint8_t { kWeek, kMonth, kQuarter, kYear, kMonthStart };

// How a case ends: the API's case status.
enum class CaseEnd : std::uint8_t { kCompleted, kRefused, kCancelled };

// Who applies for a service: a person (identified by IIN) or an employer (by BIN).
enum class ApplicantKind : std::uint8_t { kPerson, kEmployer };

// The type of a declared `data` field (processes/README.md "Fields").
enum class FieldType : std::uint8_t {
  kText,        // string
  kNumber,      // integer
  kMoney,       // {"amount": <tiyn>, "currency": "KZT"}
  kDate,        // "YYYY-MM-DD"
  kBoolean,     // true / false
  kChoice,      // one of `options`' values
  kPerson,      // an IIN with a valid checksum
  kEmployer,    // a BIN with a valid checksum
  kOffice,      // an office id that exists
  kStaff,       // a staff login (holding `role` when given)
  kList,        // an array of `item`
  kGroup,       // an object of nested `fields`
  kClassifier,  // a loaded code of a reference classifier (`classifier: nkz|kato`)
  kVacancy,     // a vacancy id: published, relevant, with a free workplace (docs/PLACEMENTS.md)
  kIban,        // a Kazakh bank account: KZ, 2 check digits, 16 characters; mod-97 holds
};

// One explicit string mapping per enum (the names used in YAML, JSON and BPMN).
const char* ChannelName(Channel c);
std::optional<Channel> ParseChannel(std::string_view s);
const char* DefinitionStatusName(DefinitionStatus s);
std::optional<DefinitionStatus> ParseDefinitionStatus(std::string_view s);
const char* ProviderLevelName(ProviderLevel p);
std::optional<ProviderLevel> ParseProviderLevel(std::string_view s);
const char* StepKindName(StepKind k);
std::optional<StepKind> ParseStepKind(std::string_view s);
const char* OfficeScopeName(OfficeScope o);
std::optional<OfficeScope> ParseOfficeScope(std::string_view s);
const char* ExternalPartyName(ExternalParty p);
std::optional<ExternalParty> ParseExternalParty(std::string_view s);
const char* RepeatPeriodName(RepeatPeriod p);
std::optional<RepeatPeriod> ParseRepeatPeriod(std::string_view s);
const char* CaseEndName(CaseEnd e);  // "completed" | "refused" | "cancelled"
std::optional<CaseEnd> ParseCaseEnd(std::string_view s);
const char* ApplicantKindName(ApplicantKind a);  // "person" | "employer"
std::optional<ApplicantKind> ParseApplicantKind(std::string_view s);
const char* FieldTypeName(FieldType t);
std::optional<FieldType> ParseFieldType(std::string_view s);

// Days on which a version is in force, both ends inclusive; no `to` = open-ended.
struct EffectivePeriod {
  Date from{};
  std::optional<Date> to;
  bool Contains(Date d) const { return from <= d && (!to || d <= *to); }
  bool Overlaps(const EffectivePeriod& other) const {
    return (!to || other.from <= *to) && (!other.to || from <= *other.to);
  }
};

// Another act named by its number and date: the one that repealed or restated a regulation.
struct ActReference {
  std::string number;  // "163"
  Date date{};
};

// `act:` the legal act a definition implements, as its text says: number, the day it was
// adopted, the day (and number) it was registered with the Justice department, the act that
// restated it and the act that repealed it. Its own dates, apart from `effective`, the window
// in which this system runs the version.
struct ActRecord {
  std::string number;                       // "1057"
  Date adopted{};                           // the day the act was adopted
  std::optional<Date> registered;           // registered with the Justice department
  std::string registration_number;          // its number in the register; may be empty
  std::optional<ActReference> amended_by;   // the act that restated the regulation
  std::optional<ActReference> repealed_by;  // the act that repealed it
  int line = 0;
};

// `service_term: {office: 5wd, portal: 5wd}`: the term within which the service is rendered in
// a channel, from the standard the regulation cites. The case's result is due this long after
// filing on the office's calendar (cases.result_due_on).
struct ServiceTerm {
  Channel channel = Channel::kOffice;
  Limit limit;
  int line = 0;
};

struct DocumentRequirement {
  std::string type;  // a name from the vocabulary's document_types
  bool required = true;
  std::optional<Channel> channel;    // absent: asked in every channel
  bool must_not_be_expired = false;  // its valid_until must not be in the past at intake
  int line = 0;
  bool AppliesTo(Channel c) const { return !channel || *channel == c; }
};

struct FieldOption {
  std::string value;
  LocalizedText label;
};

// `when: {field, equals}`: the field applies (is shown, may be required, is accepted) only
// while the sibling `field` has this value. A boolean sibling's `equals` is "true"/"false".
struct FieldCondition {
  std::string field;
  std::string equals;
  bool boolean = false;  // the sibling is a boolean: compare with true/false, not text
  int line = 0;
};

// One declared key of a completion's or a filing's `data`. Constraints are kept as declared
// (absent = not declared); the defaults (text max 1000 characters, list max 100 items) are
// field_validation.h's.
struct Field {
  std::string name;  // empty for a list's item
  FieldType type = FieldType::kText;
  bool required = false;
  LocalizedText label;
  std::optional<LocalizedText> hint;
  std::optional<FieldCondition> when;
  std::optional<std::int64_t> min, max;  // number: the value; money: the amount in tiyn
  std::optional<std::int64_t> min_length, max_length;  // text, in characters
  std::optional<std::string> pattern;                  // text: ECMAScript, full match
  bool not_past = false;                               // date
  bool not_future = false;                             // date
  std::vector<FieldOption> options;  // choice: inline, or expanded from the reference list
  std::string options_list;          // choice: the reference list's name when from a file
  int options_line = 0;
  std::optional<Role> role;                          // staff: must hold it
  std::string classifier;                            // classifier: nkz | kato
  std::string code_prefix;                           // classifier: codes under this one only
  std::optional<std::int64_t> min_level, max_level;  // classifier: the code's level
  std::optional<std::int64_t> min_items, max_items;  // list
  std::vector<Field> item;    // list: exactly one, the spec of each element (no name)
  std::vector<Field> fields;  // group: the nested fields
  int line = 0;

  const Field* Item() const { return item.empty() ? nullptr : &item.front(); }
  const FieldOption* FindOption(std::string_view value) const;
};

// A `fields:` list where the definition may give one; none (or `fields: []`) takes no data.
struct FieldList {
  std::vector<Field> fields;
  int line = 0;

  const Field* Find(std::string_view name) const;
};

// What intake does with an incomplete or expired set: end the case at once with this result,
// citing these grounds (codes in the process's refusal-grounds file).
struct IntakeRefusal {
  std::string result_kind;
  std::string incomplete_ground;
  std::string expired_ground;
  int line = 0;
};

struct Intake {
  std::vector<DocumentRequirement> documents;
  bool consent_required = false;  // consent to use legally protected data: no consent, no case
  std::optional<IntakeRefusal> refusal;
  // Checks (the vocabulary's `checks`) run when the case is filed, before anything else; an
  // error refuses the filing (422) and nothing is stored. For application content the engine
  // cannot judge itself.
  std::vector<std::string> checks;
  std::vector<std::string> check_sources;  // per check: the later act it comes from, or ""
  FieldList fields;                        // the application's `data`
  int line = 0;
};

// The result an outcome settles for the case (the document the case will end with).
struct ResultDecision {
  std::string kind;  // from the vocabulary's result_kinds
  CaseEnd status = CaseEnd::kCompleted;
};

// Where an outcome leads: the next step, or the end of the case with its decided result.
struct Target {
  enum class Kind : std::uint8_t { kStep, kEnd };
  Kind kind = Kind::kEnd;
  std::string step;  // kStep only
  bool is_end() const { return kind == Kind::kEnd; }
  static Target ToStep(std::string id) { return {Kind::kStep, std::move(id)}; }
  static Target End() { return {Kind::kEnd, {}}; }
  bool operator==(const Target&) const = default;
};

struct ChannelTarget {
  Channel channel = Channel::kOffice;
  Target target;
};

// `notify: [{to: applicant, template: decision_notice}]`: a message from
// reference/notifications/<template>.yaml, written to the outbox in the transaction of the
// change that causes it. On an outcome: when the outcome is taken. On a step: when the step
// is entered, or, with `before_due`, once while its task is still open with that much working
// time (or less) left before its due time.
// kEmployers: every employer the case names as a party `employer` (P1's employer of the vacancy).
enum class NotifyRecipient : std::uint8_t { kApplicant, kEmployers };
const char* NotifyRecipientName(NotifyRecipient r);  // "applicant", "employers"
std::optional<NotifyRecipient> ParseNotifyRecipient(std::string_view s);

struct Notify {
  NotifyRecipient to = NotifyRecipient::kApplicant;
  std::string template_name;
  std::optional<Limit> before_due;  // steps only
  int line = 0;
};

struct Outcome {
  std::string id;
  std::vector<std::string> guards;         // all must hold for the outcome to be offered or taken
  std::vector<std::string> guard_sources;  // per guard: the later act it comes from, or ""
  std::vector<std::string> effects;        // run, in order, when the outcome is taken
  // Offered only while the case's decided result is this kind (routing by decision).
  std::optional<std::string> when_result;
  std::optional<ResultDecision> decides;
  bool requires_grounds = false;  // the completion must cite >= 1 refusal ground
  bool timeout = false;           // a wait step takes it when its window closes
  // `unsigned: true` on a signing step's outcome: taken without the EDS signature (the head
  // returns a contract for revision, the employer refuses to sign it).
  bool skips_signature = false;
  Target target;
  std::vector<ChannelTarget> channel_targets;  // overrides of `target` in one channel
  FieldList fields;                            // `data` taken only when this outcome is chosen
  std::vector<Notify> notify;                  // sent when the outcome is taken
  int line = 0;

  const Target& TargetFor(Channel c) const {
    for (const auto& ct : channel_targets)
      if (ct.channel == c) return ct.target;
    return target;
  }
};

// `decided_on_list: {list, by}`: a step whose outcome for each case is decided over a list of
// cases (engine/decision_lists.h). The role `by` decides the whole list at once; the step's own
// role then records each case's decision. Outcomes that cancel the case stay the step's own
// (an applicant who withdraws); every other outcome is the list's to decide.
struct ListDecision {
  std::string list;  // the `list:` an earlier step puts the case on
  Role by = Role::kHead;
  int line = 0;
};

struct Step {
  std::string id;
  std::string ref;  // the regulation's item, e.g. "6.2"
  LocalizedText title;
  StepKind kind = StepKind::kUser;
  std::optional<Channel> channel;  // absent: shared by every channel
  // kUser: who works the task. kWait: the staff role that may record the party's answer on
  // its behalf (absent: only the party, e.g. in its cabinet). Others: none.
  std::optional<Role> role;
  // kUser: the legal time limit (overrun is a breach, not an error). kWait: the window.
  // kTimer: the delay. Absent only in sketches, whose source gives none.
  std::optional<Limit> limit;
  // kUser, instead of a limit: due by the end of this day of the calendar month (1-28), the
  // next working day when it is not one; a task opened after it is due on that day of the
  // next month (a monthly report due by the 10th).
  std::optional<int> due_day;
  OfficeScope office = OfficeScope::kProvider;
  // `hand_off: true` on a step worked at another office (`office: destination`): completing it
  // makes that office the case's own; the office that had it keeps reading it, no more.
  bool hand_off = false;
  // The step appoints a person of this role; the appointee then takes every later step of
  // that role in the case (API: data.assignee).
  std::optional<Role> assigns;
  // Who must sign with EDS before the step completes, the step's role first. Empty: none.
  std::vector<Role> signers;
  // The documents (reference/documents kinds) a signing step signs, each with its own EDS
  // signature; empty: the case's decided result. A kind that some outcome `decides` is signed
  // only when it is the decided one (S4c 6.5: the notice and, when extended, the permit).
  std::vector<std::string> signs;
  std::optional<ExternalParty> party;      // kWait
  std::optional<RepeatPeriod> every;       // kRepeat
  std::vector<std::string> until;          // kRepeat: guards that end the repetition
  std::string body;                        // kRepeat: first step of the repeated sub-flow
  std::vector<std::string> guards;         // must hold to complete the step at all
  std::vector<std::string> guard_sources;  // per guard: the later act it comes from, or ""
  // `source:` the act a step comes from when the regulation does not name it (beyond the
  // seed); empty for the regulation's own steps.
  std::string source;
  std::vector<std::string> effects;  // run on completion, before the outcome's effects
  std::vector<Outcome> outcomes;     // in order, the one toward a positive result first
  FieldList fields;                  // `data` of a completion, whatever the outcome
  std::vector<Notify> notify;        // sent on entering the step, or `before_due` its task's due
  // `list: <name>`: completing the step puts the case on its office's open list of that name.
  std::string list;
  int list_line = 0;
  std::optional<ListDecision> decided_on_list;
  int line = 0;

  bool InChannel(Channel c) const { return !channel || *channel == c; }
  const Outcome* FindOutcome(std::string_view id) const;
  const Outcome* TimeoutOutcome() const;
  // Whether a decision list decides this outcome (a `decided_on_list` step's, not cancelling).
  bool ListDecides(const Outcome& o) const {
    return decided_on_list && !(o.decides && o.decides->status == CaseEnd::kCancelled);
  }
};

// How a case enters a channel. Usually one start step; a process whose route is chosen in
// the application (voluntary relocation) lists guarded starts, the last one unguarded.
struct StartRoute {
  std::vector<std::string> guards;
  std::vector<std::string> guard_sources;
  std::string step;
  int line = 0;
};

struct ChannelEntry {
  Channel channel = Channel::kOffice;
  std::string ref;  // the applicant's submission item ("6.1", "9.1"); may be empty
  std::vector<StartRoute> starts;
  int line = 0;
};

struct RefusalGround {
  std::string code;
  std::string result_kind;  // the result it may be cited for (refusal, acceptance_refusal)
  std::string item;         // the legal item it comes from
  LocalizedText text;
};

// `from_application: {<document kind>: [field, ...]}`: the intake fields a document of that
// kind may print, each a `source: application` field of the kind's template
// (reference/documents/<kind>.yaml). A document prints no application field not listed here.
struct ApplicationToDocument {
  std::string kind;
  std::vector<std::string> fields;
  int line = 0;
};

struct ProcessDefinition {
  std::string code;     // the process code, its folder in processes/: "job-seeker-registration"
  std::string version;  // e.g. "kzo-2018-1057"
  // The process's number in the catalogue of services the system runs (S1-S4e state services,
  // P1-P3 programmes): how people name it; the regulation index is keyed by it. May be empty.
  std::string number;
  DefinitionStatus status = DefinitionStatus::kActive;
  LocalizedText title;
  std::string source;  // the legal act
  // `beyond_seed: true`: the whole definition comes from law outside the regulations the
  // system was built from (`source` names it); its guards need no source of their own.
  bool beyond_seed = false;
  std::optional<ActRecord> act;              // required for an active definition of a regulation
  std::vector<ServiceTerm> service_term;     // per channel; required likewise
  std::optional<EffectivePeriod> effective;  // required unless a sketch
  ProviderLevel provider = ProviderLevel::kCentre;
  // `concerns: case`: each case of this process is about another case of the same applicant
  // (its subject, case_subjects), filed at the subject's office; it cannot start without one.
  bool concerns_case = false;
  std::optional<ApplicantKind> applicant;  // absent: either kind may apply
  std::vector<ChannelEntry> channels;
  Intake intake;
  std::vector<Step> steps;
  std::vector<RefusalGround> refusal_grounds;  // from reference/refusal-grounds/<code>.yaml
  std::vector<ApplicationToDocument> from_application;

  std::string file;  // where it was loaded from, for messages
  int code_line = 0;
  int effective_line = 0;
  int service_term_line = 0;

  bool runnable() const { return status == DefinitionStatus::kActive; }
  const Step* FindStep(std::string_view id) const;
  const ChannelEntry* FindChannel(Channel c) const;
  // The term within which the service is rendered in a channel; none when not declared.
  std::optional<Limit> ServiceTermFor(Channel c) const;
  bool HasChannel(Channel c) const { return FindChannel(c) != nullptr; }
  const RefusalGround* FindGround(std::string_view code) const;
  // The grounds that may be cited for a result kind, in file order.
  std::vector<const RefusalGround*> GroundsFor(std::string_view result_kind) const;
  // The application fields a document of `kind` may print (empty: none).
  std::vector<std::string> FromApplication(std::string_view kind) const;
  // The documents intake asks for in a channel.
  std::vector<const DocumentRequirement*> DocumentsFor(Channel c) const;
};

// A definition or reference file that does not load, at "file:line". For the operator who
// loads it, so the problem stays in English; the key and place travel for other clients.
Error DefinitionFileError(const std::string& file, int line, std::string problem);

}  // namespace jumys
