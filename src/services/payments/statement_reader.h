#pragma once
// A bank or treasury statement read into lines, whatever its format (docs/PAYMENTS.md "To the
// bank and back"): CSV `reference,status,amount,date[,reason]`, or ISO 20022 camt.053
// (BkToCstmrStmt, camt.053.001.02 to .08). The registry settles orders from the lines alone.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace jumys::payments {

struct StatementLine {
  std::string reference;  // the order's number, our EndToEndId
  std::string status;     // paid | returned
  std::string amount;     // "12345.67", as Decimal writes it
  std::string date;       // YYYY-MM-DD
  std::string reason;     // a return's, never empty for one
};

// After an optional UTF-8 BOM and whitespace, a body that starts with '<' is camt.053 XML,
// anything else CSV. 422 payment.statement_header / payment.statement_line for bad CSV,
// payment.statement_xml for XML that is malformed, has a DTD, is not camt.053, is larger than
// 8 MiB or has a booked entry without its reference, amount or date.
Expected<std::vector<StatementLine>> ReadStatement(std::string_view body);

}  // namespace jumys::payments
