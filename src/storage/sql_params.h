#pragma once
// Numbered placeholders for a query put together piece by piece (optional filters, an office
// list): each Bind keeps its value and answers the placeholder that names it.
#include <string>
#include <utility>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

class SqlParams {
 public:
  // "$n" for `v`, the n-th value kept.
  std::string Bind(Value v) {
    params_.push_back(std::move(v));
    return "$" + std::to_string(params_.size());
  }
  // "$3, $4, $5" for the values of an IN (...); the caller makes sure there is at least one.
  std::string BindAll(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + Bind(v);
    return out;
  }
  const Params& params() const { return params_; }

 private:
  Params params_;
};

}  // namespace jumys::storage
