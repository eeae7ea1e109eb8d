#include "tests/support/serviceusers.h"

#include "server/users/userrepository.h"

#include <QtGlobal>

namespace vw::test {

server::users::UserRecord insertTestUser(
    server::users::UserRepository &users, const Clock &clock, const QString &username, model::UserRole role)
{
    server::users::UserRecord user;
    user.id = QUuid::createUuid();
    user.username = username;
    user.displayName = username;
    user.role = role;
    user.passwordHash = QStringLiteral("not-a-hash");
    user.createdAt = clock.nowUtc();
    if (!users.insert(user).ok())
        qFatal("cannot insert a test user");
    return user;
}

server::Principal principalOf(const server::users::UserRecord &user)
{
    return server::Principal {user.id, user.role, QUuid::createUuid()};
}

} // namespace vw::test
