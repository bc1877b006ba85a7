#include "storage/repositories/person_owner.h"

#include "storage/repositories/employment_card_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::storage {

Expected<std::optional<RecordOwner>> FindPersonOwner(Tx& tx, const std::string& iin) {
  JUMYS_ASSIGN_OR_RETURN(auto person, FindPerson(tx, iin));
  JUMYS_ASSIGN_OR_RETURN(auto card, FindEmploymentCard(tx, iin));
  if (!person && !card) return std::optional<RecordOwner>{};
  RecordOwner owner{{}, "", iin, ""};
  if (person) owner.offices.push_back(person->office_id);
  if (card) owner.offices.push_back(card->office_id);
  return std::optional<RecordOwner>{std::move(owner)};
}

}  // namespace jumys::storage
