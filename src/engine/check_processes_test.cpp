#include "engine/check_processes.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/source_dir.h"
#include "engine/definition_test_support.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;

const fs::path kProcesses = jumys::SourceDir() / "processes";

TEST(CheckProcessesTest, ShippedDefinitionsAreOk) {
  std::ostringstream out, err;
  EXPECT_EQ(CheckProcessesCommand(kProcesses, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "ok: 14 definitions (13 runnable, 1 sketches)\n");
  EXPECT_EQ(err.str(), "");
}

TEST(CheckProcessesTest, FirstErrorNamesFileAndLine) {
  jumys::testing::DefinitionTree tree;
  tree.Grounds("demo", jumys::testing::DemoGrounds());
  std::string text = jumys::testing::DemoDefinition();
  text.replace(text.find("role: executor"), 14, "role: clerk");
  const fs::path file = tree.Definition("demo", "v1", text);
  std::ostringstream out, err;
  EXPECT_EQ(CheckProcessesCommand(tree.processes(), out, err), 1);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), file.string() + ":35: unknown role 'clerk'\n");
}

TEST(CheckProcessesTest, MissingDirectoryFails) {
  std::ostringstream out, err;
  EXPECT_EQ(CheckProcessesCommand(kProcesses / "no-such-dir", out, err), 1);
  EXPECT_NE(err.str().find("not a directory of definitions"), std::string::npos);
}

TEST(CheckProcessesTest, ExportBpmnPicksTheVersion) {
  std::ostringstream out, err;
  EXPECT_EQ(ExportBpmnCommand(kProcesses, "ict-permit", "", out, err), 0) << err.str();
  EXPECT_EQ(out.str().rfind("<?xml", 0), 0u);
  EXPECT_NE(out.str().find("urn:jumys:process:ict-permit:kzo-2018-1054"), std::string::npos);

  std::ostringstream sketch, sketch_err;  // never in force: the newest sketch
  EXPECT_EQ(ExportBpmnCommand(kProcesses, "special-workplaces", "", sketch, sketch_err), 0);
  EXPECT_NE(sketch.str().find("urn:jumys:process:special-workplaces:fk-b05"), std::string::npos);

  std::ostringstream none, none_err;
  EXPECT_EQ(ExportBpmnCommand(kProcesses, "no-such-process", "", none, none_err), 1);
  EXPECT_EQ(none.str(), "");
  EXPECT_EQ(none_err.str(), "unknown process 'no-such-process'\n");
  std::ostringstream wrong, wrong_err;
  EXPECT_EQ(ExportBpmnCommand(kProcesses, "ict-permit", "v9", wrong, wrong_err), 1);
  EXPECT_EQ(wrong_err.str(), "no process 'ict-permit' version 'v9'\n");
}

}  // namespace
}  // namespace jumys
