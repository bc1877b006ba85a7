#pragma once
// Builds a flat JSON object straight into a string: the hot read paths answer tens of
// thousands of times a second, and a DOM per response costs more than the store read.
#include <cstdint>
#include <string>
#include <string_view>

namespace jumys::http {

class JsonObjectWriter {
 public:
  JsonObjectWriter() {
    out_.reserve(512);
    out_ += '{';
  }
  JsonObjectWriter& Field(std::string_view key, std::string_view value);
  JsonObjectWriter& Field(std::string_view key, std::int64_t value);
  JsonObjectWriter& Field(std::string_view key, bool value);
  // value must already be valid JSON.
  JsonObjectWriter& RawField(std::string_view key, std::string_view json);
  std::string Finish();  // leaves the writer empty

 private:
  void Key(std::string_view key);
  std::string out_;
  bool first_ = true;
};

}  // namespace jumys::http
