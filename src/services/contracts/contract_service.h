#pragma once
// The contract record (docs/CONTRACTS.md): one per case of a programme that contracts with an
// employer (P2 subsidised jobs 3.3-5.1; P3 and P1 later), its number, parties, amount in
// integer tiyn (the amount proposed from the programme's parameters, and the written reason
// when the entered one differs), term, status and the parties' signatures over one PDF.
//
// Statuses: draft (3.3 generated, 3.4 entered) -> returned (4.1, the head's reason kept, back
// to 3.4) -> draft ... -> signed_by_centre (4.1 the head signed as customer) -> in_force (5.1
// the employer's signatory signed as contractor) | refused (5.1, with the reason); in_force ->
// ended once ends_on has passed (EndDue, a sweep on an injected clock).
//
// The case engine changes a contract only through the effects Install registers; the
// signatures themselves are the document service's (several signers on one document).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "engine/case_hooks.h"

namespace jumys::storage {
class Database;
class Tx;
}  // namespace jumys::storage
namespace jumys::documents {
class DocumentService;
}

namespace jumys::contracts {

inline constexpr const char* kContractKind = "subsidised_job_contract";
// Every contract document the service draws: P2's and P3's (reference/documents).
inline constexpr const char* kContractKinds[] = {kContractKind, "special_workplace_contract"};

struct ContractSignature {
  std::string party;  // customer | contractor
  std::string login;
  std::string signer_name;
  std::string subject;  // the certificate holder
  std::string signed_at;
  std::string iin;  // the certificate's, masked (90********27)
  std::string bin;  // the certificate's organisation; "" for a personal certificate
};

struct ReturnReason {
  std::string reason;
  std::string login;
  std::string at;
};

struct Contract {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string number;     // entered at 3.4; "" while a draft awaits it
  std::string programme;  // the process code (subsidised-jobs, ...)
  std::string office_id;  // the customer: the centre
  std::string contractor_bin;
  std::string contractor_name;
  std::int64_t amount = 0;           // tiyn
  std::int64_t proposed_amount = 0;  // tiyn, from the programme's parameters
  std::string amount_reason;         // required when amount != proposed_amount
  std::string starts_on, ends_on;    // YYYY-MM-DD
  std::string status;  // draft | returned | signed_by_centre | in_force | refused | ended
  std::vector<ReturnReason> return_reasons;  // oldest first
  std::string refusal_reason;
  std::int64_t document_id = 0;  // the PDF the parties sign, once the customer signed
  std::vector<ContractSignature> signatures;
  std::string created_at, updated_at;
};

// The amount proposed for a case, in tiyn (the programme's parameters for the measure,
// workplaces and term); the server wires it to the programme-parameters service.
using AmountProposer = std::function<Expected<std::int64_t>(HookContext&)>;

struct ContractFilter {
  std::int64_t case_id = 0;  // 0: any
  std::string bin, programme, status;
  // Staff: the offices in scope (empty: all); an employer: its BIN in `bin`.
  std::vector<std::string> offices;
};

// The case's contract, read in the case's transaction (another service's effect checks it).
Expected<std::optional<Contract>> ContractOfCase(storage::Tx& tx, std::int64_t case_id);
// The case's contract in force ends now (its term is over); one already ended stays so.
Status EndContractOfCase(HookContext& ctx);

// The contract document a definition's signing steps sign (`signs:`), P2's by default.
std::string ContractKindOf(const ProcessDefinition& def);

class ContractService {
 public:
  ContractService(storage::Database& db, const OfficeDirectory& offices,
                  documents::DocumentService& documents, AmountProposer proposer);
  ~ContractService();

  // Registers the effects (generate_draft_contract, record_contract, return_contract,
  // contract_signed_by_centre, contract_in_force, refuse_contract) and the contract
  // document's fields.
  void Install(CaseHooks& hooks);

  Expected<std::vector<Contract>> List(const ContractFilter& filter);
  Expected<std::optional<Contract>> Find(std::int64_t id);

  // in_force contracts whose ends_on is before `now`'s date on their office's clock become
  // ended; returns how many.
  Expected<int> EndDue(Instant now);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jumys::contracts
