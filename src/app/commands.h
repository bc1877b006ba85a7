#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace jumys {

// Values of every verb's flags; most also read a JUMYS_* environment variable (never --demo:
// demo accounts with known passwords must be asked for on the command line).
struct CommandLine {
  std::string listen = "127.0.0.1:8080";
  std::string db = "sqlite:var/jumys.db";
  std::string reference_dir;
  std::string log_level = "info";
  bool demo = false;
  bool access_log = true;
  int io_threads = 1;
  int workers = 4;
  int db_readers = 4;
  std::size_t max_body_bytes = 1 << 20;
  int session_hours = 12;
  int idle_minutes = 30;                        // serve: a session unused this long ends
  std::string admin_login;                      // create-admin --login
  std::string admin_office;                     // create-admin --office
  std::string admin_name;                       // create-admin --name
  std::string admin_office_kato;                // create-admin --new-oblast-office KATO
  std::string admin_office_name;                // create-admin --office-name
  std::string admin_time_zone = "Asia/Almaty";  // create-admin --time-zone
  bool admin_even_if_exists = false;            // create-admin --even-if-one-exists
  std::string dev_ca_dir = "var/dev-ca";        // dev-ca --out; serve --dev-ca (demo trust store)
  std::vector<std::string> trust_roots;         // serve --trust-root (EDS CA files)
  std::vector<std::string> crls;                // serve --crl
  std::string public_url;                       // serve --public-url; "" = from --listen
  std::string tls_cert;                         // serve --tls-cert: PEM certificate chain
  std::string tls_key;                          // serve --tls-key: PEM private key
  std::string processes_dir;                    // "" = the source tree's processes/
  std::string web_root;                         // serve --web-root; "" = the source tree's web/dist
  std::string ncalayer_url = "wss://127.0.0.1:13579";  // serve --ncalayer-url; loopback only
  int sweep_seconds = 30;                              // how often due timers and waits fire
  // serve: notifications (docs/NOTIFICATIONS.md); e-mail and SMS off without their URL.
  std::string smtp_url, smtp_user, smtp_password, smtp_from, smtp_from_name, smtp_ca_file;
  bool smtp_plain = false;  // --smtp-plain: no STARTTLS on smtp:// (a relay on this host)
  std::string sms_url, sms_key, sms_receipt_secret;
  int sms_daily_cap = 5;
  int dispatch_ms = 1000;          // how often the outbox is sent
  int outbox_lease_seconds = 120;  // a claimed message is another node's to send after this
  std::string bpmn_code;           // export-bpmn CODE
  std::string bpmn_version;        // export-bpmn --version
  std::string source_root;         // regulations-index --root; "" = the source tree
  std::string reference_kind;      // import-reference --kind nkz|kato
  std::string reference_file;      // import-reference --file X.csv
  std::string backup_file;         // backup --out FILE, restore --in FILE
};

// Adds the verbs (serve, migrate, seed-demo, create-admin, audit-verify, check-processes,
// export-bpmn, regulations-index) bound to `line`.
void RegisterCommands(CLI::App& app, CommandLine& line);
// Runs the verb that was parsed; returns the process exit code.
int RunSelectedCommand(CLI::App& app, const CommandLine& line);

}  // namespace jumys
