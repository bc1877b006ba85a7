// EDS challenges and EDS sign-in. The server issues a single-use challenge; an applicant's
// portal request signs it inside its body, and an applicant signs one with their EDS key to
// sign in. Either way the challenge is consumed in the transaction of the work it authorises,
// so the same signature authorises nothing twice.
#include "http/api.h"
#include "http/json_io.h"
#include "security/challenges.h"
#include "services/documents/document_service.h"

namespace jumys::http {

namespace {

const RoleSet kApplicants = {Role::kJobSeeker, Role::kEmployer};

Expected<HttpResponse> ChallengeResponse(ApiContext& ctx, ChallengePurpose purpose,
                                         std::optional<std::int64_t> user_id) {
  JUMYS_ASSIGN_OR_RETURN(auto issued, ctx.challenges->Issue(purpose, user_id));
  return JsonResponse(201, {{"challenge", issued.challenge},
                            {"purpose", ChallengePurposeName(issued.purpose)},
                            {"issued_at", FormatRfc3339(issued.issued_at)},
                            {"expires_at", FormatRfc3339(issued.expires_at)}});
}

// The signed content is the challenge text itself (its UTF-8 bytes), CMS detached.
Expected<HttpResponse> EdsLogin(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto challenge, RequiredString(body, "challenge", 100));
  JUMYS_ASSIGN_OR_RETURN(auto signature, RequiredString(body, "signature", 64 * 1024));
  JUMYS_ASSIGN_OR_RETURN(auto signer,
                         ctx.documents->CheckSignature(challenge, signature, "", "", ctx.clock()));
  JUMYS_ASSIGN_OR_RETURN(auto result, ctx.accounts.LoginWithCertificate(
                                          signer.iin, signer.bin,
                                          ctx.challenges->Consumer(
                                              challenge, ChallengePurpose::kSignIn, std::nullopt)));
  return SignedInResponse(ctx, result);
}

// OpenAPI: the 409 of a signature whose challenge is used, expired or not the caller's.
nlohmann::json ChallengeConflictDoc() {
  return {
      {"description",
       "The signed challenge is used (challenge.used), expired (challenge.expired) or was "
       "not issued for this request (challenge.unknown); nothing was done"},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

nlohmann::json ChallengeDoc(bool is_public) {
  nlohmann::json doc = {
      {"tags", {"auth"}},
      {"responses",
       {{"201",
         {{"description", "A single-use challenge: sign it within its lifetime (a few minutes)"},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"},
                {"properties",
                 {{"challenge", {{"type", "string"}}},
                  {"purpose", {{"type", "string"}, {"enum", {"portal-request", "sign-in"}}}},
                  {"issued_at", {{"type", "string"}, {"format", "date-time"}}},
                  {"expires_at", {{"type", "string"}, {"format", "date-time"}}}}}}}}}}}}}}}};
  if (is_public) doc["security"] = nlohmann::json::array();
  return doc;
}

}  // namespace

void AddEdsAuthRoutes(Router& router, ApiContext& ctx) {
  router.Add({"POST", "/api/v1/challenges", Scope::kSelf, kApplicants,
              "A single-use challenge for the caller's next portal application: put it in the "
              "request body as 'challenge' before signing. It expires after a few minutes and "
              "is used up by the case it creates; a request whose challenge is used, expired or "
              "not the caller's gets 409 and creates nothing.",
              ChallengeDoc(false), [&ctx](HttpRequest&, const Actor& a) {
                return ChallengeResponse(ctx, ChallengePurpose::kPortalRequest, a.user_id);
              }});
  router.Add({"POST",
              "/api/v1/auth/eds-challenge",
              Scope::kPublic,
              {},
              "A single-use challenge for signing in with an EDS key (POST "
              "/api/v1/auth/eds-login); it expires after a few minutes.",
              ChallengeDoc(true),
              [&ctx](HttpRequest&, const Actor&) {
                return ChallengeResponse(ctx, ChallengePurpose::kSignIn, std::nullopt);
              }});
  router.Add(
      {"POST",
       "/api/v1/auth/eds-login",
       Scope::kPublic,
       {},
       "Sign in as an applicant with an EDS key: 'signature' is a CMS detached signature "
       "(DER, base64) of the challenge text from POST /api/v1/auth/eds-challenge. The "
       "certificate must chain to a trusted root, be valid and not revoked; its BIN (else its "
       "IIN) names the applicant account. Answers as the password sign-in does: a bearer token "
       "and the session cookie; 401 exactly as a wrong password when no applicant account has "
       "the certificate's IIN/BIN; 409 for a used, expired or unknown challenge; 422 for a "
       "signature that does not verify.",
       [] {
         auto doc = DocWithJsonBody("auth", {"challenge", "signature"},
                                    {{"challenge", {{"type", "string"}}},
                                     {"signature",
                                      {{"type", "string"},
                                       {"contentEncoding", "base64"},
                                       {"description",
                                        "CMS (PKCS#7) detached signature of the challenge's UTF-8 "
                                        "bytes, DER, base64"}}}});
         doc["security"] = nlohmann::json::array();
         doc["responses"]["409"] = ChallengeConflictDoc();
         return doc;
       }(),
       [&ctx](HttpRequest& r, const Actor&) { return EdsLogin(ctx, r); }});
}

}  // namespace jumys::http
