#pragma once
// Programme parameters as effective-dated data (reference/programmes/, docs/PROGRAMMES.md): the
// monthly calculation index (МРП) per period with its budget law, and each measure's amounts,
// shares, caps and terms with their legal source. Read once at start-up; a bad file stops the
// start with its file and line. A case uses the values in force on its decision date.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "core/work_calendar.h"

namespace jumys::programmes {

// How sure a figure is: read in an official legal database, seen only in news or agency pages,
// or with no source found.
enum class Certainty { kOfficial, kSecondary, kUnsourced };
// What a measure pays: a share of the monthly wage, so many МРП a month, or so many МРП once.
enum class Payment { kWageShare, kMrpPerMonth, kMrpOneOff };
enum class PaidPer { kWorkplace, kPerson, kFamily };

const char* CertaintyName(Certainty c);
const char* PaymentName(Payment p);
const char* PaidPerName(PaidPer p);

struct MrpValue {
  Date from;
  std::optional<Date> until;  // nullopt: open
  std::int64_t tenge = 0;
  std::string law;
  Certainty certainty = Certainty::kUnsourced;
  std::string source;
};

// A share of the wage for `months` months (the first tier first).
struct Tier {
  int months = 0;
  int percent = 0;
};

// One version of a measure's rule.
struct MeasureRule {
  Date from;
  std::optional<Date> until;
  bool draft = false;
  Certainty certainty = Certainty::kUnsourced;
  std::string source, note;
  Payment pays = Payment::kWageShare;
  PaidPer per = PaidPer::kWorkplace;
  int percent = 0;                  // wage_share without tiers
  std::vector<Tier> tiers;          // wage_share by period
  std::optional<int> cap_mrp;       // wage_share: at most so many МРП a month
  std::optional<int> min_wage_mrp;  // wage_share: the lowest monthly wage allowed
  int mrp = 0;                      // mrp_per_month, mrp_one_off
  std::optional<int> mrp_max;       // mrp_per_month: the top of a range
  std::optional<int> max_months;    // the longest term
  std::string file;                 // where it was read, for messages
  int line = 0;

  bool InForceOn(Date d) const { return from <= d && (!until || d <= *until); }
};

struct Measure {
  std::string code;
  LocalizedName name;
  std::vector<MeasureRule> versions;  // by `from`, never overlapping
};

struct Programme {
  std::string number;  // P1, P2, P3
  std::string code;    // subsidised-jobs
  LocalizedName name;
  std::string base_act;
  std::string budget_code;  // the budget programme its payments are made under
  std::vector<Measure> measures;
};

// What is in force on one date.
struct ParametersInForce {
  struct Item {
    const Programme* programme;
    const Measure* measure;
    const MeasureRule* rule;
  };
  Date on;
  MrpValue mrp;
  std::vector<Item> measures;  // only measures with a version in force on `on`
};

class ProgrammeParameters {
 public:
  // Reads mrp.yaml and every other *.yaml of the directory (each a programme). 422 naming the
  // file and line for a YAML error, an unknown or missing key, a bad date, number or name,
  // overlapping periods, or a programme or measure code given twice.
  static Expected<ProgrammeParameters> LoadDir(const std::filesystem::path& dir);

  // The МРП and each measure's version in force on `on`; 422 programme.no_mrp when no МРП is
  // set for that date.
  Expected<ParametersInForce> ValuesInForce(Date on) const;
  // The measure `code` (unique across programmes) and its version in force on `on`: 404
  // programme.measure_unknown, 422 programme.not_in_force.
  Expected<ParametersInForce::Item> RuleInForce(const std::string& measure, Date on) const;

  const std::vector<MrpValue>& mrp() const { return mrp_; }
  const std::vector<Programme>& programmes() const { return programmes_; }

 private:
  std::vector<MrpValue> mrp_;
  std::vector<Programme> programmes_;
};

}  // namespace jumys::programmes
