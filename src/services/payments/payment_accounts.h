#pragma once
// The account each office pays from (reference/payments/accounts.yaml): the debtor of its
// batches. Read once at start-up; a bad file stops the start with its file and line.
#include <filesystem>
#include <map>
#include <string>

#include "core/error.h"
#include "services/payments/payment_service.h"

namespace jumys::payments {

// By office id. 422 naming the file and line for an unknown key, a missing field, an IBAN that
// fails its check, a BIC that is not 8 or 11 characters, or an office listed twice.
Expected<std::map<std::string, Debtor>> LoadAccounts(const std::filesystem::path& file);

}  // namespace jumys::payments
