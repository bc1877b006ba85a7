#include "services/notifications/channel_support.h"

#include <gtest/gtest.h>

#include <string>

namespace jumys::notifications {
namespace {

TEST(ReplyForLog, MasksAddressesAndPhoneNumbers) {
  EXPECT_EQ(ReplyForLog("550 5.1.1 <aigerim@example.kz>: Recipient address rejected"),
            "550 5.1.1 <address>: Recipient address rejected");
  EXPECT_EQ(ReplyForLog("550 mailbox aigerim@example.kz unknown"), "550 mailbox <address> unknown");
  EXPECT_EQ(ReplyForLog("invalid number +77011234567, try again"),
            "invalid number <number>, try again");
  EXPECT_EQ(ReplyForLog("queued as 0042"), "queued as 0042");
}

TEST(ReplyForLog, IsOneShortLine) {
  EXPECT_EQ(ReplyForLog("250-first\r\n250 second\r\n"), "250-first 250 second");
  const std::string long_reply(500, 'x');
  EXPECT_EQ(ReplyForLog(long_reply).size(), 200u);
  // A cut never splits a UTF-8 character.
  std::string cyrillic;
  for (int i = 0; i < 150; ++i) cyrillic += "ж";
  const std::string cut = ReplyForLog(cyrillic);
  EXPECT_LE(cut.size(), 200u);
  EXPECT_EQ(cut.size() % 2, 0u);
}

}  // namespace
}  // namespace jumys::notifications
