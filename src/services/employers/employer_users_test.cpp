// An employer's users through the service, without HTTP: the director adds, lists and
// deactivates signatories and drafters of the same BIN; no one else manages them.
#include "services/employers/employer_users.h"

#include <gtest/gtest.h>

#include "security/password.h"
#include "services/testing/demo_store.h"
#include "storage/repositories/employer_user_repository.h"

namespace jumys::testing {
namespace {

using employers::EmployerUsers;
using employers::NewEmployerUser;

class EmployerUsersTest : public ::testing::Test {
 protected:
  EmployerUsersTest()
      : accounts_(store_.db(), store_.offices(), AccountPolicy{}, [this] { return now_; }),
        service_(store_.db(), accounts_, [this] { return now_; }) {}

  static NewEmployerUser User(const std::string& login, const std::string& capacity) {
    return {login, "Айгүл Серікқызы Омарова", "851102400347", capacity};
  }

  DemoStore store_;
  Instant now_ = store_.Now();
  Accounts accounts_;
  EmployerUsers service_;
};

TEST_F(EmployerUsersTest, TheDirectorAddsUsersWhoSignInOnceWithTheirOneTimePassword) {
  const Actor director = store_.As("employer");
  EXPECT_EQ(*service_.CapacityOf(director), "director");
  auto made = service_.Create(director, User("aigul", "drafter"));
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->user.capacity, "drafter");
  EXPECT_EQ(made->user.iin_masked.find("851102400347"), std::string::npos);
  EXPECT_GE(made->one_time_password.size(), 12u);

  // The account is the employer's: same BIN, role employer, and its password signs in.
  const Actor drafter = store_.As("aigul");
  EXPECT_TRUE(drafter.applicant);
  EXPECT_EQ(drafter.bin, director.bin);
  EXPECT_TRUE(drafter.iin.empty());  // the person's IIN is not the account's: no job-seeker view
  EXPECT_TRUE(drafter.roles.Has(Role::kEmployer));
  EXPECT_EQ(*service_.CapacityOf(drafter), "drafter");
  auto login = accounts_.Login("aigul", made->one_time_password);
  ASSERT_TRUE(login) << login.error().message;

  auto audit = store_.Audit("employer_user.%");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "employer");
  EXPECT_EQ(audit[0].entity_id, "aigul");
  EXPECT_EQ(audit[0].data.dump().find("851102400347"), std::string::npos);

  auto listed = service_.List(director);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().login, "aigul");
}

TEST_F(EmployerUsersTest, OnlyTheDirectorManagesAndBadInputIsRefused) {
  const Actor director = store_.As("employer");
  ASSERT_TRUE(service_.Create(director, User("signer", "signatory")));
  const Actor signer = store_.As("signer");
  auto by_signatory = service_.Create(signer, User("other", "drafter"));
  ASSERT_FALSE(by_signatory);
  EXPECT_EQ(by_signatory.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(by_signatory.error().key, "employer_user.director_only");
  EXPECT_FALSE(service_.List(signer));
  auto by_staff = service_.Create(store_.As("clerk"), User("other", "drafter"));
  ASSERT_FALSE(by_staff);
  EXPECT_EQ(by_staff.error().code, ErrorCode::kForbidden);
  auto by_seeker = service_.Create(store_.As("seeker"), User("other", "drafter"));
  ASSERT_FALSE(by_seeker);
  EXPECT_EQ(by_seeker.error().code, ErrorCode::kForbidden);

  auto taken = service_.Create(director, User("clerk", "drafter"));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  auto director_capacity = service_.Create(director, User("boss", "director"));
  ASSERT_FALSE(director_capacity);
  EXPECT_EQ(director_capacity.error().details.front().field, "capacity");
  auto bad_iin = service_.Create(director, {"x1", "Name", "123", "drafter"});
  ASSERT_FALSE(bad_iin);
  EXPECT_EQ(bad_iin.error().code, ErrorCode::kUnprocessable);
  auto blank = service_.Create(director, {"x2", "   ", "851102400347", "drafter"});
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().details.front().field, "full_name");
  auto login = service_.Create(director, {"Bad Login", "Name", "851102400347", "drafter"});
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().details.front().field, "login");
}

TEST_F(EmployerUsersTest, DeactivationEndsSignInAndSessions) {
  const Actor director = store_.As("employer");
  auto made = service_.Create(director, User("aigul", "signatory"));
  ASSERT_TRUE(made);
  auto session = accounts_.Login("aigul", made->one_time_password);
  ASSERT_TRUE(session);
  auto off = service_.Deactivate(director, "aigul");
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_FALSE(off->active);
  EXPECT_TRUE(off->deactivated_at);
  EXPECT_FALSE(accounts_.Login("aigul", made->one_time_password));
  EXPECT_FALSE(accounts_.Authenticate(session->token));
  EXPECT_EQ(store_.Audit("employer_user.deactivate").size(), 1u);

  // Not this employer's added user: the director account itself, staff, unknown: 404 alike.
  for (const char* login : {"employer", "clerk", "ghost"}) {
    auto refused = service_.Deactivate(director, login);
    ASSERT_FALSE(refused) << login;
    EXPECT_EQ(refused.error().code, ErrorCode::kNotFound) << login;
    EXPECT_EQ(refused.error().key, "employer_user.not_found") << login;
  }
}

TEST_F(EmployerUsersTest, AnotherEmployersUsersAreNotFound) {
  ASSERT_TRUE(service_.Create(store_.As("employer"), User("aigul", "drafter")));
  storage::UserRecord other;
  other.login = "other-director";
  other.kind = "applicant";
  other.full_name = "Other";
  other.roles = "employer";
  other.bin = "150340004568";
  other.password_hash = HashPassword("demo");
  DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(storage::InsertUser(tx, other, "2026-11-23T05:00:00Z"));
    return {};
  }),
                  "other");
  const Actor stranger = store_.As("other-director");
  auto refused = service_.Deactivate(stranger, "aigul");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  auto listed = service_.List(stranger);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

}  // namespace
}  // namespace jumys::testing
