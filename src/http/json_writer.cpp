#include "http/json_writer.h"

#include "http/access_log.h"

namespace jumys::http {

void JsonObjectWriter::Key(std::string_view key) {
  if (!first_) out_ += ',';
  first_ = false;
  out_ += '"';
  AppendJsonEscaped(out_, key);
  out_ += "\":";
}

JsonObjectWriter& JsonObjectWriter::Field(std::string_view key, std::string_view value) {
  Key(key);
  out_ += '"';
  AppendJsonEscaped(out_, value);
  out_ += '"';
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Field(std::string_view key, std::int64_t value) {
  Key(key);
  out_ += std::to_string(value);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Field(std::string_view key, bool value) {
  Key(key);
  out_ += value ? "true" : "false";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::RawField(std::string_view key, std::string_view json) {
  Key(key);
  out_ += json;
  return *this;
}

std::string JsonObjectWriter::Finish() {
  out_ += '}';
  return std::move(out_);
}

}  // namespace jumys::http
