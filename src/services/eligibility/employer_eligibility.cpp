#include "services/eligibility/employer_eligibility.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>

#include "engine/case_results.h"
#include "storage/repositories/repositories.h"

namespace jumys::eligibility {

namespace {

constexpr int kMaxAgeDays = 366;

Date Today(const HookContext& ctx) { return OfficeDate(ctx.office, ctx.now); }

// Tiyn as tenge with two decimals, "12500.00", for the reasons' words.
std::string Tenge(std::int64_t tiyn) {
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(tiyn / 100),
                static_cast<long long>(tiyn % 100));
  return text;
}

// One failed condition, its check named first among the params; the detail names no field
// (the condition is the employer's, not an entry's), its key says which condition failed.
Error NotMet(const char* check, MessageKey key, std::string_view english, MessageParams params) {
  params.insert(params.begin(), {"check", check});
  return Error::Unprocessable("eligibility.not_met"_msg,
                              "the application cannot be submitted: the employer does not meet "
                              "the conditions",
                              {}, {ErrorDetail("", key, english, std::move(params))});
}

// What an arrears check says when the data cannot answer it.
struct Unknown {
  MessageKey missing;
  MessageKey stale;
  const char* what;  // "tax" | "social-payment"
};

// The employer's revenue data if it is fresh enough on `today`, else the failed condition.
Expected<storage::RevenueRecord> FreshRevenue(HookContext& ctx, const RevenueFreshness& fresh,
                                              const char* check, const Unknown& unknown) {
  JUMYS_ASSIGN_OR_RETURN(auto record, storage::FindRevenue(ctx.tx, ctx.kase.applicant_bin));
  if (!record) {
    return NotMet(check, unknown.missing,
                  std::string(unknown.what) +
                      " arrears are unknown: there is no state-revenue data on the employer",
                  {});
  }
  JUMYS_ASSIGN_OR_RETURN(const Date as_of, ParseDate(record->as_of));
  const auto age = (std::chrono::sys_days(Today(ctx)) - std::chrono::sys_days(as_of)).count();
  if (fresh.max_age_days <= 0 || age > fresh.max_age_days) {
    return NotMet(check, unknown.stale,
                  std::string(unknown.what) +
                      " arrears are unknown: the state-revenue data is as of {as_of}, older "
                      "than {max_age_days} days",
                  {{"as_of", record->as_of},
                   {"max_age_days", std::to_string(fresh.max_age_days)},
                   {"age_days", std::to_string(age)}});
  }
  return *record;
}

}  // namespace

Expected<RevenueFreshness> LoadRevenueFreshness(const std::filesystem::path& file) {
  const auto bad = [&](const std::string& key, std::string_view english) {
    return FieldError(ErrorCode::kUnprocessable, file.filename().string() + ":" + key,
                      "eligibility.freshness_file"_msg, english,
                      {{"max", std::to_string(kMaxAgeDays)}});
  };
  if (!std::filesystem::exists(file)) {
    return FieldError(ErrorCode::kUnprocessable, file.string(), "template.missing"_msg,
                      "{what} is missing", {{"what", "the file"}});
  }
  try {
    const YAML::Node root = YAML::LoadFile(file.string());
    if (!root.IsMap()) return bad("", "a mapping with max_age_days and source");
    RevenueFreshness out;
    const YAML::Node days = root["max_age_days"];
    if (!days.IsScalar() || !YAML::convert<int>::decode(days, out.max_age_days) ||
        out.max_age_days < 1 || out.max_age_days > kMaxAgeDays) {
      return bad("max_age_days", "a whole number of days from 1 to {max}");
    }
    const YAML::Node source = root["source"];
    if (source.IsScalar()) out.source = source.as<std::string>();
    // A figure with no source would be an invented one.
    if (out.source.empty()) return bad("source", "name where the number of days comes from");
    return out;
  } catch (const YAML::Exception& e) {
    return AtField(file.string(),
                   Error::Unprocessable("reference.yaml_shape"_msg,
                                        "unexpected YAML shape: {problem}", {{"problem", e.msg}}));
  }
}

Expected<BusinessStart> BusinessStartOf(const std::string& registered_on, const std::string& bin,
                                        Date today) {
  using namespace std::chrono;
  if (!registered_on.empty()) {
    JUMYS_ASSIGN_OR_RETURN(const Date day, ParseDate(registered_on));
    return BusinessStart{day, false};
  }
  const auto digits = [&](std::size_t at) { return (bin[at] - '0') * 10 + (bin[at + 1] - '0'); };
  if (bin.size() != 12 || bin.find_first_not_of("0123456789") != std::string::npos ||
      digits(2) < 1 || digits(2) > 12) {
    return Error::Unprocessable("eligibility.bin_month"_msg,
                                "the BIN does not give a month of registration");
  }
  int y = 2000 + digits(0);
  if (year{y} > today.year()) y -= 100;
  const year_month issued = year{y} / month{static_cast<unsigned>(digits(2))};
  const year_month next = issued + months{1};
  return BusinessStart{next / day{1}, true};
}

int MonthsInBusiness(Date since, Date today) {
  using namespace std::chrono;
  if (today <= since) return 0;
  int m = (int(today.year()) - int(since.year())) * 12 +
          (int(unsigned(today.month())) - int(unsigned(since.month())));
  if (today.day() < since.day()) --m;
  return m < 0 ? 0 : m;
}

bool OverAYear(Date since, Date today) {
  using namespace std::chrono;
  Date anniversary = since + years{1};
  // 29 February: the anniversary in a common year is the last day of February.
  if (!anniversary.ok()) anniversary = anniversary.year() / anniversary.month() / last;
  return today > anniversary;
}

void AddEligibilityChecks(CaseHooks& hooks, RevenueFreshness freshness) {
  hooks.AddCheck("no_tax_arrears", [freshness](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto record, FreshRevenue(ctx, freshness, "no_tax_arrears",
                                                     {"eligibility.tax_data_missing"_msg,
                                                      "eligibility.tax_data_stale"_msg, "tax"}));
    if (record.tax_arrears_tiyn > 0) {
      return NotMet("no_tax_arrears", "eligibility.tax_arrears"_msg,
                    "the employer owes {amount_kzt} tenge in taxes (state-revenue data as of "
                    "{as_of})",
                    {{"amount", std::to_string(record.tax_arrears_tiyn)},
                     {"amount_kzt", Tenge(record.tax_arrears_tiyn)},
                     {"as_of", record.as_of}});
    }
    return {};
  });
  hooks.AddCheck("no_social_payment_arrears", [freshness](HookContext& ctx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto record,
                           FreshRevenue(ctx, freshness, "no_social_payment_arrears",
                                        {"eligibility.social_data_missing"_msg,
                                         "eligibility.social_data_stale"_msg, "social-payment"}));
    if (record.social_arrears_tiyn > 0) {
      return NotMet("no_social_payment_arrears", "eligibility.social_arrears"_msg,
                    "the employer owes {amount_kzt} tenge in social payments (state-revenue data "
                    "as of {as_of})",
                    {{"amount", std::to_string(record.social_arrears_tiyn)},
                     {"amount_kzt", Tenge(record.social_arrears_tiyn)},
                     {"as_of", record.as_of}});
    }
    return {};
  });
  hooks.AddCheck("in_business_over_a_year", [](HookContext& ctx) -> Status {
    const Date today = Today(ctx);
    JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(ctx.tx, ctx.kase.applicant_bin));
    JUMYS_ASSIGN_OR_RETURN(
        const auto start,
        BusinessStartOf(employer ? employer->registered_on : "", ctx.kase.applicant_bin, today));
    if (OverAYear(start.since, today)) return {};
    return NotMet("in_business_over_a_year", "eligibility.under_a_year"_msg,
                  "the employer has been in business for {months} months since {since}: more "
                  "than a year is required",
                  {{"since", FormatDate(start.since)},
                   {"months", std::to_string(MonthsInBusiness(start.since, today))},
                   {"counted_from", start.from_bin ? "bin" : "registration"}});
  });
}

}  // namespace jumys::eligibility
