#pragma once

#include "common/core/result.h"
#include "common/model/enums.h"
#include "common/model/user.h"
#include "server/core/presencesource.h"
#include "server/core/principal.h"
#include "server/core/serviceerror.h"

#include <QList>
#include <QString>

#include <optional>

namespace vw::server::users {
class UserRepository;
}

namespace vw::server::auth {

// Who a caller may see: themselves (/auth/me) and the people they may start a conversation
// with (/users): patients see providers; providers see patients and providers; admins everyone.
class UserDirectory
{
public:
    static constexpr int kDefaultLimit = 50;
    static constexpr int kMaxLimit = 200;

    explicit UserDirectory(users::UserRepository &users) : m_users(users) { }

    // Where `online` comes from (the realtime gateway); without one nobody is online.
    void setPresence(const PresenceSource *presence) { m_presence = presence; }

    Result<model::User, ServiceError> me(const Principal &caller);
    // `role` narrows the visible roles; `search` matches user or display name. Never the caller.
    Result<QList<model::User>, ServiceError> list(
        const Principal &caller, std::optional<model::UserRole> role, const QString &search, int limit);

    static QList<model::UserRole> visibleRoles(model::UserRole callerRole);

private:
    bool isOnline(const QUuid &userId) const { return m_presence && m_presence->isOnline(userId); }

    users::UserRepository &m_users;
    const PresenceSource *m_presence = nullptr;
};

} // namespace vw::server::auth
