// E-mail through a real SMTP server on loopback (aiosmtpd, tests/support/smtp_server.py): what
// the server received, decoded as a mail reader would, and how each answer maps to a status.
#include "services/notifications/smtp_channel.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/testing/run_command.h"
#include "services/notifications/testing/smtp_test_server.h"

namespace jumys::notifications {
namespace {

using testing::SmtpTestServer;

constexpr char kReference[] = "0123456789abcdef0123456789abcdef";

SmtpConfig ConfigFor(const std::string& url) {
  SmtpConfig config;
  config.url = url;
  config.starttls = false;
  config.from_address = "noreply@enbek.example.kz";
  config.from_name = "Жұмыспен қамту орталығы";
  config.timeout = std::chrono::seconds(5);
  return config;
}

OutgoingMessage KazakhMessage() {
  return OutgoingMessage{
      .reference = kReference,
      .address = "aigerim@example.kz",
      .language = "kk",
      .subject = "Өтінішіңіз қабылданды: ЖҚО-2026-000123 нөмірлі іс бойынша шешім дайын",
      .text =
          "Сәлеметсіз бе!\nӨтінішіңіз қабылданды.\nІсті қараңыз: "
          "https://jumys.example.kz/cases/42\n",
      .html =
          "<!doctype html><html lang=\"kk\"><body><p>Сәлеметсіз бе!</p><p><a "
          "href=\"https://jumys.example.kz/cases/42\">Істі қарау</a></p></body></html>"};
}

OutgoingMessage EnglishMessage() {
  return OutgoingMessage{.reference = "fedcba9876543210fedcba9876543210",
                         .address = "john@example.com",
                         .language = "en",
                         .subject = "Your application was accepted",
                         .text =
                             "Hello,\nyour application was accepted.\nSee "
                             "https://jumys.example.kz/cases/43\n",
                         .html =
                             "<!doctype html><html lang=\"en\"><body><p><a "
                             "href=\"https://jumys.example.kz/cases/43\">Open the "
                             "case</a></p></body></html>"};
}

// A port nothing listens on: bound for a moment by the kernel's choice, then closed.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

// A listening socket that never accepts nor greets: the connection opens and nothing comes.
class SilentListener {
 public:
  SilentListener() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(fd_, 4);
    socklen_t size = sizeof address;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// --- The message as built ------------------------------------------------------------------

TEST(SmtpMimeMessage, CarriesTheReferenceLanguageAndDate) {
  const Instant now = std::chrono::sys_days{std::chrono::year{2026} / 12 / 2} +
                      std::chrono::hours{16} + std::chrono::minutes{36} + std::chrono::seconds{53};
  const MimeMessage mime = BuildMimeMessage(ConfigFor("smtp://x"), KazakhMessage(), now);
  ASSERT_FALSE(mime.refused);
  const std::string& text = mime.text;
  EXPECT_NE(text.find("Date: Wed, 02 Dec 2026 16:36:53 +0000\r\n"), std::string::npos);
  EXPECT_NE(text.find("Message-ID: <0123456789abcdef0123456789abcdef@jumys>\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("X-Jumys-Reference: 0123456789abcdef0123456789abcdef\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("Content-Language: kk\r\n"), std::string::npos);
  EXPECT_NE(text.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(text.find("To: <aigerim@example.kz>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Content-Type: multipart/alternative;\r\n boundary=\"=_jumys_"),
            std::string::npos);
  EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos);
}

TEST(SmtpMimeMessage, IsSevenBitWithShortLines) {
  const MimeMessage mime = BuildMimeMessage(ConfigFor("smtp://x"), KazakhMessage(), Instant{});
  ASSERT_FALSE(mime.refused);
  size_t start = 0;
  while (start < mime.text.size()) {
    const size_t end = mime.text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends with CRLF";
    const std::string line = mime.text.substr(start, end - start);
    EXPECT_LE(line.size(), 78u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "no bare LF";
    EXPECT_EQ(line.find('\r'), std::string::npos) << "no bare CR";
    for (char c : line) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << line;
    start = end + 2;
  }
}

TEST(SmtpMimeMessage, MessageIdDomainIsConfigurable) {
  SmtpConfig config = ConfigFor("smtp://x");
  config.message_id_domain = "jumys.enbek.kz";
  const MimeMessage mime = BuildMimeMessage(config, KazakhMessage(), Instant{});
  ASSERT_FALSE(mime.refused);
  EXPECT_NE(mime.text.find("Message-ID: <0123456789abcdef0123456789abcdef@jumys.enbek.kz>\r\n"),
            std::string::npos);
}

TEST(SmtpMimeMessage, RefusesWhatWouldBreakAHeader) {
  const SmtpConfig config = ConfigFor("smtp://x");
  for (const std::string& subject :
       std::vector<std::string>{"Hello\r\nBcc: victim@example.com", "Hello\nBcc: x@y.z",
                                "Hello\rX: y", std::string("Hello\0x", 7)}) {
    OutgoingMessage message = EnglishMessage();
    message.subject = subject;
    const MimeMessage mime = BuildMimeMessage(config, message, Instant{});
    ASSERT_TRUE(mime.refused);
    EXPECT_EQ(mime.refused->status, SendStatus::kPermanentFailure);
    EXPECT_TRUE(mime.text.empty());
  }
  for (const std::string& address : std::vector<std::string>{
           "john@example.com\r\nBcc: victim@example.com", "john@example.com>\r\nRCPT TO:<x@y.z",
           "john@example.com\n", "John <john@example.com>", "john", "", "a b@example.com",
           "a@b@example.com"}) {
    OutgoingMessage message = EnglishMessage();
    message.address = address;
    const MimeMessage mime = BuildMimeMessage(config, message, Instant{});
    ASSERT_TRUE(mime.refused) << address;
    EXPECT_EQ(mime.refused->status, SendStatus::kPermanentFailure);
  }
  OutgoingMessage bad_reference = EnglishMessage();
  bad_reference.reference = "abc>\r\nBcc: x@y.z";
  EXPECT_EQ(BuildMimeMessage(config, bad_reference, Instant{}).refused->status,
            SendStatus::kPermanentFailure);
  OutgoingMessage bad_language = EnglishMessage();
  bad_language.language = "en\r\nX: y";
  EXPECT_EQ(BuildMimeMessage(config, bad_language, Instant{}).refused->status,
            SendStatus::kPermanentFailure);

  SmtpConfig bad_sender = config;
  bad_sender.from_address = "noreply@example.kz\r\nBcc: x@y.z";
  EXPECT_EQ(BuildMimeMessage(bad_sender, EnglishMessage(), Instant{}).refused->status,
            SendStatus::kTechnicalFailure);
  SmtpConfig bad_name = config;
  bad_name.from_name = "Centre\r\nBcc: x@y.z";
  EXPECT_EQ(BuildMimeMessage(bad_name, EnglishMessage(), Instant{}).refused->status,
            SendStatus::kTechnicalFailure);
}

TEST(SmtpMimeMessage, PlainTextOnlyWithoutHtml) {
  OutgoingMessage message = EnglishMessage();
  message.html.clear();
  const MimeMessage mime = BuildMimeMessage(ConfigFor("smtp://x"), message, Instant{});
  ASSERT_FALSE(mime.refused);
  EXPECT_EQ(mime.text.find("multipart"), std::string::npos);
  EXPECT_NE(mime.text.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
}

// --- Through a real SMTP server --------------------------------------------------------------

TEST(SmtpChannel, DeliversAKazakhMessageAsAMailReaderShowsIt) {
  SmtpTestServer server;
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));
  const OutgoingMessage message = KazakhMessage();

  const SendResult result = channel.Send(message);

  EXPECT_EQ(result.status, SendStatus::kDelivered) << result.detail;
  EXPECT_EQ(result.detail.substr(0, 3), "250");
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 1u);
  const auto& mail = mails[0];
  EXPECT_EQ(mail.mail_from, "noreply@enbek.example.kz");
  EXPECT_EQ(mail.rcpt_tos, std::vector<std::string>{"aigerim@example.kz"});
  EXPECT_EQ(mail.Header("Message-ID"), "<0123456789abcdef0123456789abcdef@jumys>");
  EXPECT_EQ(mail.Header("X-Jumys-Reference"), kReference);
  EXPECT_EQ(mail.HeaderCount("Message-ID"), 1u);
  EXPECT_EQ(mail.subject, message.subject);
  EXPECT_EQ(mail.Header("Content-Language"), "kk");
  EXPECT_EQ(mail.Header("From"), "Жұмыспен қамту орталығы <noreply@enbek.example.kz>");
  EXPECT_EQ(mail.Header("To"), "aigerim@example.kz");
  EXPECT_FALSE(mail.Header("Date").empty());
  ASSERT_EQ(mail.parts.size(), 2u);
  const auto* text = mail.Part("text/plain");
  const auto* html = mail.Part("text/html");
  ASSERT_NE(text, nullptr);
  ASSERT_NE(html, nullptr);
  EXPECT_EQ(text->charset, "utf-8");
  EXPECT_EQ(html->charset, "utf-8");
  EXPECT_EQ(text->transfer_encoding, "quoted-printable");
  EXPECT_NE(text->content.find("Өтінішіңіз қабылданды."), std::string::npos) << text->content;
  EXPECT_NE(text->content.find("https://jumys.example.kz/cases/42"), std::string::npos);
  EXPECT_NE(html->content.find("<a href=\"https://jumys.example.kz/cases/42\">Істі қарау</a>"),
            std::string::npos)
      << html->content;
  // On the wire: no 8-bit byte, the subject as encoded words.
  for (char c : mail.raw) ASSERT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_NE(mail.raw.find("Subject: =?UTF-8?B?"), std::string::npos);
}

TEST(SmtpChannel, DeliversAnEnglishMessage) {
  SmtpTestServer server;
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));
  const OutgoingMessage message = EnglishMessage();

  const SendResult result = channel.Send(message);

  EXPECT_EQ(result.status, SendStatus::kDelivered) << result.detail;
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].subject, "Your application was accepted");
  EXPECT_NE(mails[0].raw.find("Subject: Your application was accepted\r\n"), std::string::npos);
  EXPECT_EQ(mails[0].Header("Message-ID"), "<fedcba9876543210fedcba9876543210@jumys>");
  EXPECT_EQ(mails[0].Header("X-Jumys-Reference"), "fedcba9876543210fedcba9876543210");
  EXPECT_EQ(mails[0].Header("Content-Language"), "en");
  ASSERT_NE(mails[0].Part("text/plain"), nullptr);
  ASSERT_NE(mails[0].Part("text/html"), nullptr);
  EXPECT_NE(mails[0].Part("text/plain")->content.find("https://jumys.example.kz/cases/43"),
            std::string::npos);
  EXPECT_NE(mails[0].Part("text/html")->content.find("https://jumys.example.kz/cases/43"),
            std::string::npos);
}

std::string WithoutCr(std::string text) {
  std::erase(text, '\r');
  return text;
}

// What quoted-printable must get right comes back exactly as written: '=' signs, a line that
// starts with a dot, spaces at a line's end, a long line, a line end at the very end or not.
TEST(SmtpChannel, TheBodyArrivesExactlyAsWritten) {
  SmtpTestServer server;
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));
  OutgoingMessage message = KazakhMessage();
  std::string long_line;
  for (int i = 0; i < 40; ++i) long_line += "Жұмыс=" + std::to_string(i) + " ";
  message.text = "a = b, 100% =3D\n.\n.dot line\ntrailing space \ntab\t\n" + long_line +
                 "\n\nhttps://jumys.example.kz/verify?c=ЖҚО-2026-000123&x=1";
  message.html = "<p>" + long_line + "</p>\r\n<p>=</p>\n";

  ASSERT_EQ(channel.Send(message).status, SendStatus::kDelivered);

  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_NE(mails[0].Part("text/plain"), nullptr);
  ASSERT_NE(mails[0].Part("text/html"), nullptr);
  // Line ends arrive as CRLF, as MIME has them; nothing else changes.
  EXPECT_EQ(WithoutCr(mails[0].Part("text/plain")->content), message.text);
  EXPECT_EQ(WithoutCr(mails[0].Part("text/html")->content), WithoutCr(message.html));
}

// The same message sent twice (a retry after a lost reply) carries the same Message-ID, so a
// recipient that dedupes by it shows it once.
TEST(SmtpChannel, ASecondSendCarriesTheSameMessageId) {
  SmtpTestServer server;
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));
  ASSERT_EQ(channel.Send(EnglishMessage()).status, SendStatus::kDelivered);
  ASSERT_EQ(channel.Send(EnglishMessage()).status, SendStatus::kDelivered);
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].Header("Message-ID"), mails[1].Header("Message-ID"));
}

TEST(SmtpChannel, ARefusedRecipientIsPermanentAndTheDetailHasNoAddress) {
  SmtpTestServer::Options options;
  options.reject_recipients = {"aigerim@"};
  SmtpTestServer server(options);
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));

  const SendResult result = channel.Send(KazakhMessage());

  EXPECT_EQ(result.status, SendStatus::kPermanentFailure) << result.detail;
  EXPECT_EQ(result.detail.substr(0, 3), "550") << result.detail;
  EXPECT_NE(result.detail.find("Recipient address rejected"), std::string::npos);
  EXPECT_EQ(result.detail.find("aigerim"), std::string::npos) << result.detail;
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SmtpChannel, ABusyMailboxIsTemporary) {
  SmtpTestServer::Options options;
  options.tempfail_recipients = {"aigerim@"};
  SmtpTestServer server(options);
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));

  const SendResult result = channel.Send(KazakhMessage());

  EXPECT_EQ(result.status, SendStatus::kTemporaryFailure) << result.detail;
  EXPECT_EQ(result.detail.substr(0, 3), "451") << result.detail;
  EXPECT_EQ(result.detail.find("aigerim"), std::string::npos) << result.detail;
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SmtpChannel, AMessageRefusedAfterItsDataIsPermanent) {
  SmtpTestServer::Options options;
  options.reject_messages = {"cases/43"};
  SmtpTestServer server(options);
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));

  const SendResult result = channel.Send(EnglishMessage());

  EXPECT_EQ(result.status, SendStatus::kPermanentFailure) << result.detail;
  EXPECT_EQ(result.detail, "554 5.7.1 Message refused: content rejected");
  EXPECT_TRUE(server.Messages().empty());
}

// The server takes the message but the line drops before its 250: the channel cannot know it
// arrived and says temporary; the retry delivers it again under the same Message-ID, which is
// how the recipient tells the two copies are one message.
TEST(SmtpChannel, ALostReplyIsTemporaryAndTheRetryKeepsTheMessageId) {
  SmtpTestServer::Options options;
  options.drop_first = 1;
  SmtpTestServer server(options);
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));

  const SendResult first = channel.Send(KazakhMessage());
  const SendResult retry = channel.Send(KazakhMessage());

  EXPECT_EQ(first.status, SendStatus::kTemporaryFailure) << first.detail;
  EXPECT_EQ(retry.status, SendStatus::kDelivered) << retry.detail;
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].Header("Message-ID"), "<0123456789abcdef0123456789abcdef@jumys>");
  EXPECT_EQ(mails[1].Header("Message-ID"), mails[0].Header("Message-ID"));
}

TEST(SmtpChannel, NothingListeningIsTemporary) {
  SmtpChannel channel(ConfigFor("smtp://127.0.0.1:" + std::to_string(ClosedPort())));
  const SendResult result = channel.Send(EnglishMessage());
  EXPECT_EQ(result.status, SendStatus::kTemporaryFailure) << result.detail;
  EXPECT_FALSE(result.detail.empty());
}

TEST(SmtpChannel, AServerThatNeverAnswersTimesOutAsTemporary) {
  SilentListener listener;
  SmtpConfig config = ConfigFor("smtp://127.0.0.1:" + std::to_string(listener.port()));
  config.timeout = std::chrono::milliseconds(300);
  SmtpChannel channel(config);
  const auto started = std::chrono::steady_clock::now();

  const SendResult result = channel.Send(EnglishMessage());

  EXPECT_EQ(result.status, SendStatus::kTemporaryFailure) << result.detail;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

TEST(SmtpChannel, ALineBreakInTheSubjectOrAddressSendsNothing) {
  SmtpTestServer server;
  server.Start();
  SmtpChannel channel(ConfigFor(server.Url()));
  OutgoingMessage subject = EnglishMessage();
  subject.subject = "Accepted\r\nBcc: victim@example.com";
  OutgoingMessage address = EnglishMessage();
  address.address = "john@example.com>\r\nRCPT TO:<victim@example.com";

  EXPECT_EQ(channel.Send(subject).status, SendStatus::kPermanentFailure);
  EXPECT_EQ(channel.Send(address).status, SendStatus::kPermanentFailure);

  EXPECT_TRUE(server.Messages().empty());
  // The server is up and takes a clean message: it was the channel that refused.
  EXPECT_EQ(channel.Send(EnglishMessage()).status, SendStatus::kDelivered);
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST(SmtpChannel, SignsInWithCredentialsAndAWrongPasswordIsTechnical) {
  SmtpTestServer::Options options;
  options.auth_user = "jumys";
  options.auth_password = "s3cret";
  SmtpTestServer server(options);
  server.Start();
  SmtpConfig config = ConfigFor(server.Url());
  config.username = "jumys";
  config.password = "wrong";

  const SendResult refused = SmtpChannel(config).Send(EnglishMessage());
  EXPECT_EQ(refused.status, SendStatus::kTechnicalFailure) << refused.detail;
  EXPECT_EQ(refused.detail.find("wrong"), std::string::npos);
  EXPECT_TRUE(server.Messages().empty());

  config.password = "s3cret";
  const SendResult accepted = SmtpChannel(config).Send(EnglishMessage());
  EXPECT_EQ(accepted.status, SendStatus::kDelivered) << accepted.detail;
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST(SmtpChannel, RequiredStartTlsThatTheServerDoesNotOfferIsTechnical) {
  SmtpTestServer server;
  server.Start();
  SmtpConfig config = ConfigFor(server.Url());
  config.starttls = true;

  const SendResult result = SmtpChannel(config).Send(EnglishMessage());

  EXPECT_EQ(result.status, SendStatus::kTechnicalFailure) << result.detail;
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SmtpChannel, ABadUrlIsTechnical) {
  SmtpConfig config = ConfigFor("http://127.0.0.1:25");
  EXPECT_EQ(SmtpChannel(config).Send(EnglishMessage()).status, SendStatus::kTechnicalFailure);
}

// A self-signed certificate for 127.0.0.1, written into `directory`.
void MakeCertificate(const std::filesystem::path& directory) {
  std::string output;
  const int status = jumys::testing::RunCommand(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
      "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
          (directory / "key.pem").string() + " -out " + (directory / "cert.pem").string(),
      &output);
  ASSERT_EQ(status, 0) << output;
}

TEST(SmtpChannel, StartTlsEncryptsTheConversation) {
  testing::TemporaryDirectory directory;
  MakeCertificate(directory.path());
  SmtpTestServer::Options options;
  options.tls_cert = directory.path() / "cert.pem";
  options.tls_key = directory.path() / "key.pem";
  options.require_starttls = true;
  SmtpTestServer server(options);
  server.Start();
  SmtpConfig config = ConfigFor(server.Url());

  // Without STARTTLS the server refuses the sender: our configuration is wrong.
  const SendResult plain = SmtpChannel(config).Send(EnglishMessage());
  EXPECT_EQ(plain.status, SendStatus::kTechnicalFailure) << plain.detail;

  config.starttls = true;
  config.ca_file = (directory.path() / "cert.pem").string();
  const SendResult result = SmtpChannel(config).Send(EnglishMessage());
  EXPECT_EQ(result.status, SendStatus::kDelivered) << result.detail;
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(mails[0].tls);

  // A certificate the channel does not trust: technical, nothing sent.
  config.ca_file.clear();
  const SendResult untrusted = SmtpChannel(config).Send(EnglishMessage());
  EXPECT_EQ(untrusted.status, SendStatus::kTechnicalFailure) << untrusted.detail;
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST(SmtpChannel, SmtpsIsTlsFromTheFirstByte) {
  testing::TemporaryDirectory directory;
  MakeCertificate(directory.path());
  SmtpTestServer::Options options;
  options.tls_cert = directory.path() / "cert.pem";
  options.tls_key = directory.path() / "key.pem";
  options.implicit_tls = true;
  SmtpTestServer server(options);
  server.Start();
  SmtpConfig config = ConfigFor(server.Url());
  ASSERT_EQ(config.url.substr(0, 8), "smtps://");
  config.ca_file = (directory.path() / "cert.pem").string();

  const SendResult result = SmtpChannel(config).Send(KazakhMessage());

  EXPECT_EQ(result.status, SendStatus::kDelivered) << result.detail;
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(mails[0].tls);
  EXPECT_EQ(mails[0].subject, KazakhMessage().subject);
}

// A line cut under TLS is a temporary failure like any other, and never a signal that ends the
// process (curl writes with MSG_NOSIGNAL also through OpenSSL).
TEST(SmtpChannel, ALineCutUnderTlsIsTemporary) {
  testing::TemporaryDirectory directory;
  MakeCertificate(directory.path());
  SmtpTestServer::Options options;
  options.tls_cert = directory.path() / "cert.pem";
  options.tls_key = directory.path() / "key.pem";
  options.implicit_tls = true;
  options.drop_first = 1;
  SmtpTestServer server(options);
  server.Start();
  SmtpConfig config = ConfigFor(server.Url());
  config.ca_file = (directory.path() / "cert.pem").string();

  const SendResult cut = SmtpChannel(config).Send(KazakhMessage());
  const SendResult retry = SmtpChannel(config).Send(KazakhMessage());

  EXPECT_EQ(cut.status, SendStatus::kTemporaryFailure) << cut.detail;
  EXPECT_EQ(retry.status, SendStatus::kDelivered) << retry.detail;
  EXPECT_EQ(server.Messages().size(), 2u);
}

}  // namespace
}  // namespace jumys::notifications
