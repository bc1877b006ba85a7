#include "services/permits/permit_install.h"

#include "engine/case_results.h"
#include "services/documents/document_service.h"
#include "services/permits/permit_hooks.h"

namespace jumys::permits {

void Install(CaseHooks& hooks, documents::DocumentService& documents,
             const OfficeDirectory& offices, Clock clock) {
  AddPermitHooks(hooks);
  documents.RegisterFields("permit", PermitDocumentFields);
  documents.RegisterFields("decision_notice", DecisionNoticeFields);
  documents.RegisterValidity(
      "permit",
      [clock = std::move(clock), &offices](storage::Tx& tx, const documents::StoredDocument& doc)
          -> Expected<documents::DocumentValidity> {
        auto office = offices.Find(doc.office_id);
        if (!office) return Error::Internal("document office " + doc.office_id + " is not loaded");
        JUMYS_ASSIGN_OR_RETURN(
            auto v, PermitDocumentValidity(tx, doc.case_id, OfficeDate(*office, clock())));
        return documents::DocumentValidity{v.status, v.valid_until};
      });
}

}  // namespace jumys::permits
