#include "core/markup.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

TEST(MarkupTest, EscapesWhatCouldEndATextOrAnAttribute) {
  EXPECT_EQ(EscapeMarkup(R"(<a href="x" title='y'>T&C</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;T&amp;C&lt;/a&gt;");
  EXPECT_EQ(EscapeMarkup("Өтініш қабылданды"), "Өтініш қабылданды");
  EXPECT_EQ(EscapeMarkup(""), "");
}

}  // namespace
}  // namespace jumys
