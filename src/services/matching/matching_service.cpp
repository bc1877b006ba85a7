#include "services/matching/matching_service.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "security/access.h"
#include "services/matching/profile_service.h"
#include "services/matching/profile_store.h"
#include "storage/repositories/nullable.h"
#include "storage/repositories/person_owner.h"

namespace jumys::matching {

namespace {

// The next code in byte order after every code starting with `prefix` ("8" after "7...").
std::string PrefixEnd(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

constexpr const char* kVacancyColumns =
    "v.id, v.title, v.employer_bin, e.name, v.nkz, v.kato, v.wage_tiyn, v.working_time, "
    "v.workplaces, v.requirements, v.disability_suitable, v.status, v.next_change_at, "
    "v.office_id, k.name_kk, k.name_ru, k.name_en, v.programme";
// The place's name for the reasons, beside the vacancy's employer.
constexpr const char* kVacancyTables =
    " FROM vacancies v JOIN employers e ON e.bin = v.employer_bin "
    "LEFT JOIN reference_codes k ON k.kind = 'kato' AND k.code = v.kato ";

struct Row {
  VacancySummary summary;
  MatchVacancy match;
  std::string office_id;
};

Row VacancyRow(const storage::Rows& rows, std::size_t r) {
  Row out;
  auto& s = out.summary;
  s.id = rows.Int(r, 0);
  s.title = rows.Text(r, 1);
  s.employer_bin = rows.Text(r, 2);
  s.employer_name = rows.Text(r, 3);
  s.nkz = rows.Text(r, 4);
  s.kato = rows.Text(r, 5);
  s.wage_tiyn = rows.Int(r, 6);
  s.working_time = rows.Text(r, 7);
  s.workplaces = rows.Int(r, 8);
  s.disability_suitable = rows.Int(r, 10) != 0;
  s.programme = rows.Optional(r, 17).value_or("");
  auto& m = out.match;
  m.id = s.id;
  m.nkz = s.nkz;
  m.kato = s.kato;
  m.wage_tiyn = s.wage_tiyn;
  m.working_time = s.working_time;
  m.requirements = nlohmann::json::parse(rows.Text(r, 9), nullptr, false);
  m.disability_suitable = s.disability_suitable;
  m.status = ParseVacancyStatus(rows.Text(r, 11)).value_or(VacancyStatus::kDraft);
  m.next_change_at = storage::OptionalInstant(rows.Optional(r, 12));
  out.office_id = rows.Text(r, 13);
  if (!rows.IsNull(r, 14))
    m.place = LocalText{rows.Text(r, 14), rows.Text(r, 15), rows.Text(r, 16)};
  return out;
}

template <typename T>
void KeepBest(std::vector<T>& all, int limit, auto tie) {
  const auto better = [&](const T& a, const T& b) {
    if (a.result.score != b.result.score) return a.result.score > b.result.score;
    return tie(a) < tie(b);
  };
  const auto n = std::min<std::size_t>(all.size(), static_cast<std::size_t>(std::max(limit, 0)));
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), better);
  all.resize(n);
}

}  // namespace

MatchingService::MatchingService(storage::Database& db, const OfficeDirectory& offices,
                                 MatchingWeights weights, Clock clock)
    : db_(db), offices_(offices), weights_(std::move(weights)), clock_(std::move(clock)) {}

Expected<std::vector<VacancyMatch>> MatchingService::ForPerson(const Actor& actor,
                                                               const std::string& iin,
                                                               int limit) const {
  const Instant now = clock_();
  std::vector<VacancyMatch> out;
  bool in_scope = false, has_profile = false;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto owner, storage::FindPersonOwner(tx, iin));
    in_scope = owner && InScope(actor, offices_, *owner);
    if (!in_scope) return {};
    JUMYS_ASSIGN_OR_RETURN(const auto stored, FindProfile(tx, iin));
    if (!stored) return {};
    has_profile = true;
    const SeekerProfile& profile = stored->profile;
    // The store is asked tier by tier, best possible score first: a tier is a desired code's
    // prefix (same code, then unit ... major group) and a place (settlement, district, oblast,
    // elsewhere for a seeker who moves anywhere), both ranges on the (status, kato, nkz) index.
    // Once `limit` vacancies score above what the next tier could reach at best, no later one
    // can enter, so the top is exact while the tiers below are never read.
    const auto& pts = weights_.points;
    int rest = pts.at("must") + pts.at("nice") + pts.at("wage") + pts.at("language") +
               pts.at("working_time");
    if (profile.disability) rest += pts.at("disability");
    const int possible = pts.at("occupation.same_code") + pts.at("place.same_settlement") + rest;
    struct Tier {
      std::string nkz, kato;
      int bound = 0;  // the best score a vacancy of this tier can have, rounded up
    };
    std::map<std::pair<std::string, std::string>, int> best_of;
    const char* const kOccupation[] = {"major_group", "sub_major_group", "minor_group",
                                       "unit_group"};
    std::vector<std::pair<std::string, int>> places = {
        {profile.home_kato, pts.at("place.same_settlement")},
        {profile.home_kato.substr(0, 4), pts.at("place.same_district")},
        {OblastOf(profile.home_kato), pts.at("place.same_oblast")}};
    if (profile.mobility == Mobility::kAnywhere)
      places.push_back({"", pts.at("place.other_oblast")});
    for (const auto& code : profile.occupations) {
      for (std::size_t len = code.size(); len >= 1; --len) {
        const int occupation = len == code.size()
                                   ? pts.at("occupation.same_code")
                                   : pts.at(std::string("occupation.") +
                                            kOccupation[std::min<std::size_t>(len, 4) - 1]);
        for (const auto& [kato, place] : places) {
          const int earned = occupation + place + rest;
          const int bound = (100 * earned + possible - 1) / possible;
          int& b = best_of[{code.substr(0, len), kato}];
          b = std::max(b, bound);
        }
      }
    }
    std::vector<Tier> tiers;
    for (const auto& [key, bound] : best_of) tiers.push_back({key.first, key.second, bound});
    std::stable_sort(tiers.begin(), tiers.end(),
                     [](const Tier& a, const Tier& b) { return a.bound > b.bound; });
    const std::string select = std::string("SELECT ") + kVacancyColumns + kVacancyTables +
                               "WHERE v.status = 'published' AND (v.next_change_at IS NULL OR "
                               "v.next_change_at > $1) AND v.kato >= $2 AND v.kato < $3 AND "
                               "v.nkz >= $4 AND v.nkz < $5";
    std::set<std::int64_t> seen;
    std::vector<int> scores;  // of every match so far, to know the limit-th best
    for (const Tier& tier : tiers) {
      if (limit > 0 && static_cast<int>(scores.size()) >= limit) {
        std::nth_element(scores.begin(), scores.begin() + (limit - 1), scores.end(),
                         std::greater<>());
        if (scores[static_cast<std::size_t>(limit - 1)] > tier.bound) break;
      }
      const std::string kato_from = tier.kato.empty() ? "0" : tier.kato;
      const std::string kato_to = tier.kato.empty() ? ":" : PrefixEnd(tier.kato);
      JUMYS_ASSIGN_OR_RETURN(auto found, tx.Query(select, {FormatRfc3339(now), kato_from, kato_to,
                                                           tier.nkz, PrefixEnd(tier.nkz)}));
      for (std::size_t r = 0; r < found.size(); ++r) {
        if (!seen.insert(found.Int(r, 0)).second) continue;
        Row row = VacancyRow(found, r);
        if (auto scored = ScoreMatch(profile, row.match, weights_, now)) {
          scores.push_back(scored->score);
          out.push_back({std::move(row.summary), std::move(*scored)});
        }
      }
    }
    return {};
  }));
  if (!in_scope) return Error::NotFound("person.not_found"_msg, "no such person");
  if (!has_profile) return Error::NotFound("profile.not_found"_msg, "no profile yet");
  KeepBest(out, limit, [](const VacancyMatch& m) { return m.vacancy.id; });
  return out;
}

Expected<std::vector<CandidateMatch>> MatchingService::ForVacancy(const Actor& actor,
                                                                  std::int64_t id,
                                                                  int limit) const {
  const Instant now = clock_();
  std::vector<CandidateMatch> out;
  bool found = false;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kVacancyColumns +
                                                   kVacancyTables + "WHERE v.id = $1",
                                               {id}));
    if (rows.empty()) return {};
    const Row vacancy = VacancyRow(rows, 0);
    found = true;
    if (vacancy.match.status != VacancyStatus::kPublished) return {};
    const std::string oblast = OblastOf(vacancy.match.kato);
    JUMYS_ASSIGN_OR_RETURN(
        auto seekers,
        tx.Query("SELECT p.iin, p.document, c.office_id, pe.surname, pe.given_name FROM "
                 "seeker_profiles p JOIN employment_cards c ON c.iin = p.iin LEFT JOIN people pe "
                 "ON pe.iin = p.iin WHERE c.status IN ('job_seeker', 'unemployed') AND "
                 "(p.mobility = 'anywhere' OR p.home_oblast = $1) AND p.major_groups LIKE $2 "
                 "ORDER BY p.iin",
                 {oblast, "%" + vacancy.match.nkz.substr(0, 1) + "%"}));
    for (std::size_t r = 0; r < seekers.size(); ++r) {
      const std::string office = seekers.Text(r, 2);
      if (!CanAccessOffice(actor, offices_, office)) continue;  // another oblast's people
      JUMYS_ASSIGN_OR_RETURN(const SeekerProfile profile, StoredDocument(seekers.Text(r, 1)));
      if (auto scored = ScoreMatch(profile, vacancy.match, weights_, now)) {
        std::string name = seekers.Optional(r, 3).value_or("");
        if (auto given = seekers.Optional(r, 4)) name += " " + *given;
        out.push_back({seekers.Text(r, 0), name, office, std::move(*scored)});
      }
    }
    return {};
  }));
  if (!found) return Error::NotFound("vacancy.not_found"_msg, "no such vacancy");
  KeepBest(out, limit, [](const CandidateMatch& m) { return m.iin; });
  return out;
}

nlohmann::json ReasonsJson(const MatchResult& result) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& r : result.reasons) {
    reasons.push_back({{"factor", r.factor},
                       {"met", r.met},
                       {"text", {{"kk", r.text.kk}, {"ru", r.text.ru}, {"en", r.text.en}}}});
  }
  return reasons;
}

}  // namespace jumys::matching
