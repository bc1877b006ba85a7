// DocumentService::DecisionListPdf: a decided list printed from its record.
#include "engine/case_results.h"
#include "rendering/pdf_renderer.h"
#include "services/documents/document_service_impl.h"
#include "services/documents/document_wording.h"

namespace jumys::documents {

namespace {

// "2026-11-23T05:00:00Z" -> the day on the office's clock, as documents print it.
std::string PrintedDay(const Office& office, const std::string& rfc3339) {
  auto at = ParseRfc3339(rfc3339);
  return at ? PrintedDate(FormatDate(OfficeDate(office, *at))) : std::string();
}

}  // namespace

Expected<std::string> DocumentService::DecisionListPdf(const DecisionListDetail& d,
                                                       const ProcessDefinition& def,
                                                       const Office& office) {
  if (d.list.status != kListDecided && d.list.status != kListRecorded) {
    return Error::Conflict("decision_list.not_decided"_msg, "list {number} is not decided yet",
                           {{"number", d.list.number}});
  }
  const Step* step = def.FindStep(d.deciding_step);
  rendering::DocumentData data;
  data.kind = "decision_list";
  auto& f = data.fields;
  int approved = 0;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    f["case_number"] = d.list.number;
    f["list_number"] = d.list.number;
    f["issue_date"] = PrintedDay(office, d.list.decided_at);
    f["office_name_kk"] = office.name_kk;
    f["office_name_ru"] = office.name_ru;
    JUMYS_ASSIGN_OR_RETURN(f["signer_name"], impl_->FullName(tx, d.list.decided_by));
    std::tie(f["signer_position_kk"], f["signer_position_ru"]) =
        Position(std::string(RoleName(d.decide_role)), office.oblast_level);
    f["process_title_kk"] = def.title.kk;
    f["process_title_ru"] = def.title.ru;
    f["step_ref"] = step ? step->ref : d.deciding_step;
    JUMYS_ASSIGN_OR_RETURN(f["submitted_by"], impl_->FullName(tx, d.list.submitted_by));
    f["submitted_on"] = PrintedDay(office, d.list.submitted_at);
    f["decided_by"] = f["signer_name"];
    f["decided_on"] = f["issue_date"];
    for (const auto& i : d.items) {
      const Outcome* o = step ? step->FindOutcome(i.item.outcome) : nullptr;
      const bool refused = o && o->requires_grounds;  // a refusal cites grounds
      approved += refused ? 0 : 1;
      std::map<std::string, std::string> row;
      row["position"] = std::to_string(i.item.position);
      row["item_case"] = i.kase.number;
      std::string applicant =
          i.kase.applicant_bin.empty() ? MaskId(i.kase.applicant_iin) : i.kase.applicant_bin;
      if (!i.kase.applicant_bin.empty()) {
        JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, i.kase.applicant_bin));
        if (employer) applicant = employer->name + ", " + applicant;
      }
      row["applicant"] = applicant;
      row["remark"] = i.item.remark;
      row["decision"] = refused ? "refused" : "approved";
      std::string grounds;
      for (const auto& code : i.item.grounds) {
        const RefusalGround* g = def.FindGround(code);
        grounds += (grounds.empty() ? "" : "; ") +
                   (g ? g->item + " " + g->text.kk + " / " + g->text.ru : code);
      }
      row["grounds"] = grounds;
      data.table.push_back(std::move(row));
    }
    return {};
  }));
  f["items_count"] = std::to_string(d.items.size());
  f["approved_count"] = std::to_string(approved);
  f["refused_count"] = std::to_string(static_cast<int>(d.items.size()) - approved);
  if (auto at = ParseRfc3339(d.list.decided_at)) data.issued_at = *at;
  return rendering::RenderPdf(impl_->templates, data);
}

}  // namespace jumys::documents
