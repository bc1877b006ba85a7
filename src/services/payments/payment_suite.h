#pragma once
// The payments registry without HTTP, on both stores (payment_test.cpp, payment_pgtest.cpp):
// orders from draft to paid, the batch as pain.001.001.03 checked by xmllint against the
// standard's schema, a statement settling it (twice: nothing more) in CSV or camt.053, an
// unreadable camt.053 refused, a returned order re-issued, never two live orders for one basis
// and period, the budget, bad input, concurrent approvals.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/source_dir.h"
#include "core/testing/run_command.h"
#include "services/payments/payment_service.h"
#include "services/testing/demo_store.h"
#include "storage/testing/test_databases.h"

namespace jumys::testing {

class PaymentSuite : public ::testing::TestWithParam<Backend> {
 protected:
  static constexpr const char* kProgramme = "special-workplaces";

  PaymentSuite()
      : store_(GetParam()),
        payments_(
            store_.db(), store_.offices(), [this] { return Instant{std::chrono::seconds(now_)}; },
            [](const Office& office) {
              return payments::Debtor{office.name_ru, "KZ75125KZT2069100100", "KKMFKZ2A"};
            }) {
    DemoStore::Must(
        payments_.SetBudget(store_.As("admin"), kProgramme, 2026, "kzo-city", 100'000'000),
        "budget");
  }

  // A wage subsidy for one month of contract 7 (July 2026 when month is 7), to the demo employer.
  static payments::OrderRequest Wage(int month, std::int64_t amount = 12'000'000) {
    payments::OrderRequest q;
    q.kind = "wage_subsidy";
    q.programme = kProgramme;
    q.office_id = "kzo-city";
    q.payee = {"", "080540001238", "«Арал Балық» ЖШС", "KZ86125KZT5004100100"};
    q.amount = amount;
    const std::string m = (month < 10 ? "0" : "") + std::to_string(month);
    q.period_from = "2026-" + m + "-01";
    q.period_to = "2026-" + m + "-28";
    q.basis = "contract:7";
    q.budget_code = "001 102";
    return q;
  }

  payments::Order Approved(const payments::OrderRequest& q) {
    auto created = payments_.Create(store_.As("employers"), q);
    DemoStore::Must(created, "create");
    auto approved = payments_.Approve(store_.As("head"), created->id);
    DemoStore::Must(approved, "approve");
    return *approved;
  }

  std::string Status(std::int64_t id) {
    auto o = payments_.Find(id);
    DemoStore::Must(o, "find");
    return (*o)->status;
  }

  std::string WriteTemp(const std::string& name, const std::string& bytes) {
    const auto path = temp_.path() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  // A camt.053 statement of the office's account holding `entries` (Ntry elements).
  static std::string Camt053(const std::string& entries, int version = 8) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.0" +
           std::to_string(version) +
           "\">\n<BkToCstmrStmt>\n"
           "<GrpHdr><MsgId>ST-20261124</MsgId><CreDtTm>2026-11-25T18:00:00</CreDtTm></GrpHdr>\n"
           "<Stmt>\n<Id>ST-20261124-1</Id><CreDtTm>2026-11-25T18:00:00</CreDtTm>\n"
           "<Acct><Id><IBAN>KZ75125KZT2069100100</IBAN></Id><Ccy>KZT</Ccy></Acct>\n"
           "<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"KZT\">1000000.00</Amt>"
           "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-24</Dt></Dt></Bal>\n" +
           entries + "</Stmt>\n</BkToCstmrStmt>\n</Document>\n";
  }

  // One Ntry: `status` as camt.053.001.06 on writes it, `more` after CdtDbtInd (RvslInd).
  static std::string Entry(const std::string& amount, const std::string& direction,
                           const std::string& status, const std::string& transactions,
                           const std::string& dates =
                               "<BookgDt><Dt>2026-11-24</Dt></BookgDt><ValDt><Dt>2026-11-24</Dt>"
                               "</ValDt>",
                           const std::string& more = "") {
    return "<Ntry><Amt Ccy=\"KZT\">" + amount + "</Amt><CdtDbtInd>" + direction + "</CdtDbtInd>" +
           more + "<Sts><Cd>" + status + "</Cd></Sts>" + dates +
           "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly>"
           "<Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls>" +
           transactions + "</NtryDtls></Ntry>\n";
  }

  static std::string Tx(const std::string& reference, const std::string& amount,
                        const std::string& more = "") {
    return "<TxDtls><Refs><EndToEndId>" + reference + "</EndToEndId></Refs><Amt Ccy=\"KZT\">" +
           amount + "</Amt>" + more + "</TxDtls>";
  }

  // The statement is well-formed XML, as a bank would send it (no camt schema is at hand).
  void ExpectWellFormed(const std::string& xml) {
    std::string out;
    EXPECT_EQ(RunCommand("xmllint --noout --nonet " + WriteTemp("statement.xml", xml), &out), 0)
        << out << xml;
  }

  std::int64_t now_ = kHarnessMonday10Local;
  DemoStore store_;
  payments::PaymentService payments_;
  storage::TempDir temp_;
};

TEST_P(PaymentSuite, ApprovedOrdersGoOutInABatchAndAStatementSettlesThemOnce) {
  const auto july = Approved(Wage(7));
  const auto august = Approved(Wage(8));
  auto workplace = Wage(7, 45'000'000);
  workplace.kind = "workplace_subsidy";
  const auto equipped = Approved(workplace);
  auto draft = payments_.Create(store_.As("employers"), Wage(9));
  ASSERT_TRUE(draft) << draft.error().message;

  auto batch = payments_.Export(store_.As("head"));
  ASSERT_TRUE(batch) << batch.error().message;
  EXPECT_EQ(batch->orders, 3);
  EXPECT_EQ(batch->total, 69'000'000);
  EXPECT_EQ(batch->number, "KZO-CITY-2026-B000001");
  EXPECT_EQ(Status(july.id), "exported");
  EXPECT_EQ(Status(draft->id), "draft") << "a draft is not exported";
  auto again = payments_.Export(store_.As("head"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "payment.nothing_to_export") << "never exported twice";

  // The bank's file: valid against the standard's schema, every order by its number.
  auto xml = payments_.Pain001(batch->id);
  ASSERT_TRUE(xml) << xml.error().message;
  const auto xsd = SourceDir().parent_path() / "shared/standards/pain.001.001.03.xsd";
  std::string out;
  EXPECT_EQ(
      RunCommand("xmllint --noout --schema " + xsd.string() + " " + WriteTemp("batch.xml", *xml),
                 &out),
      0)
      << out << *xml;
  for (const auto& o : {july, august, equipped}) {
    EXPECT_NE(xml->find("<EndToEndId>" + o.number + "</EndToEndId>"), std::string::npos);
  }
  EXPECT_NE(xml->find("<CtrlSum>690000.00</CtrlSum>"), std::string::npos);
  EXPECT_NE(xml->find("<InstdAmt Ccy=\"KZT\">450000.00</InstdAmt>"), std::string::npos);
  auto csv = payments_.Csv(batch->id);
  ASSERT_TRUE(csv);
  EXPECT_NE(csv->find(july.number + ",wage_subsidy,,080540001238"), std::string::npos) << *csv;

  // The statement: two paid, one returned to a closed account, a line of no order of ours.
  const std::string statement = "reference,status,amount,date,reason\n" + july.number +
                                ",paid,120000.00,2026-11-24\n" + equipped.number +
                                ",paid,450000.00,2026-11-24\n" + august.number +
                                ",returned,120000.00,2026-11-24,account closed\n" +
                                "KZO-CITY-2026-P999999,paid,1.00,2026-11-24\n";
  auto settled = payments_.ImportStatement(store_.As("head"), statement);
  ASSERT_TRUE(settled) << settled.error().message;
  EXPECT_EQ(settled->matched, 3);
  EXPECT_EQ(settled->paid, 2);
  EXPECT_EQ(settled->returned, 1);
  EXPECT_EQ(settled->unmatched, std::vector<std::string>{"KZO-CITY-2026-P999999"});
  EXPECT_EQ(Status(july.id), "paid");
  EXPECT_EQ(Status(august.id), "returned");
  const auto audit_before = store_.Audit("payment.%").size();
  auto twice = payments_.ImportStatement(store_.As("head"), statement);
  ASSERT_TRUE(twice);
  EXPECT_TRUE(twice->repeated);
  EXPECT_EQ(twice->paid + twice->returned, 0);
  EXPECT_EQ(store_.Audit("payment.%").size(), audit_before) << "the same statement changes nothing";

  // The returned order, issued again to a corrected account, names the one it replaces.
  auto reissued = payments_.Reissue(store_.As("employers"), august.id, "KZ86125KZT5004100101");
  ASSERT_FALSE(reissued) << "a mistyped IBAN is refused";
  EXPECT_EQ(reissued.error().details.at(0).field, "payee.iban");
  reissued = payments_.Reissue(store_.As("employers"), august.id, "KZ56601A871001723891");
  ASSERT_TRUE(reissued) << reissued.error().message;
  EXPECT_EQ(reissued->reissue_of, august.id);
  EXPECT_EQ(reissued->status, "draft");
  EXPECT_EQ(reissued->request.payee.iban, "KZ56601A871001723891");
  auto paid_again = payments_.Reissue(store_.As("employers"), july.id, "");
  ASSERT_FALSE(paid_again);
  EXPECT_EQ(paid_again.error().key, "payment.wrong_status") << "a paid order is not issued again";
}

TEST_P(PaymentSuite, ACamt053StatementSettlesTheBatchOnce) {
  const auto july = Approved(Wage(7));
  const auto august = Approved(Wage(8));
  const auto september = Approved(Wage(9));
  auto workplace = Wage(7, 45'000'000);
  workplace.kind = "workplace_subsidy";
  const auto equipped = Approved(workplace);
  ASSERT_TRUE(payments_.Export(store_.As("head")).has_value());

  // July alone; equipment and a transfer of no order of ours booked as one entry; August
  // returned to a closed account (booked the next morning); September still pending.
  const std::string xml =
      "\xEF\xBB\xBF" +
      Camt053(Entry("120000.00", "DBIT", "BOOK", Tx(july.number, "120000.00")) +
              Entry("450001.00", "DBIT", "BOOK",
                    Tx(equipped.number, "450000") + Tx("KZO-CITY-2026-P999999", "1.00")) +
              Entry("120000.00", "CRDT", "BOOK",
                    Tx(august.number, "120000.00",
                       "<RtrInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>account closed</AddtlInf>"
                       "</RtrInf>"),
                    "<BookgDt><DtTm>2026-11-25T09:30:00+05:00</DtTm></BookgDt>",
                    "<RvslInd>true</RvslInd>") +
              Entry("120000.00", "DBIT", "PDNG", Tx(september.number, "120000.00")));
  ExpectWellFormed(xml);
  auto settled = payments_.ImportStatement(store_.As("head"), xml);
  ASSERT_TRUE(settled) << settled.error().message;
  EXPECT_FALSE(settled->repeated);
  EXPECT_EQ(settled->matched, 3);
  EXPECT_EQ(settled->paid, 2);
  EXPECT_EQ(settled->returned, 1);
  EXPECT_EQ(settled->unmatched, std::vector<std::string>{"KZO-CITY-2026-P999999"});
  EXPECT_EQ(Status(july.id), "paid");
  EXPECT_EQ(Status(equipped.id), "paid") << "450000 is 450000.00";
  EXPECT_EQ(Status(september.id), "exported") << "a pending entry settles nothing";
  const auto returned = payments_.Find(august.id);
  ASSERT_TRUE(returned && *returned);
  EXPECT_EQ((*returned)->status, "returned");
  EXPECT_EQ((*returned)->return_reason, "AC04: account closed");
  EXPECT_EQ((*returned)->settled_at, "2026-11-25");
  EXPECT_EQ(store_.Audit("payment.returned").size(), 1u);

  const auto audit_before = store_.Audit("payment.%").size();
  auto twice = payments_.ImportStatement(store_.As("head"), xml);
  ASSERT_TRUE(twice) << twice.error().message;
  EXPECT_TRUE(twice->repeated);
  EXPECT_EQ(twice->matched + twice->paid + twice->returned, 0);
  EXPECT_EQ(store_.Audit("payment.%").size(), audit_before) << "the same statement changes nothing";
  EXPECT_EQ(QueryCount(store_.db(), "SELECT COUNT(*) FROM payment_statements"), 1);

  // camt.053.001.02 writes <Sts>BOOK</Sts> and puts the transaction's amount in AmtDtls.
  std::string older = Camt053(
      "<Ntry><Amt Ccy=\"KZT\">120000.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>"
      "<BookgDt><Dt>2026-11-26</Dt></BookgDt><ValDt><Dt>2026-11-26</Dt></ValDt><BkTxCd/>"
      "<NtryDtls><TxDtls><Refs><EndToEndId>" +
          september.number +
          "</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy=\"KZT\">120000.00</Amt></TxAmt>"
          "</AmtDtls></TxDtls></NtryDtls></Ntry>\n",
      2);
  ExpectWellFormed(older);
  // Blank lines before the declaration, as a file pasted into a form may have: still XML.
  auto booked = payments_.ImportStatement(store_.As("head"), "\r\n" + older);
  ASSERT_TRUE(booked) << booked.error().message;
  EXPECT_EQ(booked->paid, 1);
  EXPECT_EQ(Status(september.id), "paid");
}

TEST_P(PaymentSuite, AnUnreadableCamt053IsRefusedAndChangesNothing) {
  const auto july = Approved(Wage(7));
  ASSERT_TRUE(payments_.Export(store_.As("head")).has_value());
  const std::string paid = Entry("120000.00", "DBIT", "BOOK", Tx(july.number, "120000.00"));
  const std::string good = Camt053(paid);
  ExpectWellFormed(good);
  // The document without its declaration, `july`'s number replaced by `reference`.
  const auto body_of = [&](const std::string& reference) {
    std::string body = good.substr(good.find("<Document"));
    return body.replace(body.find(july.number), july.number.size(), reference);
  };
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"malformed", good.substr(0, good.size() - 12)},
      {"an external entity",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY ref SYSTEM "
       "\"file:///etc/hostname\">]>\n" +
           body_of("&ref;")},
      {"an entity bomb",
       "<!DOCTYPE Document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
       "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n" +
           body_of("&b;")},
      {"an undeclared entity", Camt053(Entry("120000.00", "DBIT", "BOOK", Tx("&ref;", "1.00")))},
      {"no EndToEndId",
       Camt053(Entry("120000.00", "DBIT", "BOOK", "<TxDtls><Refs/></TxDtls>") + paid)},
      {"a return without its reason",
       Camt053(paid + Entry("120000.00", "CRDT", "BOOK", Tx(july.number, "120000.00"),
                            "<BookgDt><Dt>2026-11-24</Dt></BookgDt>", "<RvslInd>true</RvslInd>"))},
      {"no date", Camt053(paid + Entry("120000.00", "DBIT", "BOOK", Tx(july.number, "1"), ""))},
      {"another message",
       "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.08\">"
       "<BkToCstmrStmt/></Document>"},
  };
  for (const auto& [what, body] : bad) {
    auto refused = payments_.ImportStatement(store_.As("head"), body);
    ASSERT_FALSE(refused) << what;
    EXPECT_EQ(refused.error().code, ErrorCode::kUnprocessable) << what;
    EXPECT_EQ(refused.error().key, "payment.statement_xml") << what;
    EXPECT_TRUE(refused.error().message.starts_with("the statement is not a readable camt.053: "))
        << refused.error().message;
  }
  EXPECT_NE(
      payments_.ImportStatement(store_.As("head"), bad[1].second).error().message.find("DOCTYPE"),
      std::string::npos);
  EXPECT_EQ(Status(july.id), "exported");
  EXPECT_EQ(QueryCount(store_.db(), "SELECT COUNT(*) FROM payment_statements"), 0);
  EXPECT_TRUE(store_.Audit("payment.paid").empty());

  // The good one after all of them still settles the order: nothing above was recorded.
  auto settled = payments_.ImportStatement(store_.As("head"), good);
  ASSERT_TRUE(settled) << settled.error().message;
  EXPECT_EQ(settled->paid, 1);
}

TEST_P(PaymentSuite, OneLiveOrderPerBasisAndPeriodAndNoneBeyondTheBudget) {
  const auto july = Approved(Wage(7));
  auto twin = payments_.Create(store_.As("employers"), Wage(7));
  ASSERT_FALSE(twin);
  EXPECT_EQ(twin.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twin.error().key, "payment.duplicate");
  // Returned, the basis is free again.
  ASSERT_TRUE(payments_.Return(store_.As("head"), july.id, "wrong period").has_value());
  EXPECT_TRUE(payments_.Create(store_.As("employers"), Wage(7)).has_value());

  // 1,000,000 ₸ allocated; 120,000 live; 900,000 more is over by 20,000.
  auto big = payments_.Create(store_.As("employers"), Wage(8, 90'000'000));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().key, "payment.over_budget");
  EXPECT_EQ(big.error().params,
            (MessageParams{{"amount", "900000.00"}, {"left", "880000.00"}, {"year", "2026"}}));
  auto left = payments_.BudgetLeft(kProgramme, 2026, "kzo-city");
  ASSERT_TRUE(left);
  EXPECT_EQ(*left, 88'000'000);
  auto other = Wage(8);
  other.programme = "voluntary-relocation";  // no budget allocated
  EXPECT_EQ(payments_.Create(store_.As("employers"), other).error().key, "payment.over_budget");
}

TEST_P(PaymentSuite, BadOrdersAreRefusedFieldByFieldAndNothingIsStored) {
  auto q = Wage(7);
  q.payee.iban = "KZ86125KZT5004100109";
  q.amount = 0;
  q.period_to = "2026-06-30";
  q.kind = "bonus";
  auto bad = payments_.Create(store_.As("employers"), q);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kUnprocessable);
  std::set<std::string> fields;
  for (const auto& d : bad.error().details) fields.insert(d.field);
  EXPECT_EQ(fields, (std::set<std::string>{"kind", "payee.iban", "amount", "period.to"}));
  EXPECT_EQ(QueryCount(store_.db(), "SELECT COUNT(*) FROM payment_orders"), 0);

  // The office's staff prepare, its head approves; another office's staff may not act (the
  // router already hides the order from those who do not see its office).
  auto created = payments_.Create(store_.As("employers"), Wage(7));
  ASSERT_TRUE(created);
  EXPECT_EQ(payments_.Approve(store_.As("employers"), created->id).error().key,
            "payment.head_only");
  EXPECT_EQ(payments_.Approve(store_.As("head2"), created->id).error().key, "payment.other_office");
  auto statement = payments_.ImportStatement(
      store_.As("head"), "reference,status,amount,date\n" + created->number + ",lost,1,x\n");
  ASSERT_FALSE(statement);
  EXPECT_EQ(statement.error().details.at(0).field, "line 2");
}

TEST_P(PaymentSuite, TwoApprovalsAtOnceMakeOneApprovedOrder) {
  auto created = payments_.Create(store_.As("employers"), Wage(7));
  ASSERT_TRUE(created);
  std::atomic<int> approved{0}, refused{0};
  const Actor head = store_.As("head");
  const auto approve = [&] {
    auto r = payments_.Approve(head, created->id);
    (r ? approved : refused)++;
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::kConflict) << r.error().message;
    }
  };
  std::thread a(approve), b(approve);
  a.join();
  b.join();
  EXPECT_EQ(approved.load(), 1);
  EXPECT_EQ(refused.load(), 1);
  EXPECT_EQ(store_.Audit("payment.approve").size(), 1u);
}

}  // namespace jumys::testing
