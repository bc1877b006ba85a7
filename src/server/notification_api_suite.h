#pragma once
// Notifications through the API, on SQLite (notification_api_test.cpp) and PostgreSQL
// (notification_api_pgtest.cpp): the S4a decision notice reaches the employer's inbox in the
// transaction of step 6.8, each account reads only its own inbox, contact details are checked
// and audited, and the delivery log, hand retries and the gateway's receipts keep to their
// roles and secret.
#include "server/permit_api_support.h"
#include "storage/repositories/notification_repository.h"

namespace jumys::testing {

class NotificationApiSuite : public PermitApiSuite {
 protected:
  json Inbox(const std::string& login, const std::string& query = "") {
    return GetJson("/api/v1/inbox" + query, login);
  }
  static std::vector<std::string> Templates(const json& inbox) {
    std::vector<std::string> out;
    for (const auto& m : inbox["messages"]) out.push_back(m["template"]);
    return out;
  }
  std::int64_t CountRows(const std::string& where) {
    return QueryCount(api_.runtime().db(), "SELECT COUNT(*) FROM notifications WHERE " + where);
  }
};

TEST_P(NotificationApiSuite, TheDecisionNoticeReachesTheEmployersInbox) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  const std::string number = kase["number"];
  IssueUpToFee(id, false);

  json inbox = Inbox("employer");
  // API.md's shape: the list is "messages" (the server once answered "items").
  ASSERT_TRUE(inbox.contains("messages") && inbox["messages"].is_array()) << inbox.dump();
  EXPECT_FALSE(inbox.contains("items")) << inbox.dump();
  EXPECT_EQ(Templates(inbox),
            (std::vector<std::string>{"decision_notice", "application_accepted"}));
  EXPECT_EQ(inbox["unread"], 2);
  const json notice = inbox["messages"][0];
  EXPECT_NE(notice["subject"].get<std::string>().find(number), std::string::npos);
  EXPECT_EQ(notice["case_id"], id);
  // The link is the verification page of the signed notice, written in the case's language.
  const std::string link = notice["link"];
  EXPECT_NE(link.find("/verify/"), std::string::npos) << link;
  auto verified = api_.Call("GET", "/api/v1/verify/" + link.substr(link.rfind('/') + 1));
  EXPECT_EQ(verified.status, 200) << verified.body;
  EXPECT_NE(notice["body"].get<std::string>().find(link), std::string::npos);

  // The employer's message is nobody else's: the seeker and staff neither see it nor read it.
  EXPECT_EQ(Inbox("seeker")["unread"], 0);
  const std::string read_target =
      "/api/v1/inbox/" + std::to_string(notice["id"].get<int>()) + "/read";
  EXPECT_EQ(Post(read_target, json::object(), "seeker").status, 404);
  EXPECT_EQ(Post(read_target, json::object(), "oblast-clerk").status, 404);
  EXPECT_EQ(Inbox("employer")["unread"], 2);

  auto read = Post(read_target, json::object(), "employer");
  EXPECT_EQ(read.status, 204) << read.body;
  inbox = Inbox("employer");
  EXPECT_EQ(inbox["unread"], 1);
  EXPECT_FALSE(inbox["messages"][0]["read_at"].is_null());
  EXPECT_TRUE(inbox["messages"][1]["read_at"].is_null());
  EXPECT_EQ(Post("/api/v1/inbox/read-all", json::object(), "employer").status, 204);
  EXPECT_EQ(Inbox("employer")["unread"], 0);
  EXPECT_EQ(Inbox("employer", "?limit=1")["messages"].size(), 1u);
  EXPECT_EQ(Inbox("employer",
                  "?before=" + std::to_string(notice["id"].get<int>()))["messages"][0]["template"],
            "application_accepted");
}

TEST_P(NotificationApiSuite, ANoticeIsWrittenOnlyWithTheChangeThatCausesIt) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  const std::int64_t id = kase["id"];
  const std::string of_case = "case_id = " + std::to_string(id);
  EXPECT_EQ(CountRows(of_case), 0);
  Work("foreign-labour-permit", id, {{"register", "oblast-clerk", "accepted"}});
  EXPECT_EQ(CountRows(of_case + " AND template = 'application_accepted'"), 1);
  // A refused completion (an appointee who is no executor) writes no task_assigned message.
  auto task = QueueTask(id, "oblast-head");
  auto refused = Complete(task["id"], "oblast-head", "assigned", {{"assignee", "oblast-clerk"}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(CountRows(of_case + " AND template = 'task_assigned'"), 0);
  auto assigned =
      Complete(task["id"], "oblast-head", "assigned", {{"assignee", "oblast-executor"}});
  EXPECT_EQ(assigned.status, 200) << assigned.body;
  // The appointee hears of the task given to them, in their own inbox.
  json staff = Inbox("oblast-executor");
  ASSERT_FALSE(staff["messages"].empty());
  EXPECT_EQ(staff["messages"][0]["template"], "task_assigned");
  EXPECT_EQ(staff["messages"][0]["case_id"], id);
  EXPECT_EQ(CountRows(of_case + " AND channel <> 'inbox'"), 0);  // e-mail and SMS are off
}

TEST_P(NotificationApiSuite, ContactDetailsAreCheckedAndConsentIsAudited) {
  auto bad = api_.Call("PUT", "/api/v1/me/contacts",
                       json{{"email", "not-an-address"},
                            {"phone", "87011234567"},
                            {"language", "de"},
                            {"sms_opt_in", false},
                            {"email_opt_in", true}}
                           .dump(),
                       Token("seeker"));
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(DetailKeys(bad), (json{{"email", "contacts.bad_email"},
                                   {"phone", "contacts.bad_phone"},
                                   {"language", "contacts.bad_language"}}));
  auto opt_in =
      api_.Call("PUT", "/api/v1/me/contacts",
                json{{"sms_opt_in", true}, {"email_opt_in", true}}.dump(), Token("seeker"));
  ASSERT_EQ(opt_in.status, 422) << opt_in.body;
  EXPECT_EQ(DetailKeys(opt_in), (json{{"email_opt_in", "contacts.opt_in_needs_email"},
                                      {"sms_opt_in", "contacts.opt_in_needs_phone"}}));
  EXPECT_EQ(GetJson("/api/v1/me/contacts", "seeker"), (json{{"email", ""},
                                                            {"phone", ""},
                                                            {"language", "kk"},
                                                            {"email_opt_in", false},
                                                            {"sms_opt_in", false}}));

  const json good = {{"email", "aigul@example.kz"},
                     {"phone", "+77011234567"},
                     {"language", "ru"},
                     {"email_opt_in", true},
                     {"sms_opt_in", true}};
  auto saved = api_.Call("PUT", "/api/v1/me/contacts", good.dump(), Token("seeker"));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(GetJson("/api/v1/me/contacts", "seeker"), good);
  // Staff give an e-mail for alerts, never a phone.
  auto staff_phone = api_.Call(
      "PUT", "/api/v1/me/contacts",
      json{{"email", "clerk@example.kz"}, {"phone", "+77011234567"}}.dump(), Token("clerk"));
  EXPECT_EQ(staff_phone.status, 422) << staff_phone.body;
  EXPECT_EQ(api_.Call("PUT", "/api/v1/me/contacts", json{{"email", "clerk@example.kz"}}.dump(),
                      Token("clerk"))
                .status,
            200);

  // The consent is on the audit chain, without the addresses.
  std::string audited;
  auto read = api_.runtime().db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT data FROM audit_events WHERE action = 'contacts.update' "
                            "AND actor = 'seeker'"));
    if (!rows.empty()) audited = rows.Text(0, 0);
    return {};
  });
  ASSERT_TRUE(read.has_value());
  EXPECT_NE(audited.find("\"sms_opt_in\":true"), std::string::npos) << audited;
  EXPECT_EQ(audited.find("aigul@"), std::string::npos) << audited;
  EXPECT_EQ(audited.find("7011234567"), std::string::npos) << audited;
}

TEST_P(NotificationApiSuite, TheDeliveryLogRetriesAndReceiptsKeepToTheirRoles) {
  auto kase = FileOffice("foreign-labour-permit", IssueData());
  Work("foreign-labour-permit", kase["id"], {{"register", "oblast-clerk", "accepted"}});

  auto log = GetJson("/api/v1/notifications?channel=inbox", "admin");
  ASSERT_FALSE(log["items"].empty());
  EXPECT_EQ(log["items"][0]["status"], "delivered");
  EXPECT_EQ(log["items"][0]["office"], "kzo-oblast");
  EXPECT_EQ(Get("/api/v1/notifications", "oblast-clerk").status, 403);
  EXPECT_EQ(Get("/api/v1/notifications?status=lost", "admin").status, 400);
  // The city centre's analyst sees none of the oblast department's messages.
  EXPECT_EQ(GetJson("/api/v1/notifications", "analyst")["items"].size(), 0u);

  // A delivered message is not sent again; a failed one goes back to the queue.
  const std::int64_t delivered = log["items"][0]["id"];
  auto again = Post("/api/v1/notifications/" + std::to_string(delivered) + "/retry", json::object(),
                    "admin");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Post("/api/v1/notifications/999999/retry", json::object(), "admin").status, 404);
  auto failed = api_.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(
        tx.Exec("UPDATE notifications SET channel = 'email', address = 'x@example.kz', "
                "status = 'technical-failure', attempts = 8 WHERE id = $1",
                {delivered}));
    return {};
  });
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(Post("/api/v1/notifications/" + std::to_string(delivered) + "/retry", json::object(),
                 "analyst")
                .status,
            404);  // another office's message is not there for the city's analyst
  auto retried = Post("/api/v1/notifications/" + std::to_string(delivered) + "/retry",
                      json::object(), "admin");
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(json::parse(retried.body)["status"], "created");
  EXPECT_EQ(json::parse(retried.body)["address"], "x***@example.kz");

  // Receipts: a wrong or missing secret is refused (none is configured here).
  auto receipt = api_.Call("POST", "/api/v1/notifications/receipts",
                           json{{"reference", "0123"}, {"status", "delivered"}}.dump());
  EXPECT_EQ(receipt.status, 401) << receipt.body;
}

}  // namespace jumys::testing
