#include "app/commands.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <iostream>

#include "app/logging.h"
#include "core/source_dir.h"
#include "engine/check_processes.h"
#include "engine/definition_loader.h"
#include "engine/regulations_index.h"
#include "http/server.h"
#include "http/static_files.h"
#include "security/account_admin.h"
#include "security/dev_ca.h"
#include "server/runtime.h"
#include "services/case_hooks.h"
#include "services/demo/demo_data.h"
#include "services/reference/reference_cli.h"
#include "storage/audit_log.h"
#include "storage/backup.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"
#include "storage/schema/schema.h"

namespace jumys {

namespace {

// One line on stderr and a non-zero exit, the same for every verb.
int Fail(const std::string& verb, const Error& error) {
  std::cerr << "jumys " << verb << ": " << error.message;
  if (!error.internal.empty()) std::cerr << " (" << error.internal << ")";
  std::cerr << "\n";
  return 1;
}

Expected<std::pair<std::string, std::uint16_t>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error::Invalid("cli.listen_format"_msg, "--listen must be HOST:PORT, got '{value}'",
                          {{"value", listen}});
  }
  unsigned port = 0;
  const char* begin = listen.data() + colon + 1;
  const char* end = listen.data() + listen.size();
  auto [ptr, ec] = std::from_chars(begin, end, port);
  if (ec != std::errc() || ptr != end || port > 65535) {
    return Error::Invalid("cli.listen_port"_msg, "--listen port must be 0-65535, got '{value}'",
                          {{"value", listen.substr(colon + 1)}});
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return std::make_pair(host, static_cast<std::uint16_t>(port));
}

RuntimeOptions MakeRuntimeOptions(const CommandLine& line, bool demo) {
  RuntimeOptions options;
  options.db_url = line.db;
  options.db_readers = line.db_readers;
  options.demo = demo;
  if (!line.reference_dir.empty()) options.reference_dir = line.reference_dir;
  if (!line.processes_dir.empty()) options.processes_dir = line.processes_dir;
  options.sweep_interval = std::chrono::seconds(line.sweep_seconds);
  options.accounts.session_ttl = std::chrono::hours(line.session_hours);
  options.accounts.idle_timeout = std::chrono::minutes(line.idle_minutes);
  auto& notify = options.notifications;
  notify.smtp.url = line.smtp_url;
  notify.smtp.starttls = !line.smtp_plain;
  notify.smtp.username = line.smtp_user;
  notify.smtp.password = line.smtp_password;
  notify.smtp.from_address = line.smtp_from;
  notify.smtp.from_name = line.smtp_from_name;
  notify.smtp.ca_file = line.smtp_ca_file;
  notify.sms.url = line.sms_url;
  notify.sms.api_key = line.sms_key;
  notify.sms_daily_cap = line.sms_daily_cap;
  notify.receipt_secret = line.sms_receipt_secret;
  notify.dispatch_interval = std::chrono::milliseconds(line.dispatch_ms);
  notify.lease = std::chrono::seconds(line.outbox_lease_seconds);
  return options;
}

// The EDS trust store and the address printed in QR codes. In demo mode without --trust-root,
// the development CA under --dev-ca (made here when missing, as `jumys dev-ca` makes it).
Status ConfigureDocuments(const CommandLine& line, RuntimeOptions& options, bool& made_dev_ca) {
  for (const auto& f : line.trust_roots) options.trust_roots.emplace_back(f);
  for (const auto& f : line.crls) options.crls.emplace_back(f);
  if (!line.public_url.empty()) {
    options.public_url = line.public_url;
  } else if (line.listen.substr(line.listen.rfind(':')) != ":0") {
    options.public_url = (line.tls_cert.empty() ? "http://" : "https://") + line.listen;
  } else if (!line.tls_cert.empty()) {
    options.public_url = "https://127.0.0.1";  // cookies are Secure over TLS whatever the port
  }
  if (!line.demo || !options.trust_roots.empty()) return {};
  const std::filesystem::path dir = line.dev_ca_dir;
  if (!std::filesystem::exists(dir / "root-ca.pem")) {
    JUMYS_TRY(CreateDevCa(
        dir, std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())));
    made_dev_ca = true;
  }
  options.trust_roots = {dir / "root-ca.pem"};
  options.crls = {dir / "root-ca.crl.pem"};
  options.demo_dev_ca = dir;
  return {};
}

// Demo accounts have published passwords: only a server reachable from this machine alone
// may have them.
bool IsLoopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

// What --demo put into an empty store: the demo's cases (or why not), and a dev CA made anew.
void LogDemoSeeding(const DemoSeeding& seeding, const std::string& dev_ca_dir) {
  if (!seeding.seeded) return;
  if (!seeding.dev_ca_remade.empty()) {
    LogEvent(spdlog::level::warn, "dev_ca_remade",
             {{"dir", dev_ca_dir},
              {"reason", seeding.dev_ca_remade + ": the demo signs months back; new key files"},
              {"key_file_password", kDevCaPassword}});
  }
  if (!seeding.p3_skipped.empty()) {
    LogEvent(spdlog::level::warn, "demo_p3_skipped", {{"reason", seeding.p3_skipped}});
    return;
  }
  const auto& p3 = seeding.p3;
  LogEvent(p3.stopped.empty() ? spdlog::level::info : spdlog::level::warn, "demo_p3_seeded",
           {{"case", p3.case_number},
            {"monthly_reports", p3.monthly_reports},
            {"payment_orders", p3.orders},
            {"batch", p3.batch},
            {"stopped", p3.stopped.empty() ? "no: ran to today" : p3.stopped},
            {"ms", seeding.took.count()}});
  for (const auto& [what, c] : {std::pair{"subsidised_jobs", &seeding.programmes.subsidised_jobs},
                                std::pair{"relocation_route_a", &seeding.programmes.relocation},
                                std::pair{"relocation_refused", &seeding.programmes.refused}}) {
    LogEvent(c->stopped.empty() ? spdlog::level::info : spdlog::level::warn, "demo_case_seeded",
             {{"demo", what},
              {"case", c->case_number},
              {"status", c->status},
              {"office", c->office},
              {"payment_orders", c->orders},
              {"stopped", c->stopped.empty() ? "no: ran to today" : c->stopped}});
  }
  const auto& services = seeding.services;
  LogEvent(services.stopped.empty() ? spdlog::level::info : spdlog::level::warn,
           "demo_services_seeded",
           {{"cases", services.cases},
            {"tasks", services.tasks},
            {"placements_answered", services.placements},
            {"permit", services.permit},
            {"stopped", services.stopped.empty() ? "no: ran to today" : services.stopped}});
}

int Serve(const CommandLine& line) {
  auto listen = ParseListen(line.listen);
  if (!listen) return Fail("serve", listen.error());
  if (line.demo && !IsLoopback(listen->first)) {
    return Fail("serve", Error::Invalid("cli.demo_not_loopback"_msg,
                                        "--demo serves accounts with published passwords: it "
                                        "needs a loopback --listen address (127.0.0.1, ::1), "
                                        "got '{host}'",
                                        {{"host", listen->first}}));
  }
  auto ncalayer_url = http::NcalayerUrl(line.ncalayer_url);
  if (!ncalayer_url) return Fail("serve", ncalayer_url.error());
  RuntimeOptions runtime_options = MakeRuntimeOptions(line, line.demo);
  bool made_dev_ca = false;
  if (auto configured = ConfigureDocuments(line, runtime_options, made_dev_ca); !configured) {
    return Fail("serve", configured.error());
  }
  auto runtime = Runtime::Open(runtime_options);
  if (!runtime) return Fail("serve", runtime.error());
  http::ServerOptions options;
  options.host = listen->first;
  options.port = listen->second;
  options.io_threads = line.io_threads;
  options.worker_threads = line.workers;
  options.max_body_bytes = line.max_body_bytes;
  options.access_log = line.access_log;
  options.tls_cert_file = line.tls_cert;
  options.tls_key_file = line.tls_key;
  const http::StaticFiles web(line.web_root.empty() ? (jumys::SourceDir() / "web/dist")
                                                    : std::filesystem::path(line.web_root),
                              *ncalayer_url);
  http::Server server(options, [&api = (*runtime)->api(), &web](http::HttpRequest& request) {
    if (web.Claims(request, api.router())) return web.Handle(request);
    return api.Handle(request);
  });
  auto port = server.Start();
  if (!port) return Fail("serve", port.error());
  LogEvent(
      spdlog::level::info, "listening",
      {{"address", listen->first + ":" + std::to_string(*port)},
       {"store", (*runtime)->db().dialect() == storage::Dialect::kSqlite ? "sqlite" : "postgresql"},
       {"demo", line.demo}});
  // After the listening line: with port 0 the first line is where to find the server.
  LogEvent(spdlog::level::info, "notifications",
           {{"inbox", "on"},
            {"email", line.smtp_url.empty() ? "off (no --smtp-url)" : "on"},
            {"sms", line.sms_url.empty() ? "off (no --sms-url)" : "on"},
            {"sms_receipts", line.sms_receipt_secret.empty() ? "refused (no secret)" : "on"}});
  if (made_dev_ca) {
    LogEvent(spdlog::level::info, "dev_ca_created",
             {{"dir", line.dev_ca_dir}, {"key_file_password", kDevCaPassword}});
  }
  LogDemoSeeding((*runtime)->demo_seeding(), line.dev_ca_dir);
  if (runtime_options.trust_roots.empty()) {
    LogEvent(spdlog::level::warn, "eds_trust_store_missing",
             {{"reason", "no --trust-root: signing steps and portal applications are refused"}});
  }
  if (!web.Ready()) {
    LogEvent(spdlog::level::warn, "web_app_not_built", {{"web_root", web.root().string()}});
  }
  for (const auto& missing : (*runtime)->not_offered()) {
    LogEvent(spdlog::level::warn, "process_not_offered", {{"reason", missing.message}});
  }
  server.WaitForSignal([&runtime] {
    auto reloaded = (*runtime)->documents().ReloadTrust(true);
    if (reloaded) {
      LogEvent(spdlog::level::info, "eds_trust_reloaded", {{"signal", "SIGHUP"}});
    } else {
      LogEvent(spdlog::level::warn, "eds_trust_reload_failed",
               {{"reason", reloaded.error().message}, {"kept", "the trust store in use"}});
    }
  });
  LogEvent(spdlog::level::info, "stopped");
  return 0;
}

int Migrate(const CommandLine& line) {
  auto db = storage::OpenMigratedDatabase(line.db, 1);
  if (!db) return Fail("migrate", db.error());
  std::cout << "migrated\n";
  return 0;
}

int SeedDemoCommand(const CommandLine& line) {
  auto db = storage::OpenMigratedDatabase(line.db, 1);
  if (!db) return Fail("seed-demo", db.error());
  auto seeded = demo::SeedDemo(
      **db, std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!seeded) return Fail("seed-demo", seeded.error());
  std::cout << (*seeded ? "demo data seeded\n" : "store already has users; nothing seeded\n");
  return 0;
}

std::filesystem::path ProcessesDir(const CommandLine& line) {
  return line.processes_dir.empty() ? (jumys::SourceDir() / "processes")
                                    : std::filesystem::path(line.processes_dir);
}

// The definitions' own check, then a note of the runnable ones this build cannot offer yet
// (a guard or effect whose service module is not written): they load, but start no cases.
int CheckProcesses(const CommandLine& line) {
  const auto dir = ProcessesDir(line);
  if (int rc = CheckProcessesCommand(dir); rc != 0) return rc;
  const auto reference =
      std::filesystem::absolute(dir).lexically_normal().parent_path() / "reference";
  auto catalog = LoadProcessCatalog(dir, reference, DefaultDefinitionVocabulary());
  if (!catalog) return Fail("check-processes", catalog.error());
  for (const auto& missing : services::DefaultCaseHooks().Uncovered(*catalog)) {
    std::cout << "not offered yet: " << missing.message << "\n";
  }
  return 0;
}

// docs/PROCESSES.md: the definitions with the hooks this build registers and the tests that
// name each process, paths relative to the source tree (--root).
int RegulationsIndexCommand(const CommandLine& line) {
  const std::filesystem::path root =
      line.source_root.empty() ? jumys::SourceDir() : std::filesystem::path(line.source_root);
  const std::filesystem::path dir =
      line.processes_dir.empty() ? root / "processes" : std::filesystem::path(line.processes_dir);
  const auto reference =
      line.reference_dir.empty()
          ? std::filesystem::absolute(dir).lexically_normal().parent_path() / "reference"
          : std::filesystem::path(line.reference_dir);
  auto catalog = LoadProcessCatalog(dir, reference, DefaultDefinitionVocabulary());
  if (!catalog) return Fail("regulations-index", catalog.error());
  std::cout << RegulationsIndex(*catalog, services::DefaultCaseHooks(), ScanTestFiles(root), root);
  return 0;
}

int DevCa(const CommandLine& line) {
  auto ca = CreateDevCa(line.dev_ca_dir, std::chrono::time_point_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now()));
  if (!ca) return Fail("dev-ca", ca.error());
  std::cout << "development CA written to " << line.dev_ca_dir
            << " (key file password: " << kDevCaPassword << "); see " << ca->readme.string()
            << "\n";
  return 0;
}

// A fresh installation has no office yet: create-admin may make the oblast office its first
// administrator works at (edited later on the Administration page).
Status CreateOblastOffice(storage::Database& db, const CommandLine& line, const std::string& now) {
  const auto& kato = line.admin_office_kato;
  if (kato.size() != 9 || kato.find_first_not_of("0123456789") != std::string::npos) {
    return FieldError(ErrorCode::kUnprocessable, "kato", "field.kato"_msg,
                      "must be a 9-digit KATO code");
  }
  const std::string name =
      line.admin_office_name.empty() ? line.admin_office : line.admin_office_name;
  constexpr const char* kHours =
      R"({"mon":{"hours":"09:00-18:30","lunch":"13:00-14:30"},"tue":{"hours":"09:00-18:30","lunch":"13:00-14:30"},"wed":{"hours":"09:00-18:30","lunch":"13:00-14:30"},)"
      R"("thu":{"hours":"09:00-18:30","lunch":"13:00-14:30"},"fri":{"hours":"09:00-18:30","lunch":"13:00-14:30"},"sat":null,"sun":null})";
  const storage::OfficeRecord office{line.admin_office,    name,  name, name, kato, kato, "oblast",
                                     line.admin_time_zone, kHours};
  return db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(storage::UpsertOffice(tx, office, now));
    return storage::AppendAudit(tx, {now,
                                     "cli",
                                     "office.upsert",
                                     "office",
                                     office.id,
                                     office.id,
                                     {{"kato", kato}, {"level", "oblast"}}});
  });
}

int CreateAdmin(const CommandLine& line) {
  auto db = storage::OpenMigratedDatabase(line.db, 1);
  if (!db) return Fail("create-admin", db.error());
  OfficeDirectory offices;
  if (auto loaded = storage::LoadOffices(**db, offices); !loaded) {
    return Fail("create-admin", loaded.error());
  }
  if (!offices.Find(line.admin_office) && !line.admin_office_kato.empty()) {
    const auto now = FormatRfc3339(
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (auto made = CreateOblastOffice(**db, line, now); !made) {
      return Fail("create-admin", made.error());
    }
    if (auto loaded = storage::LoadOffices(**db, offices); !loaded) {
      return Fail("create-admin", loaded.error());
    }
  }
  auto password = CreateFirstAdministrator(
      **db, offices, {line.admin_login, line.admin_name, line.admin_office},
      line.admin_even_if_exists,
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!password) return Fail("create-admin", password.error());
  std::cout << "administrator " << line.admin_login << " created at office " << line.admin_office
            << "\none-time password: " << *password
            << "\nit must be changed at the first sign-in\n";
  return 0;
}

int AuditVerify(const CommandLine& line) {
  auto db = storage::OpenMigratedDatabase(line.db, 1);
  if (!db) return Fail("audit-verify", db.error());
  auto v = storage::VerifyAudit(**db);
  if (!v) return Fail("audit-verify", v.error());
  if (!v->ok) {
    std::cerr << "jumys audit-verify: chain broken at event " << *v->broken_seq << ": " << v->reason
              << "\n";
    return 2;
  }
  std::cout << "audit chain intact: " << v->events << " events\n";
  return 0;
}

int Backup(const CommandLine& line) {
  auto made = storage::BackupStore(line.db, line.backup_file);
  if (!made) return Fail("backup", made.error());
  std::cout << "backup written: " << line.backup_file << " (" << made->format << ", " << made->bytes
            << " bytes)\n";
  return 0;
}

// A backup into a fresh store, then its audit chain checked as `audit-verify` does.
int Restore(const CommandLine& line) {
  if (auto restored = storage::RestoreStore(line.backup_file, line.db); !restored) {
    return Fail("restore", restored.error());
  }
  std::cout << "restored from " << line.backup_file << "\n";
  return AuditVerify(line);
}

// A classifier from CSV (docs/REFERENCE_DATA.md); the bar only when stderr is a terminal.
int ImportReference(const CommandLine& line) {
  auto db = storage::OpenMigratedDatabase(line.db, 1);
  if (!db) return Fail("import-reference", db.error());
  return reference::ImportReferenceCommand(
      **db, line.reference_kind, line.reference_file,
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()),
      std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
}

void AddDbOption(CLI::App* cmd, CommandLine& line) {
  cmd->add_option("--db", line.db, "sqlite:PATH or postgresql://... (libpq URI)")
      ->envname("JUMYS_DB")
      ->capture_default_str();
}

}  // namespace

void RegisterCommands(CLI::App& app, CommandLine& line) {
  app.add_option("--log-level", line.log_level, "trace, debug, info, warn, error")
      ->envname("JUMYS_LOG_LEVEL")
      ->capture_default_str();

  auto* serve = app.add_subcommand("serve", "Migrate the store and serve the HTTP API");
  serve->add_option("--listen", line.listen, "HOST:PORT; port 0 picks a free port")
      ->envname("JUMYS_LISTEN")
      ->capture_default_str();
  AddDbOption(serve, line);
  // No environment variable: demo accounts must be asked for explicitly, on loopback only.
  serve->add_flag("--demo", line.demo,
                  "Seed demo data and accounts when the store is empty (loopback --listen only)");
  serve->add_option("--io-threads", line.io_threads, "HTTP I/O threads")
      ->envname("JUMYS_IO_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve->add_option("--workers", line.workers, "Worker threads that run handlers")
      ->envname("JUMYS_WORKERS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve->add_option("--db-readers", line.db_readers, "Pooled reader connections")
      ->envname("JUMYS_DB_READERS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve->add_option("--max-body", line.max_body_bytes, "Largest request body in bytes")
      ->envname("JUMYS_MAX_BODY")
      ->capture_default_str();
  serve->add_option("--session-hours", line.session_hours, "Session lifetime in hours")
      ->envname("JUMYS_SESSION_HOURS")
      ->check(CLI::Range(1, 720))
      ->capture_default_str();
  serve->add_option("--idle-minutes", line.idle_minutes, "A session unused this long ends")
      ->envname("JUMYS_IDLE_MINUTES")
      ->check(CLI::Range(1, 1440))
      ->capture_default_str();
  serve
      ->add_option("--reference", line.reference_dir,
                   "Reference data directory (calendar, ...); default: the source tree's")
      ->envname("JUMYS_REFERENCE_DIR");
  serve->add_flag("!--no-access-log", line.access_log, "Do not log each request")
      ->envname("JUMYS_ACCESS_LOG");

  serve
      ->add_option("--web-root", line.web_root,
                   "The built browser app (npm run build in web/); default: the source tree's "
                   "web/dist")
      ->envname("JUMYS_WEB_ROOT");
  serve
      ->add_option("--ncalayer-url", line.ncalayer_url,
                   "NCALayer's socket on the signer's machine, the only one the page may open "
                   "(loopback ws:// or wss://)")
      ->capture_default_str();
  serve
      ->add_option("--processes", line.processes_dir,
                   "Process definitions directory; default: the source tree's")
      ->envname("JUMYS_PROCESSES_DIR");
  serve
      ->add_option("--trust-root", line.trust_roots,
                   "EDS trust store: a PEM file of trusted CA certificates (repeatable); "
                   "without one, signatures are refused (--demo: the dev CA of --dev-ca)")
      ->envname("JUMYS_TRUST_ROOTS")
      ->delimiter(',');
  serve
      ->add_option("--crl", line.crls,
                   "A PEM CRL file to check signer certificates against (repeatable)")
      ->envname("JUMYS_CRLS")
      ->delimiter(',');
  serve
      ->add_option("--public-url", line.public_url,
                   "Base URL printed in documents' QR codes; default: http://<--listen>")
      ->envname("JUMYS_PUBLIC_URL");
  serve
      ->add_option("--tls-cert", line.tls_cert,
                   "Serve HTTPS with this PEM certificate chain (with --tls-key); session "
                   "cookies are then __Host- prefixed and Secure")
      ->envname("JUMYS_TLS_CERT");
  serve->add_option("--tls-key", line.tls_key, "The PEM private key of --tls-cert")
      ->envname("JUMYS_TLS_KEY");
  serve
      ->add_option("--dev-ca", line.dev_ca_dir,
                   "--demo without --trust-root: the development CA to trust, made if missing")
      ->envname("JUMYS_DEV_CA")
      ->capture_default_str();
  serve->add_option("--smtp-url", line.smtp_url, "E-mail: smtp://host:port or smtps://host:port")
      ->envname("JUMYS_SMTP_URL");
  serve->add_flag("--smtp-plain", line.smtp_plain,
                  "E-mail: no STARTTLS on smtp:// (only for a relay on this host)");
  serve->add_option("--smtp-user", line.smtp_user, "E-mail: the SMTP login")
      ->envname("JUMYS_SMTP_USER");
  serve->add_option("--smtp-from", line.smtp_from, "E-mail: the sender address")
      ->envname("JUMYS_SMTP_FROM");
  serve->add_option("--smtp-from-name", line.smtp_from_name, "E-mail: the sender's name")
      ->envname("JUMYS_SMTP_FROM_NAME");
  serve->add_option("--smtp-ca", line.smtp_ca_file, "E-mail: PEM CAs to trust for the server")
      ->envname("JUMYS_SMTP_CA");
  // Secrets only from the environment, never from a command line others can read.
  serve->add_option("--smtp-password", line.smtp_password)
      ->envname("JUMYS_SMTP_PASSWORD")
      ->group("");
  serve->add_option("--sms-url", line.sms_url, "SMS: the gateway's URL (JSON POST)")
      ->envname("JUMYS_SMS_URL");
  serve->add_option("--sms-key", line.sms_key)->envname("JUMYS_SMS_KEY")->group("");
  serve->add_option("--sms-receipt-secret", line.sms_receipt_secret)
      ->envname("JUMYS_SMS_RECEIPT_SECRET")
      ->group("");
  serve->add_option("--sms-daily-cap", line.sms_daily_cap, "SMS per number in any 24 hours")
      ->envname("JUMYS_SMS_DAILY_CAP")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  serve->add_option("--dispatch-ms", line.dispatch_ms, "How often the outbox is sent")
      ->envname("JUMYS_DISPATCH_MS")
      ->check(CLI::Range(50, 60000))
      ->capture_default_str();
  serve
      ->add_option("--outbox-lease-seconds", line.outbox_lease_seconds,
                   "How long a claimed message is one node's to send; then any node's")
      ->envname("JUMYS_OUTBOX_LEASE_SECONDS")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--sweep-seconds", line.sweep_seconds,
                   "How often due timers and waits are fired")
      ->envname("JUMYS_SWEEP_SECONDS")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();

  auto* check = app.add_subcommand("check-processes",
                                   "Load and validate the process definitions; exit 1 naming "
                                   "file, line and reason on the first error");
  check->add_option("dir", line.processes_dir, "Definitions directory; default: the source tree's");
  auto* bpmn = app.add_subcommand("export-bpmn", "Write a process's BPMN 2.0 XML to stdout");
  bpmn->add_option("code", line.bpmn_code, "Process code")->required();
  bpmn->add_option("--version", line.bpmn_version,
                   "Definition version; default: the one in force today, else the newest");
  bpmn->add_option("--processes", line.processes_dir,
                   "Definitions directory; default: the source tree's");

  auto* index = app.add_subcommand(
      "regulations-index",
      "Print the regulation index (docs/PROCESSES.md) as Markdown: each process's steps, the "
      "C++ of its guards, checks and effects, and its tests");
  index->add_option("--processes", line.processes_dir,
                    "Definitions directory; default: ROOT/processes");
  index->add_option("--reference", line.reference_dir,
                    "Refusal grounds' reference directory; default: beside the definitions");
  index->add_option("--root", line.source_root,
                    "The source tree whose tests are scanned and paths shown relative to; "
                    "default: the one this binary was built from");

  auto* dev_ca = app.add_subcommand(
      "dev-ca", "Create a test certificate authority and key files for the demo accounts");
  dev_ca->add_option("--out", line.dev_ca_dir, "Directory for the certificates and key files")
      ->capture_default_str();

  AddDbOption(app.add_subcommand("migrate", "Apply pending migrations and exit"), line);
  AddDbOption(app.add_subcommand("seed-demo", "Seed the demo data into an empty store"), line);
  auto* create_admin = app.add_subcommand(
      "create-admin",
      "Create the first administrator of a fresh installation and print a one-time password "
      "that must be changed at the first sign-in");
  AddDbOption(create_admin, line);
  create_admin->add_option("--login", line.admin_login, "The administrator's login")->required();
  create_admin->add_option("--office", line.admin_office, "An existing office's id")->required();
  create_admin->add_option("--name", line.admin_name, "Full name; default: the login");
  create_admin->add_option("--new-oblast-office", line.admin_office_kato,
                           "KATO code: when --office does not exist, create it as an oblast "
                           "office with this code (a fresh installation)");
  create_admin->add_option("--office-name", line.admin_office_name,
                           "Name of the office --new-oblast-office creates; default: its id");
  create_admin
      ->add_option("--time-zone", line.admin_time_zone,
                   "Time zone of the office --new-oblast-office creates")
      ->capture_default_str();
  create_admin->add_flag("--even-if-one-exists", line.admin_even_if_exists,
                         "Create it although an active administrator exists");
  auto* import_reference = app.add_subcommand(
      "import-reference",
      "Load a classifier (NKZ occupations, KATO places) from CSV: adds new codes, updates "
      "names, marks codes no longer in the file inactive");
  AddDbOption(import_reference, line);
  import_reference->add_option("--kind", line.reference_kind, "nkz or kato")->required();
  import_reference->add_option("--file", line.reference_file, "The CSV file")->required();
  AddDbOption(
      app.add_subcommand("audit-verify", "Recompute the audit hash chain; exit 2 if it is broken"),
      line);
  auto* backup = app.add_subcommand(
      "backup", "Copy the whole store to one file while it serves (SQLite backup API; pg_dump)");
  AddDbOption(backup, line);
  backup->add_option("--out", line.backup_file, "The file to write")->required();
  auto* restore = app.add_subcommand(
      "restore", "Restore a backup into a fresh store, then verify its audit chain");
  AddDbOption(restore, line);
  restore->add_option("--in", line.backup_file, "The backup file")->required();
}

int RunSelectedCommand(CLI::App& app, const CommandLine& line) {
  SetupLogging(line.log_level);
  const auto* cmd = app.get_subcommands().front();
  const std::string& name = cmd->get_name();
  if (name == "serve") return Serve(line);
  if (name == "migrate") return Migrate(line);
  if (name == "seed-demo") return SeedDemoCommand(line);
  if (name == "audit-verify") return AuditVerify(line);
  if (name == "backup") return Backup(line);
  if (name == "restore") return Restore(line);
  if (name == "create-admin") return CreateAdmin(line);
  if (name == "import-reference") return ImportReference(line);
  if (name == "check-processes") return CheckProcesses(line);
  if (name == "dev-ca") return DevCa(line);
  if (name == "regulations-index") return RegulationsIndexCommand(line);
  if (name == "export-bpmn") {
    return ExportBpmnCommand(ProcessesDir(line), line.bpmn_code, line.bpmn_version, std::cout,
                             std::cerr);
  }
  std::cerr << "jumys: unknown command " << name << "\n";
  return 1;
}

}  // namespace jumys
