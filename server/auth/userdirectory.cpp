#include "server/auth/userdirectory.h"

#include "server/users/userrepository.h"

#include <QLoggingCategory>

namespace vw::server::auth {

namespace {
Q_LOGGING_CATEGORY(lcDirectory, "vw.auth.users")
}

QList<model::UserRole> UserDirectory::visibleRoles(model::UserRole callerRole)
{
    switch (callerRole) {
    case model::UserRole::Patient:
        return {model::UserRole::Provider};
    case model::UserRole::Provider:
        return {model::UserRole::Patient, model::UserRole::Provider};
    case model::UserRole::Admin:
        return {model::UserRole::Patient, model::UserRole::Provider, model::UserRole::Admin};
    }
    return {};
}

Result<model::User, ServiceError> UserDirectory::me(const Principal &caller)
{
    const auto user = m_users.findById(caller.userId);
    if (!user) {
        qCWarning(lcDirectory) << "store failure:" << user.error().detail;
        return ServiceError::internal();
    }
    if (!user.value())
        return ServiceError::unauthorized();
    return users::toModel(*user.value(), isOnline(caller.userId));
}

Result<QList<model::User>, ServiceError> UserDirectory::list(
    const Principal &caller, std::optional<model::UserRole> role, const QString &search, int limit)
{
    QList<model::UserRole> roles = visibleRoles(caller.role);
    if (role)
        roles = roles.contains(*role) ? QList<model::UserRole> {*role} : QList<model::UserRole> {};
    const int wanted = qBound(1, limit, kMaxLimit);
    // One more than asked for, in case the caller is among them and gets dropped.
    const auto found = m_users.search(roles, search, wanted + 1);
    if (!found) {
        qCWarning(lcDirectory) << "store failure:" << found.error().detail;
        return ServiceError::internal();
    }
    QList<model::User> visible;
    for (const users::UserRecord &record : found.value()) {
        if (record.id == caller.userId)
            continue;
        if (visible.size() == wanted)
            break;
        visible.append(users::toModel(record, isOnline(record.id)));
    }
    return visible;
}

} // namespace vw::server::auth
