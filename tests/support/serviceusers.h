#pragma once

#include "common/core/clock.h"
#include "common/model/enums.h"
#include "server/core/principal.h"
#include "server/users/userrecord.h"

namespace vw::server::users {
class UserRepository;
}

namespace vw::test {

// For service-level tests that call services directly with a Principal: a users row with
// no usable password (it cannot log in), so no Argon2id hashing slows the test down.
server::users::UserRecord insertTestUser(
    server::users::UserRepository &users, const Clock &clock, const QString &username, model::UserRole role);
// The caller a service sees for `user`, on a fresh session id.
server::Principal principalOf(const server::users::UserRecord &user);
// The client every service-level test claims to be.
inline const server::ClientInfo kTestClient {QStringLiteral("127.0.0.1"), QStringLiteral("tst")};

} // namespace vw::test
