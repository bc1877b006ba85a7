#pragma once
// The words a programme activity is recorded in (reference/activities/programme-activities.yaml,
// docs/ACTIVITIES.md): its kinds, its audiences, and for each programme the items of its seed a
// record may name, each with its kind and the audiences it may be held for.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/work_calendar.h"

namespace jumys::activities {

struct Term {
  std::string code;
  LocalizedName name;
};

struct SeedItem {
  std::string ref;  // the seed's item number, "1.1"
  std::string kind;
  std::vector<std::string> audiences;
  std::string actor;  // the seed's actor (a role name), for the reader only
  LocalizedName name;
};

struct ProgrammeItems {
  std::string code;  // a process code
  LocalizedName name;
  std::vector<SeedItem> items;
};

class ActivityCatalogue {
 public:
  // Reads the file; every error names file and line. `processes`: the codes a programme may
  // have (the process catalogue's), none checked when empty.
  static Expected<ActivityCatalogue> LoadFile(const std::filesystem::path& file,
                                              const std::set<std::string>& processes = {});

  const std::vector<Term>& kinds() const { return kinds_; }
  const std::vector<Term>& audiences() const { return audiences_; }
  const std::vector<ProgrammeItems>& programmes() const { return programmes_; }

  const ProgrammeItems* Programme(const std::string& code) const;
  const SeedItem* Item(const std::string& programme, const std::string& ref) const;
  bool HasKind(const std::string& code) const;
  bool HasAudience(const std::string& code) const;

 private:
  std::vector<Term> kinds_, audiences_;
  std::vector<ProgrammeItems> programmes_;
};

}  // namespace jumys::activities
