#pragma once

#include "common/core/result.h"
#include "common/model/enums.h"
#include "common/model/user.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"

#include <QString>

namespace vw::server::users {
class UserRepository;
}

namespace vw::server::auth {

// Creates accounts under the house rules (user name alphabet, display name length, password
// policy) with an audit entry. Used by `vytalwatch-server user add` and the desktop app's demo seeding.
class UserAdministration
{
public:
    static constexpr qsizetype kMinUsernameLength = 3;
    static constexpr qsizetype kMaxUsernameLength = 64;
    static constexpr qsizetype kMaxDisplayNameLength = 100;
    static constexpr qsizetype kMinPasswordLength = 12;
    static constexpr qsizetype kMaxPasswordLength = 1024;

    UserAdministration(ServerContext &context, users::UserRepository &users);

    // 400 naming the broken rule, 409 "Username already exists". The user name is stored
    // lower-case; the display name trimmed. `client` and `actorId` go to the audit entry.
    Result<model::User, ServiceError> createUser(const QString &username, const QString &displayName,
        model::UserRole role, const QString &password, const QString &actorId = {},
        const ClientInfo &client = {});

    // The rules alone, for callers that want to check before asking for a password.
    static std::optional<ServiceError> checkUsername(const QString &username);
    static std::optional<ServiceError> checkDisplayName(const QString &displayName);
    static std::optional<ServiceError> checkPassword(const QString &password);

private:
    ServerContext &m_context;
    users::UserRepository &m_users;
};

} // namespace vw::server::auth
