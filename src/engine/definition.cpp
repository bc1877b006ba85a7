#include "engine/definition.h"

#include <array>

namespace jumys {
namespace {

// Index i of the table is the enum value i: the one place each name is written.
template <typename E, std::size_t N>
const char* NameOf(const std::array<const char*, N>& names, E value) {
  return names[static_cast<std::size_t>(value)];
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<const char*, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i) {
    if (s == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<const char*, 2> kChannels = {"office", "portal"};
constexpr std::array<const char*, 2> kStatuses = {"active", "sketch"};
constexpr std::array<const char*, 3> kProviders = {"centre", "oblast", "any"};
constexpr std::array<const char*, 5> kKinds = {"user", "automatic", "timer", "wait", "repeat"};
constexpr std::array<const char*, 3> kOffices = {"provider", "oblast", "destination"};
constexpr std::array<const char*, 5> kParties = {"applicant", "job_seeker", "employer",
                                                 "commission", "local_executive_body"};
constexpr std::array<const char*, 5> kPeriods = {"week", "month", "quarter", "year", "month_start"};
constexpr std::array<const char*, 3> kEnds = {"completed", "refused", "cancelled"};
constexpr std::array<const char*, 2> kApplicants = {"person", "employer"};
constexpr std::array<const char*, 2> kRecipients = {"applicant", "employers"};
constexpr std::array<const char*, 15> kFieldTypes = {
    "text",   "number", "money", "date",  "boolean",    "choice",  "person", "employer",
    "office", "staff",  "list",  "group", "classifier", "vacancy", "iban"};

}  // namespace

const char* ChannelName(Channel c) { return NameOf(kChannels, c); }
std::optional<Channel> ParseChannel(std::string_view s) { return Parse<Channel>(kChannels, s); }
const char* DefinitionStatusName(DefinitionStatus s) { return NameOf(kStatuses, s); }
std::optional<DefinitionStatus> ParseDefinitionStatus(std::string_view s) {
  return Parse<DefinitionStatus>(kStatuses, s);
}
const char* ProviderLevelName(ProviderLevel p) { return NameOf(kProviders, p); }
std::optional<ProviderLevel> ParseProviderLevel(std::string_view s) {
  return Parse<ProviderLevel>(kProviders, s);
}
const char* StepKindName(StepKind k) { return NameOf(kKinds, k); }
std::optional<StepKind> ParseStepKind(std::string_view s) { return Parse<StepKind>(kKinds, s); }
const char* OfficeScopeName(OfficeScope o) { return NameOf(kOffices, o); }
std::optional<OfficeScope> ParseOfficeScope(std::string_view s) {
  return Parse<OfficeScope>(kOffices, s);
}
const char* ExternalPartyName(ExternalParty p) { return NameOf(kParties, p); }
std::optional<ExternalParty> ParseExternalParty(std::string_view s) {
  return Parse<ExternalParty>(kParties, s);
}
const char* RepeatPeriodName(RepeatPeriod p) { return NameOf(kPeriods, p); }
std::optional<RepeatPeriod> ParseRepeatPeriod(std::string_view s) {
  return Parse<RepeatPeriod>(kPeriods, s);
}
const char* CaseEndName(CaseEnd e) { return NameOf(kEnds, e); }
std::optional<CaseEnd> ParseCaseEnd(std::string_view s) { return Parse<CaseEnd>(kEnds, s); }

const char* ApplicantKindName(ApplicantKind a) { return NameOf(kApplicants, a); }
std::optional<ApplicantKind> ParseApplicantKind(std::string_view s) {
  return Parse<ApplicantKind>(kApplicants, s);
}
const char* NotifyRecipientName(NotifyRecipient r) { return NameOf(kRecipients, r); }
std::optional<NotifyRecipient> ParseNotifyRecipient(std::string_view s) {
  return Parse<NotifyRecipient>(kRecipients, s);
}
const char* FieldTypeName(FieldType t) { return NameOf(kFieldTypes, t); }
std::optional<FieldType> ParseFieldType(std::string_view s) {
  return Parse<FieldType>(kFieldTypes, s);
}

const FieldOption* Field::FindOption(std::string_view value) const {
  for (const auto& o : options)
    if (o.value == value) return &o;
  return nullptr;
}

const Field* FieldList::Find(std::string_view name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

const Outcome* Step::FindOutcome(std::string_view id) const {
  for (const auto& o : outcomes)
    if (o.id == id) return &o;
  return nullptr;
}

const Outcome* Step::TimeoutOutcome() const {
  for (const auto& o : outcomes)
    if (o.timeout) return &o;
  return nullptr;
}

const Step* ProcessDefinition::FindStep(std::string_view id) const {
  for (const auto& s : steps)
    if (s.id == id) return &s;
  return nullptr;
}

std::optional<Limit> ProcessDefinition::ServiceTermFor(Channel c) const {
  for (const auto& t : service_term)
    if (t.channel == c) return t.limit;
  return std::nullopt;
}

const ChannelEntry* ProcessDefinition::FindChannel(Channel c) const {
  for (const auto& ch : channels)
    if (ch.channel == c) return &ch;
  return nullptr;
}

const RefusalGround* ProcessDefinition::FindGround(std::string_view code) const {
  for (const auto& g : refusal_grounds)
    if (g.code == code) return &g;
  return nullptr;
}

std::vector<const RefusalGround*> ProcessDefinition::GroundsFor(
    std::string_view result_kind) const {
  std::vector<const RefusalGround*> out;
  for (const auto& g : refusal_grounds)
    if (g.result_kind == result_kind) out.push_back(&g);
  return out;
}

std::vector<const DocumentRequirement*> ProcessDefinition::DocumentsFor(Channel c) const {
  std::vector<const DocumentRequirement*> out;
  for (const auto& d : intake.documents)
    if (d.AppliesTo(c)) out.push_back(&d);
  return out;
}

std::vector<std::string> ProcessDefinition::FromApplication(std::string_view kind) const {
  for (const auto& entry : from_application) {
    if (entry.kind == kind) return entry.fields;
  }
  return {};
}

Error DefinitionFileError(const std::string& file, int line, std::string problem) {
  return Error::Unprocessable(
      "definition.invalid"_msg, "{file}:{line}: {problem}",
      {{"file", file}, {"line", std::to_string(line)}, {"problem", std::move(problem)}});
}

}  // namespace jumys
