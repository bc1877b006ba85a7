#pragma once
// Authorisation in one place. Api::Handle calls CheckRecordScope for every route whose path
// names a record (Route::record), after the session and before the role check and the
// handler: a record that is missing or outside the caller's scope answers the same 404 (its
// kind's not-found key), so neither a wrong office nor a wrong role tells that it exists.
// The scope rule itself is security/access.h InScope; the owners come from the services.
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/actor.h"
#include "http/api.h"
#include "security/access.h"  // VisibleOffices, for the handlers that list records

namespace jumys::http {

// The answer for a record of `kind` that is missing or out of scope.
Error RecordNotFound(Record kind);

// Finds the owner of the record the route's path names and checks it against the actor.
Status CheckRecordScope(ApiContext& ctx, const Route& route, const HttpRequest& request,
                        const Actor& actor);

}  // namespace jumys::http
