#pragma once
// The relevance periods from reference/vacancies/relevance.yaml (docs/VACANCIES.md): unset
// (null) unless a source fixes them, and then nothing goes stale. Read once at start-up.
#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"
#include "domain/vacancy_lifecycle.h"

namespace jumys::vacancies {

struct RelevanceFile {
  std::optional<int> confirm_every_days;
  std::optional<int> expire_after_stale_days;
  std::string source;  // the act or order the figures come from; "" when unset

  // Unset periods are 0: RelevancePolicy's "never".
  RelevancePolicy Policy() const {
    return {confirm_every_days.value_or(0), expire_after_stale_days.value_or(0)};
  }
};

// 422 naming the file for a missing file, a bad YAML shape, a period that is not a whole number
// from 1 to 3650 days, or a period set without its source.
Expected<RelevanceFile> LoadRelevanceFile(const std::filesystem::path& file);

}  // namespace jumys::vacancies
