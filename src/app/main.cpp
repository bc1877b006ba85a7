// jumys: one binary with verbs (README.md "Command line", app/commands.cpp).
#include "app/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"jumys — the information system of Kazakhstan's public employment centres"};
  app.require_subcommand(1);
  jumys::CommandLine line;
  jumys::RegisterCommands(app, line);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return jumys::RunSelectedCommand(app, line);
}
