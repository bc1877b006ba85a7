#include "services/payments/statement_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>

#include "core/csv.h"
#include "core/time.h"
#include "services/payments/payment_service.h"

namespace jumys::payments {

namespace {

constexpr std::size_t kMaxXmlBytes = 8u << 20;
constexpr std::string_view kCamt053 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.0";

Expected<std::vector<StatementLine>> ReadCsv(std::string_view csv) {
  CsvReader reader(csv);
  const auto header = reader.Next();
  if (!header || header->cells.size() < 4 || header->cells[0] != "reference") {
    return Error::Unprocessable("payment.statement_header"_msg,
                                "a statement starts with reference,status,amount,date");
  }
  std::vector<StatementLine> lines;
  while (auto row = reader.Next()) {
    const auto& c = row->cells;
    if (c.size() < 4 || (c[1] != "paid" && c[1] != "returned") || !ParseDate(c[3]) ||
        (c[1] == "returned" && (c.size() < 5 || c[4].empty()))) {
      return FieldError(ErrorCode::kUnprocessable, "line " + std::to_string(row->line),
                        "payment.statement_line"_msg,
                        "each line is reference,paid|returned,amount,date[,reason] (a return "
                        "gives its reason)");
    }
    lines.push_back({c[0], c[1], c[2], c[3], c.size() > 4 ? c[4] : ""});
  }
  return lines;
}

Error Unreadable(const std::string& reason) {
  return Error::Unprocessable("payment.statement_xml"_msg,
                              "the statement is not a readable camt.053: {reason}",
                              {{"reason", reason}});
}

std::string Trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// An element child in its parent's namespace, the standard's: another namespace's element (a
// bank's extension) is not the field of the same name.
bool Named(const xmlNode* parent, const xmlNode* c, const char* name) {
  return c->type == XML_ELEMENT_NODE && c->ns && parent->ns &&
         xmlStrEqual(c->ns->href, parent->ns->href) &&
         xmlStrEqual(c->name, reinterpret_cast<const xmlChar*>(name));
}

xmlNode* Child(const xmlNode* node, const char* name) {
  if (!node) return nullptr;
  for (xmlNode* c = node->children; c; c = c->next) {
    if (Named(node, c, name)) return c;
  }
  return nullptr;
}

xmlNode* Path(const xmlNode* node, std::initializer_list<const char*> names) {
  const xmlNode* at = node;
  for (const char* name : names) at = Child(at, name);
  return const_cast<xmlNode*>(at);
}

std::string Text(const xmlNode* node) {
  if (!node) return "";
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return "";
  std::string out(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return Trimmed(std::move(out));
}

std::vector<xmlNode*> Children(const xmlNode* node, const char* name) {
  std::vector<xmlNode*> out;
  if (!node) return out;
  for (xmlNode* c = node->children; c; c = c->next) {
    if (Named(node, c, name)) out.push_back(c);
  }
  return out;
}

// "120000", "120000.5", "120000.50000" -> "120000.50"; nullopt for what is not KZT money.
std::optional<std::string> Money(const std::string& text) {
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  const auto digits = [](const std::string& s) {
    return s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (whole.empty() || whole.size() > 15 || !digits(whole) || !digits(fraction) ||
      fraction.size() > 5 || (fraction.size() > 2 && std::stoll(fraction.substr(2)) != 0)) {
    return std::nullopt;
  }
  const std::string cents = (fraction + "00").substr(0, 2);
  return Decimal(std::stoll(whole) * 100 + std::stoll(cents));
}

// Set when the parser meets a DOCTYPE: a statement has no business with a DTD, and stopping
// there leaves no entity declared, internal or external (no XXE, no entity expansion).
thread_local bool doctype_seen = false;

void RefuseDoctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  doctype_seen = true;
  xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// One statement entry (or one transaction of it) as a line; nullopt when it settles nothing.
Expected<std::optional<StatementLine>> EntryLine(const xmlNode* entry, const xmlNode* tx,
                                                 const std::string& where) {
  const xmlNode* sts = Child(entry, "Sts");
  if (!sts) return Unreadable(where + " has no Sts");
  // camt.053.001.02-.05 write <Sts>BOOK</Sts>, .06 on <Sts><Cd>BOOK</Cd></Sts>.
  const std::string status = Text(Child(sts, "Cd") ? Child(sts, "Cd") : sts);
  if (status != "BOOK") return std::optional<StatementLine>();  // pending or information only
  const xmlNode* return_info = Child(tx, "RtrInf");
  const std::string reversal = Text(Child(entry, "RvslInd"));
  const bool returned = return_info || reversal == "true" || reversal == "1";
  // A credit that is no return (the budget's own funding) is not about our orders.
  if (!returned && Text(Child(entry, "CdtDbtInd")) != "DBIT") return std::optional<StatementLine>();

  StatementLine line;
  line.status = returned ? "returned" : "paid";
  line.reference = Text(Path(tx, {"Refs", "EndToEndId"}));
  if (line.reference.empty()) return Unreadable(where + " has no Refs/EndToEndId");

  // camt.053.001.02 has no TxDtls/Amt: the transaction's own amount is in AmtDtls.
  const xmlNode* amount = Child(tx, "Amt");
  if (!amount) amount = Path(tx, {"AmtDtls", "TxAmt", "Amt"});
  if (!amount) amount = Child(entry, "Amt");
  if (!amount) return Unreadable(where + " has no Amt");
  xmlChar* ccy = xmlGetProp(amount, reinterpret_cast<const xmlChar*>("Ccy"));
  const std::string currency = ccy ? reinterpret_cast<const char*>(ccy) : "";
  xmlFree(ccy);
  if (currency != "KZT") return Unreadable(where + " is in " + currency + ", not KZT");
  const auto money = Money(Text(amount));
  if (!money) return Unreadable(where + " has an amount that is not tenge: " + Text(amount));
  line.amount = *money;

  for (const auto& date : {Path(entry, {"BookgDt", "Dt"}), Path(entry, {"BookgDt", "DtTm"}),
                           Path(entry, {"ValDt", "Dt"}), Path(entry, {"ValDt", "DtTm"})}) {
    if (date) {
      line.date = Text(date).substr(0, 10);
      break;
    }
  }
  if (!ParseDate(line.date)) return Unreadable(where + " has no BookgDt or ValDt date");

  if (returned) {
    std::string code = Text(Path(return_info, {"Rsn", "Cd"}));
    if (code.empty()) code = Text(Path(return_info, {"Rsn", "Prtry"}));
    std::string more;
    for (const xmlNode* info : Children(return_info, "AddtlInf")) {
      more += (more.empty() ? "" : " ") + Text(info);
    }
    line.reason = code.empty() ? Trimmed(more) : more.empty() ? code : code + ": " + more;
    if (line.reason.empty()) return Unreadable(where + " is a return without RtrInf/Rsn");
  }
  return std::optional<StatementLine>(std::move(line));
}

Expected<std::vector<StatementLine>> ReadCamt053(std::string_view xml) {
  if (xml.size() > kMaxXmlBytes) return Unreadable("it is larger than 8 MiB");
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });

  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) return Error::Internal("libxml2: no parser context");
  ctxt->sax->internalSubset = RefuseDoctype;
  doctype_seen = false;
  // No NOENT and no DTDLOAD: entities stay unexpanded and nothing outside is read; NONET
  // besides. The bytes are UTF-8 whatever the declaration claims.
  std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(
      ctxt.get(), xml.data(), static_cast<int>(xml.size()), "statement.xml", "UTF-8",
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC));
  if (doctype_seen) return Unreadable("a DOCTYPE (DTD or entities) is not accepted");
  if (!doc) {
    const xmlError* error = xmlCtxtGetLastError(ctxt.get());
    return Unreadable(error && error->message
                          ? "line " + std::to_string(error->line) + ": " + Trimmed(error->message)
                          : "not well-formed XML");
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const std::string ns = root && root->ns ? reinterpret_cast<const char*>(root->ns->href) : "";
  if (!root || !xmlStrEqual(root->name, reinterpret_cast<const xmlChar*>("Document")) ||
      ns.size() != kCamt053.size() + 1 || !ns.starts_with(kCamt053) || ns.back() < '2' ||
      ns.back() > '8') {
    return Unreadable("the root is not a Document of camt.053.001.02 to .08");
  }
  const xmlNode* statement = Child(root, "BkToCstmrStmt");
  if (!statement) return Unreadable("no BkToCstmrStmt");

  std::vector<StatementLine> lines;
  int entries = 0;
  for (const xmlNode* stmt : Children(statement, "Stmt")) {
    for (const xmlNode* entry : Children(stmt, "Ntry")) {
      const std::string where = "entry " + std::to_string(++entries);
      std::vector<xmlNode*> txs;
      for (const xmlNode* details : Children(entry, "NtryDtls")) {
        for (xmlNode* tx : Children(details, "TxDtls")) txs.push_back(tx);
      }
      if (txs.empty()) txs.push_back(nullptr);  // an entry without details: its own fields
      for (std::size_t i = 0; i < txs.size(); ++i) {
        JUMYS_ASSIGN_OR_RETURN(
            auto line,
            EntryLine(entry, txs[i],
                      txs.size() > 1 ? where + " TxDtls " + std::to_string(i + 1) : where));
        if (line) lines.push_back(std::move(*line));
      }
    }
  }
  return lines;
}

}  // namespace

Expected<std::vector<StatementLine>> ReadStatement(std::string_view body) {
  std::string_view rest = body;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  const auto first = rest.find_first_not_of(" \t\r\n");
  // From the '<' on: libxml2 refuses whitespace before the XML declaration.
  if (first != std::string_view::npos && rest[first] == '<') return ReadCamt053(rest.substr(first));
  return ReadCsv(body);
}

}  // namespace jumys::payments
