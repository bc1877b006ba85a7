#include "engine/bpmn_export.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "core/source_dir.h"
#include "engine/definition_loader.h"
#include "engine/definition_test_support.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;

const fs::path kProcesses = jumys::SourceDir() / "processes";
const fs::path kReference = jumys::SourceDir() / "reference";

ProcessCatalog ShippedCatalog() {
  auto catalog = LoadProcessCatalog(kProcesses, kReference, DefaultDefinitionVocabulary());
  if (!catalog) ADD_FAILURE() << catalog.error().message;
  return catalog ? std::move(*catalog) : ProcessCatalog();
}

// All matches of group 1 of `pattern` in `text`.
std::vector<std::string> All(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

const char* kFlowNodes =
    "<(?:startEvent|endEvent|userTask|serviceTask|receiveTask|intermediateCatchEvent|"
    "boundaryEvent|exclusiveGateway) id=\"([^\"]+)\"";

// The checks a schema cannot make: references resolve, everything is drawn and in a lane.
void ExpectConsistent(const std::string& xml, const std::string& what) {
  const auto ids = All(xml, " id=\"([^\"]+)\"");
  std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size()) << what << ": duplicate ids";
  for (const auto& ref : All(xml,
                             "(?:sourceRef|targetRef|attachedToRef|default|bpmnElement|"
                             "processRef)=\"([^\"]+)\"")) {
    EXPECT_TRUE(unique.count(ref)) << what << ": dangling reference " << ref;
  }
  const auto shapes = All(xml, "<bpmndi:BPMNShape [^>]*bpmnElement=\"([^\"]+)\"");
  const auto edges = All(xml, "<bpmndi:BPMNEdge [^>]*bpmnElement=\"([^\"]+)\"");
  const std::set<std::string> drawn(shapes.begin(), shapes.end());
  const std::set<std::string> routed(edges.begin(), edges.end());
  const auto lanes = All(xml, "<flowNodeRef>([^<]+)</flowNodeRef>");
  std::map<std::string, int> in_lanes;
  for (const auto& n : lanes) ++in_lanes[n];
  for (const auto& node : All(xml, kFlowNodes)) {
    EXPECT_TRUE(drawn.count(node)) << what << ": no shape for " << node;
    EXPECT_EQ(in_lanes[node], 1) << what << ": " << node << " not in exactly one lane";
  }
  for (const auto& flow : All(xml, "<sequenceFlow id=\"([^\"]+)\"")) {
    EXPECT_TRUE(routed.count(flow)) << what << ": no edge for " << flow;
  }
  for (const auto& lane : All(xml, "<lane id=\"([^\"]+)\"")) {
    EXPECT_TRUE(drawn.count(lane)) << what << ": no shape for " << lane;
  }
}

TEST(BpmnExportTest, EveryShippedProcessIsConsistent) {
  const ProcessCatalog catalog = ShippedCatalog();
  ASSERT_EQ(catalog.All().size(), 14u);  // C1, the complaint, and P1e, P1's employers
  for (const auto& def : catalog.All()) ExpectConsistent(ExportBpmn(*def), def->code);
}

TEST(BpmnExportTest, UserStepsCarryRefAndLimit) {
  const ProcessCatalog catalog = ShippedCatalog();
  auto s1 = catalog.Find("job-seeker-registration", "kzo-2018-1057");
  ASSERT_TRUE(s1);
  const std::string xml = ExportBpmn(**s1);
  for (const auto& step : (*s1)->steps) {
    const std::string limit = FormatLimit(*step.limit);
    const std::regex task("<userTask id=\"step_" + step.id + "\" name=\"" + step.ref +
                          " [^\"]*\\[" + limit + "\\]\">");
    EXPECT_TRUE(std::regex_search(xml, task)) << step.id;
    EXPECT_NE(xml.find("<jumys:step ref=\"" + step.ref + "\" kind=\"user\" role=\"" +
                       RoleName(*step.role) + "\" limit=\"" + limit + "\""),
              std::string::npos)
        << step.id;
  }
  // A lane per role, plus the applicant's for the start events.
  EXPECT_EQ(All(xml, "<lane id=\"lane_([a-z_]+)\""),
            (std::vector<std::string>{"applicant", "office_clerk", "head", "executor"}));
  // A gateway after the review (approve / refuse), an end event per result kind.
  EXPECT_NE(xml.find("<exclusiveGateway id=\"step_review_gw\""), std::string::npos);
  EXPECT_EQ(All(xml, "<endEvent id=\"end_([a-z_]+)\""),
            (std::vector<std::string>{"acceptance_refusal", "notification", "refusal"}));
  EXPECT_NE(xml.find("name=\"refuse\">\n      <conditionExpression xsi:type=\"tFormalExpression\">"
                     "outcome = &#39;refuse&#39;</conditionExpression>"),
            std::string::npos);
}

TEST(BpmnExportTest, TimersWaitsAndRepeats) {
  const ProcessCatalog catalog = ShippedCatalog();
  const std::string s3 = ExportBpmn(**catalog.Find("active-measures-referral", "kzo-2018-1057"));
  // Four referrals and the reasoned refusal: regulation 3 item 6.2 names no refusal to accept
  // (the intake's refusal at filing is not a step of the graph).
  EXPECT_EQ(All(s3, "<endEvent id=\"end_([a-z_]+)\"").size(), 5u);

  const std::string s4 = ExportBpmn(**catalog.Find("foreign-labour-permit", "kzo-2018-1054"));
  EXPECT_NE(s4.find("<receiveTask id=\"step_await_fee\""), std::string::npos);
  EXPECT_TRUE(std::regex_search(
      s4,
      std::regex("<boundaryEvent id=\"step_await_fee_timeout\" name=\"fee_not_paid \\(10wd\\)\" "
                 "attachedToRef=\"step_await_fee\">\\s*<timerEventDefinition [^>]*>\\s*"
                 "<timeDuration xsi:type=\"tFormalExpression\">10wd</timeDuration>")));
  EXPECT_NE(s4.find("<endEvent id=\"end_lapsed\""), std::string::npos);
  EXPECT_NE(s4.find("name=\"signed (portal)\""), std::string::npos);  // channel-specific way

  const std::string p2 = ExportBpmn(**catalog.Find("subsidised-jobs", "fk-b03"));
  EXPECT_NE(p2.find("<serviceTask id=\"step_generate_contract\""), std::string::npos);
  EXPECT_NE(p2.find("<timeDuration xsi:type=\"tFormalExpression\">3wd</timeDuration>"),
            std::string::npos);
  const std::string p3 = ExportBpmn(**catalog.Find("special-workplaces", "fk-b05"));
  EXPECT_NE(p3.find("<timeCycle xsi:type=\"tFormalExpression\">R/P1M</timeCycle>"),
            std::string::npos);
  // P1's employers: the vacancies entered at 3.3 end the case with the inclusion.
  const std::string p1e = ExportBpmn(**catalog.Find("relocation-employers", "fk-a05-employers"));
  EXPECT_NE(p1e.find("<userTask id=\"step_enter_vacancies\""), std::string::npos) << p1e;
  EXPECT_NE(p1e.find("<endEvent id=\"end_participant_inclusion\""), std::string::npos);
  const std::string p1 = ExportBpmn(**catalog.Find("voluntary-relocation", "fk-a05"));
  EXPECT_NE(p1.find("signature=\"head job_seeker employer\""), std::string::npos);
  EXPECT_NE(p1.find("office=\"destination\""), std::string::npos);
  EXPECT_NE(p1.find("<exclusiveGateway id=\"start_office_gw\""), std::string::npos);
}

TEST(BpmnExportTest, TextIsEscaped) {
  jumys::testing::DefinitionTree tree;
  tree.Grounds("demo", jumys::testing::DemoGrounds());
  std::string text = jumys::testing::DemoDefinition();
  text.replace(text.find("en: Demo}"), 9, "en: \"Demo & <Test> 'q'\"}");
  const fs::path file = tree.Definition("demo", "v1", text);
  auto def = LoadDefinitionFile(file, tree.reference(), DefaultDefinitionVocabulary());
  ASSERT_TRUE(def) << def.error().message;
  const std::string xml = ExportBpmn(*def);
  EXPECT_NE(xml.find("name=\"Demo &amp; &lt;Test&gt; &#39;q&#39;\""), std::string::npos);
  EXPECT_EQ(xml.find("Demo & <"), std::string::npos);
  ExpectConsistent(xml, "demo");
}

// The BPMN 2.0 XSD (BPMN20.xsd with Semantic, BPMNDI, DC, DI) from the npm package
// bpmn-moddle, which ships resources/bpmn/xsd: JUMYS_BPMN_XSD_DIR, or the package installed
// under web/ or the source root.
fs::path SchemaDir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("JUMYS_BPMN_XSD_DIR")) candidates.emplace_back(env);
  for (const char* base : {"web/node_modules", "node_modules"}) {
    candidates.push_back(jumys::SourceDir() / base / "bpmn-moddle/resources/bpmn/xsd");
  }
  for (const auto& dir : candidates) {
    if (fs::exists(dir / "BPMN20.xsd")) return dir;
  }
  return {};
}

TEST(BpmnExportTest, ValidatesAgainstTheBpmnSchema) {
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) {
    FAIL() << "xmllint (Debian libxml2-utils) is not installed: run scripts/setup";
  }
  const fs::path xsd = SchemaDir();
  ASSERT_FALSE(xsd.empty())
      << "BPMN XSD not found: scripts/setup installs the npm package bpmn-moddle";
  jumys::testing::DefinitionTree tree;
  const ProcessCatalog catalog = ShippedCatalog();
  ASSERT_FALSE(catalog.All().empty());
  for (const auto& def : catalog.All()) {
    const fs::path file = tree.processes() / (def->code + ".bpmn");
    std::ofstream(file, std::ios::binary) << ExportBpmn(*def);
    const fs::path log = tree.processes() / (def->code + ".log");
    const std::string cmd = "xmllint --noout --schema '" + (xsd / "BPMN20.xsd").string() + "' '" +
                            file.string() + "' >'" + log.string() + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    std::ifstream in(log);
    const std::string output((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    EXPECT_EQ(rc, 0) << def->code << ":\n" << output;
  }
}

}  // namespace
}  // namespace jumys
