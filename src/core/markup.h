#pragma once
// Text into HTML or XML: the five characters that could end a text node or an attribute
// value, escaped. The HTML pages, the e-mails and the BPMN export all write text this way.
#include <string>
#include <string_view>

namespace jumys {

std::string EscapeMarkup(std::string_view text);

}  // namespace jumys
