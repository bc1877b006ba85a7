#include "services/payments/payment_accounts.h"

#include "core/identifiers.h"
#include "core/yaml_source.h"

namespace jumys::payments {

Expected<std::map<std::string, Debtor>> LoadAccounts(const std::filesystem::path& file) {
  YamlSource src(file);
  JUMYS_ASSIGN_OR_RETURN(auto root, src.Read());
  JUMYS_TRY(src.Keys(root, {"accounts"}));
  std::map<std::string, Debtor> out;
  const YAML::Node accounts = root["accounts"];
  if (!accounts || !accounts.IsSequence()) {
    return src.At(root, "reference.expected_list"_msg, "expected '{key}:' with a list",
                  {{"key", "accounts"}});
  }
  for (const auto& item : accounts) {
    JUMYS_TRY(src.Keys(item, {"office", "name", "iban", "bic"}));
    JUMYS_ASSIGN_OR_RETURN(auto office, src.Text(item, "office"));
    Debtor d;
    JUMYS_ASSIGN_OR_RETURN(d.name, src.Text(item, "name"));
    JUMYS_ASSIGN_OR_RETURN(d.iban, src.Text(item, "iban"));
    JUMYS_ASSIGN_OR_RETURN(d.bic, src.Text(item, "bic"));
    if (!IsKazakhIban(d.iban)) {
      return src.At(item["iban"], "field.iban_invalid"_msg,
                    "must be a Kazakh IBAN: KZ, 2 check digits and 16 characters");
    }
    if (d.bic.size() != 8 && d.bic.size() != 11) {
      return src.At(item["bic"], "payment.account_bic"_msg, "a BIC has 8 or 11 characters");
    }
    if (!out.emplace(office, std::move(d)).second) {
      return src.At(item, "payment.account_twice"_msg, "office {office} is listed twice",
                    {{"office", office}});
    }
  }
  return out;
}

}  // namespace jumys::payments
