// Titles of the document templates as a signing step lists them (the values are not kept).
#include "services/documents/document_wording.h"

#include <gtest/gtest.h>

namespace jumys::documents {
namespace {

TEST(PlainTitleTest, DropsPlaceholdersAndTheNumberSignOfOne) {
  EXPECT_EQ(PlainTitle("Трёхсторонний социальный контракт № {contract_number} о добровольном "
                       "переселении"),
            "Трёхсторонний социальный контракт о добровольном переселении");
  EXPECT_EQ(PlainTitle("Ерікті қоныс аудару туралы № {contract_number} үшжақты әлеуметтік "
                       "келісімшарт"),
            "Ерікті қоныс аудару туралы үшжақты әлеуметтік келісімшарт");
  EXPECT_EQ(PlainTitle("Разрешение ({permit_variant})"), "Разрешение");
  EXPECT_EQ(PlainTitle("Решение по перечню № {list_number}"), "Решение по перечню");
  EXPECT_EQ(PlainTitle("Справка № 5"), "Справка № 5");
}

TEST(EnglishTitleTest, NamesTheRelocationDocuments) {
  EXPECT_EQ(EnglishTitle("relocation_social_contract"),
            "Tripartite social contract on voluntary relocation");
  EXPECT_EQ(EnglishTitle("relocation_referral"),
            "Referral to voluntary relocation within the oblast");
  EXPECT_EQ(EnglishTitle("unknown_kind"), "unknown_kind");
}

}  // namespace
}  // namespace jumys::documents
