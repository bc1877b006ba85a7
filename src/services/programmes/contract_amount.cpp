#include "services/programmes/contract_amount.h"

#include <algorithm>

namespace jumys::programmes {

namespace {

std::int64_t MrpTiyn(const MrpValue& mrp, int multiple) { return mrp.tenge * 100 * multiple; }

// A wage share of one tier: percent of the wage, rounded down, capped when the rule caps it.
AmountLine ShareLine(const MeasureRule& rule, const MrpValue& mrp, std::int64_t wage, int percent,
                     int months, std::int64_t units) {
  AmountLine line;
  line.months = months;
  line.units = units;
  line.per_month_tiyn = wage * percent / 100;
  line.rule = std::to_string(percent) + " % of the wage";
  if (rule.cap_mrp) {
    const std::int64_t cap = MrpTiyn(mrp, *rule.cap_mrp);
    line.rule += ", capped at " + std::to_string(*rule.cap_mrp) + " МРП";
    line.per_month_tiyn = std::min(line.per_month_tiyn, cap);
  }
  line.subtotal_tiyn = line.per_month_tiyn * months * units;
  return line;
}

}  // namespace

Expected<ProposedAmount> ProposeContractAmount(const ProgrammeParameters& parameters,
                                               const AmountRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto item, parameters.RuleInForce(request.measure, request.decision_date));
  JUMYS_ASSIGN_OR_RETURN(auto in_force, parameters.ValuesInForce(request.decision_date));
  const MeasureRule& rule = *item.rule;
  const MrpValue& mrp = in_force.mrp;
  const int max_months = rule.max_months.value_or(120);

  std::vector<ErrorDetail> bad;
  if (request.workplaces < 1 || request.workplaces > kMaxWorkplaces) {
    bad.push_back({"workplaces",
                   "programme.workplaces_range"_msg,
                   "from 1 to {max}",
                   {{"max", std::to_string(kMaxWorkplaces)}}});
  }
  if (rule.pays != Payment::kMrpOneOff && (request.months < 1 || request.months > max_months)) {
    bad.push_back({"months",
                   "programme.months_range"_msg,
                   "the term is 1 to {max} months for this measure",
                   {{"max", std::to_string(max_months)}}});
  }
  if (rule.pays == Payment::kWageShare &&
      (request.monthly_wage_tiyn < 1 || request.monthly_wage_tiyn > kMaxMonthlyWageTiyn)) {
    bad.push_back({"monthly_wage", "programme.wage_required"_msg,
                   "a positive monthly wage is needed for a share of the wage"});
  }
  if (!bad.empty()) {
    return Error::Unprocessable("data.invalid"_msg, "the data is not valid", {}, std::move(bad));
  }
  if (rule.pays == Payment::kMrpPerMonth && rule.mrp_max && *rule.mrp_max != rule.mrp) {
    return Error::Unprocessable(
        "programme.amount_range"_msg,
        "the measure pays from {min} to {max} МРП a month: the centre "
        "sets the amount",
        {{"min", std::to_string(rule.mrp)}, {"max", std::to_string(*rule.mrp_max)}});
  }
  if (rule.min_wage_mrp && request.monthly_wage_tiyn < MrpTiyn(mrp, *rule.min_wage_mrp)) {
    return FieldError(ErrorCode::kUnprocessable, "monthly_wage", "programme.wage_below_floor"_msg,
                      "the wage must be at least {mrp} МРП ({tenge} tenge) a month",
                      {{"mrp", std::to_string(*rule.min_wage_mrp)},
                       {"tenge", std::to_string(mrp.tenge * *rule.min_wage_mrp)}});
  }

  ProposedAmount out;
  out.programme = item.programme->number;
  out.measure = item.measure->code;
  out.pays = rule.pays;
  out.per = rule.per;
  out.decision_date = request.decision_date;
  out.mrp = mrp;
  out.rule = &rule;
  const std::int64_t units = request.workplaces;
  switch (rule.pays) {
    case Payment::kWageShare:
      if (rule.tiers.empty()) {
        out.lines.push_back(
            ShareLine(rule, mrp, request.monthly_wage_tiyn, rule.percent, request.months, units));
      } else {
        int left = request.months;
        for (const Tier& t : rule.tiers) {
          if (left == 0) break;
          const int months = std::min(left, t.months);
          out.lines.push_back(
              ShareLine(rule, mrp, request.monthly_wage_tiyn, t.percent, months, units));
          left -= months;
        }
      }
      break;
    case Payment::kMrpPerMonth:
    case Payment::kMrpOneOff: {
      AmountLine line;
      line.months = rule.pays == Payment::kMrpOneOff ? 1 : request.months;
      line.units = units;
      line.per_month_tiyn = MrpTiyn(mrp, rule.mrp);
      line.rule = std::to_string(rule.mrp) + " МРП" +
                  (rule.pays == Payment::kMrpOneOff ? " once" : " a month");
      line.subtotal_tiyn = line.per_month_tiyn * line.months * units;
      out.lines.push_back(std::move(line));
      break;
    }
  }
  for (const auto& l : out.lines) out.total_tiyn += l.subtotal_tiyn;
  return out;
}

}  // namespace jumys::programmes
