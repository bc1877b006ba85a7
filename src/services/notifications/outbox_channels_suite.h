#pragma once
// Which channels the outbox writes a message for: consent, an address and a configured server
// for e-mail and SMS, the recipient's language from their contacts, and the SMS daily cap.
#include <string>
#include <vector>

#include "services/notifications/outbox_support.h"

namespace jumys::testing {

TEST_P(OutboxSuite, ChannelsNeedConsentAnAddressAndAConfiguredServer) {
  struct Row {
    const char* name;
    bool email_on, sms_on;
    bool has_contact;
    std::string email, phone;
    bool email_opt_in, sms_opt_in;
    std::vector<std::string> channels;
  };
  const std::vector<Row> rows = {
      {"no contact", true, true, false, "", "", false, false, {"inbox"}},
      {"no consent", true, true, true, "hr@x.example", "+77011234567", false, false, {"inbox"}},
      {"consent to e-mail",
       true,
       true,
       true,
       "hr@x.example",
       "+77011234567",
       true,
       false,
       {"inbox", "email"}},
      {"consent to SMS",
       true,
       true,
       true,
       "hr@x.example",
       "+77011234567",
       false,
       true,
       {"inbox", "sms"}},
      {"consent, no addresses", true, true, true, "", "", true, true, {"inbox"}},
      {"consent, e-mail off",
       false,
       true,
       true,
       "hr@x.example",
       "+77011234567",
       true,
       true,
       {"inbox", "sms"}},
      {"consent, SMS off",
       true,
       false,
       true,
       "hr@x.example",
       "+77011234567",
       true,
       true,
       {"inbox", "email"}},
      {"both",
       true,
       true,
       true,
       "hr@x.example",
       "+77011234567",
       true,
       true,
       {"inbox", "email", "sms"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    NotifierOptions options = AllChannels();
    options.email = row.email_on;
    options.sms = row.sms_on;
    Use(options);
    if (row.has_contact) {
      SetContact("employer", kBin, row.email, row.phone, "ru", row.email_opt_in, row.sms_opt_in);
    }
    const std::int64_t id = FileS4();
    MustDo(id, "register", "oblast-clerk", "accepted");
    std::vector<std::string> channels;
    for (const auto& m : Messages("application_accepted")) {
      channels.push_back(m.channel);
      EXPECT_EQ(m.language, row.has_contact ? "ru" : "kk");
      if (m.channel == "email") {
        EXPECT_EQ(m.address, row.email);
      }
      if (m.channel == "sms") {
        EXPECT_EQ(m.address, row.phone);
      }
    }
    EXPECT_EQ(channels, row.channels);
  }
}

TEST_P(OutboxSuite, LanguageComesFromTheContacts) {
  for (const char* language : {"kk", "ru", "en"}) {
    SCOPED_TRACE(language);
    Use(AllChannels());
    SetContact("employer", kBin, "hr@x.example", "", language, true, false);
    const std::int64_t id = FileS4();
    MustDo(id, "register", "oblast-clerk", "accepted");
    const auto messages = Messages("application_accepted");
    ASSERT_EQ(messages.size(), 2u);
    const NotificationTemplate* t = templates_.Find("application_accepted");
    ASSERT_NE(t, nullptr);
    const std::string& subject = std::string(language) == "ru"   ? t->subject.ru
                                 : std::string(language) == "en" ? t->subject.en
                                                                 : t->subject.kk;
    const std::string number = engine().cases().Load(id)->kase.number;
    std::string expected = subject;
    expected.replace(expected.find("{case_number}"), 13, number);
    for (const auto& m : messages) {
      EXPECT_EQ(m.language, language);
      EXPECT_EQ(m.subject, expected);
    }
    EXPECT_NE(messages[1].html.find(std::string("<html lang=\"") + language + "\">"),
              std::string::npos);
  }
}

TEST_P(OutboxSuite, SmsOverTheDailyCapStaysInTheInboxAndDoesNotCount) {
  Use(AllChannels(/*sms_cap=*/2));
  SetContact("employer", kBin, "", "+77011234567", "kk", false, true);
  // Three applications accepted the same day: the third SMS is over the cap.
  std::vector<std::int64_t> cases;
  for (int i = 0; i < 4; ++i) {
    cases.push_back(FileS4());
    MustDo(cases.back(), "register", "oblast-clerk", "accepted");
  }
  std::vector<storage::NotificationRow> sms;
  for (const auto& m : Messages("application_accepted")) {
    if (m.channel == "sms") sms.push_back(m);
  }
  ASSERT_EQ(sms.size(), 4u);
  EXPECT_EQ(sms[0].status, "created");
  EXPECT_EQ(sms[1].status, "created");
  for (int i : {2, 3}) {
    SCOPED_TRACE(i);
    EXPECT_EQ(sms[i].status, "permanent-failure");
    const auto attempts = Attempts(sms[i].id);
    ASSERT_EQ(attempts.size(), 1u);
    EXPECT_EQ(attempts[0].outcome, "capped");
    EXPECT_NE(attempts[0].detail.find("daily cap of 2"), std::string::npos) << attempts[0].detail;
    EXPECT_EQ(attempts[0].detail.find("+7701"), std::string::npos) << "no number in the log";
  }
  // Every message still reached the inbox.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE channel = 'inbox' AND "
                  "template = 'application_accepted'"),
            4);
  // The capped ones do not count: two in the last 24 hours.
  std::int64_t counted = -1;
  DemoStore::Must(engine().db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        counted, storage::CountSmsSince(tx, "+77011234567",
                                        FormatRfc3339(engine().Now() - std::chrono::hours(24))));
    return {};
  }),
                  "count");
  EXPECT_EQ(counted, 2);

  // A day later the number may get messages again.
  engine().Advance(std::chrono::hours(24) + std::chrono::minutes(1));
  const std::int64_t next = FileS4();
  MustDo(next, "register", "oblast-clerk", "accepted");
  const auto all = Messages("application_accepted");
  EXPECT_EQ(all.back().channel, "sms");
  EXPECT_EQ(all.back().status, "created");
}
}  // namespace jumys::testing
