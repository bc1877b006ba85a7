// Employers, and the state-revenue data (arrears) that eligibility checks read.
#include <charconv>

#include "core/identifiers.h"
#include "core/sha256.h"
#include "http/api.h"
#include "http/json_io.h"
#include "security/access.h"
#include "storage/repositories/repositories.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kEmployer, Role::kOfficeClerk,        Role::kHead,
                          Role::kExecutor, Role::kEmployerSpecialist, Role::kUnitHead};
const RoleSet kWriters = {Role::kOfficeClerk, Role::kEmployerSpecialist};
constexpr std::size_t kMaxRevenueRows = 200'000;

nlohmann::json EmployerJson(const storage::EmployerRecord& e) {
  return {{"bin", e.bin},
          {"name", e.name},
          {"registered_on", e.registered_on},
          {"kato", e.kato},
          {"office", e.office_id},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

nlohmann::json RevenueJson(const storage::RevenueRecord& r) {
  return {{"bin", r.bin},
          {"as_of", r.as_of},
          {"tax_arrears", {{"amount", r.tax_arrears_tiyn}, {"currency", "KZT"}}},
          {"social_arrears", {{"amount", r.social_arrears_tiyn}, {"currency", "KZT"}}},
          {"has_arrears", r.tax_arrears_tiyn > 0 || r.social_arrears_tiyn > 0},
          {"imported_at", r.imported_at}};
}

bool IsKato(const std::string& s) {
  return s.size() == 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

// The employer record if the caller may see it; 404 otherwise.
Expected<storage::EmployerRecord> VisibleEmployer(ApiContext& ctx, const Actor& actor,
                                                  const std::string& bin_text) {
  JUMYS_ASSIGN_OR_RETURN(auto bin, Bin::Parse(bin_text));
  if (actor.applicant && actor.bin != bin.str()) return Error::NotFound("no such employer");
  std::optional<storage::EmployerRecord> employer;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(employer, storage::FindEmployer(tx, bin.str()));
    return {};
  }));
  if (!employer) return Error::NotFound("no such employer");
  if (!actor.applicant && !CanAccessOffice(actor, ctx.offices, employer->office_id)) {
    return Error::NotFound("no such employer");
  }
  return std::move(*employer);
}

Expected<HttpResponse> GetEmployer(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto employer, VisibleEmployer(ctx, actor, request.path_params.at("bin")));
  return JsonResponse(200, EmployerJson(employer));
}

Expected<HttpResponse> PostEmployer(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto bin_text, RequiredString(body, "bin", 12));
  JUMYS_ASSIGN_OR_RETURN(auto bin, Bin::Parse(bin_text));
  storage::EmployerRecord e;
  e.bin = bin.str();
  JUMYS_ASSIGN_OR_RETURN(e.name, RequiredString(body, "name", 300));
  JUMYS_ASSIGN_OR_RETURN(e.registered_on, RequiredString(body, "registered_on", 10));
  JUMYS_ASSIGN_OR_RETURN(auto registered, ParseDate(e.registered_on));
  if (std::chrono::year_month{registered.year(), registered.month()} !=
      bin.registration_year_month()) {
    return Error::Unprocessable("registered_on does not match the month the BIN records");
  }
  if (std::chrono::sys_days{registered} > std::chrono::floor<std::chrono::days>(ctx.clock())) {
    return Error::Unprocessable("registered_on is in the future");
  }
  JUMYS_ASSIGN_OR_RETURN(e.kato, RequiredString(body, "kato", 9));
  if (!IsKato(e.kato)) return Error::Unprocessable("kato must be a 9-digit KATO code");
  e.office_id = actor.office_id;
  const std::string now = FormatRfc3339(ctx.clock());
  bool created = false;
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindEmployer(tx, e.bin));
    if (existing && !CanAccessOffice(actor, ctx.offices, existing->office_id)) {
      return Error::Conflict("this employer is registered at another office");
    }
    if (existing) e.office_id = existing->office_id;
    JUMYS_ASSIGN_OR_RETURN(created, storage::UpsertEmployer(tx, e, now));
    return storage::AppendAudit(
        tx, {now, actor.login, created ? "employer.create" : "employer.update", "employer", e.bin,
             e.office_id, EmployerJson(e)});
  }));
  e.created_at = e.updated_at = now;
  return JsonResponse(created ? 201 : 200, EmployerJson(e));
}

Expected<HttpResponse> GetRevenue(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto employer, VisibleEmployer(ctx, actor, request.path_params.at("bin")));
  std::optional<storage::RevenueRecord> record;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(record, storage::FindRevenue(tx, employer.bin));
    return {};
  }));
  if (!record) return Error::NotFound("no state-revenue data for this employer");
  return JsonResponse(200, RevenueJson(*record));
}

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto comma = line.find(',', start);
    auto cell = line.substr(start, comma == std::string_view::npos ? line.npos : comma - start);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\r')) cell.remove_suffix(1);
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    out.emplace_back(cell);
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

Expected<std::int64_t> ParseTiyn(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return Error::Unprocessable("'" + text + "' is not a non-negative amount in tiyn");
  }
  return value;
}

// CSV: bin,as_of,tax_arrears_tiyn,social_arrears_tiyn with that header line. All rows are
// checked before anything is written: one bad row rejects the file.
Expected<HttpResponse> ImportRevenue(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  const std::string& text = request.body;
  std::vector<storage::RevenueRecord> records;
  std::vector<std::string> problems;
  const std::string now = FormatRfc3339(ctx.clock());
  std::size_t pos = 0;
  std::size_t line_no = 0;
  bool header_seen = false;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
    auto cells = SplitCsvLine(line);
    if (!header_seen) {
      header_seen = true;
      if (cells !=
          std::vector<std::string>{"bin", "as_of", "tax_arrears_tiyn", "social_arrears_tiyn"}) {
        return Error::Unprocessable(
            "the first line must be the header bin,as_of,tax_arrears_tiyn,social_arrears_tiyn");
      }
      continue;
    }
    auto problem = [&](const std::string& what) {
      if (problems.size() < 50) problems.push_back("line " + std::to_string(line_no) + ": " + what);
    };
    if (cells.size() != 4) {
      problem("expected 4 fields, found " + std::to_string(cells.size()));
      continue;
    }
    auto bin = Bin::Parse(cells[0]);
    auto as_of = ParseDate(cells[1]);
    auto tax = ParseTiyn(cells[2]);
    auto social = ParseTiyn(cells[3]);
    if (!bin) problem(bin.error().message);
    if (!as_of) problem(as_of.error().message);
    if (!tax) problem(tax.error().message);
    if (!social) problem(social.error().message);
    if (bin && as_of && tax && social) {
      records.push_back({bin->str(), cells[1], *tax, *social, now, actor.login});
    }
    if (records.size() > kMaxRevenueRows) {
      return Error::Unprocessable("at most " + std::to_string(kMaxRevenueRows) + " rows per file");
    }
  }
  if (!header_seen) return Error::Unprocessable("the file is empty");
  if (!problems.empty()) return Error::Unprocessable("the file has invalid rows", problems);
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    for (const auto& r : records) JUMYS_TRY(storage::UpsertRevenue(tx, r));
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "revenue.import",
                                     "revenue_data",
                                     now,
                                     actor.office_id,
                                     {{"rows", records.size()}, {"sha256", Sha256Hex(text)}}});
  }));
  return JsonResponse(200, {{"imported", records.size()}});
}

}  // namespace

void AddEmployerRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/employers/{bin}",
              Scope::kOffice,
              kReaders,
              "An employer's record (staff of its office; the employer itself)",
              {{"tags", {"employers"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetEmployer(ctx, r, a); }});
  router.Add({"POST", "/api/v1/employers", Scope::kOffice, kWriters,
              "Register or update an employer at the caller's office",
              DocWithJsonBody("employers", {"bin", "name", "registered_on", "kato"},
                              {{"bin", {{"type", "string"}, {"pattern", "^[0-9]{12}$"}}},
                               {"name", {{"type", "string"}}},
                               {"registered_on", {{"type", "string"}, {"format", "date"}}},
                               {"kato", {{"type", "string"}, {"pattern", "^[0-9]{9}$"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PostEmployer(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/employers/{bin}/revenue",
              Scope::kOffice,
              kReaders,
              "The employer's tax and social-payment arrears from state-revenue data",
              {{"tags", {"employers"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetRevenue(ctx, r, a); }});
  router.Add(
      {"POST",
       "/api/v1/revenue-data",
       Scope::kOblast,
       {Role::kAdmin},
       "Import state-revenue data (CSV: bin,as_of,tax_arrears_tiyn,social_arrears_tiyn); "
       "all rows or none",
       {{"tags", {"employers"}},
        {"requestBody",
         {{"required", true}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ImportRevenue(ctx, r, a); }});
}

}  // namespace jumys::http
