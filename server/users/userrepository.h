#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"
#include "server/users/userrecord.h"

#include <QList>

namespace vw::server::store {
class Database;
}

namespace vw::server::users {

// The users table.
class UserRepository
{
public:
    explicit UserRepository(store::Database &database) : m_database(database) { }

    // Kind::Conflict when the user name is taken.
    Status<store::StoreError> insert(const UserRecord &user);
    Result<std::optional<UserRecord>, store::StoreError> findById(const QUuid &id);
    // `username` is matched lower-cased.
    Result<std::optional<UserRecord>, store::StoreError> findByUsername(const QString &username);
    Result<QList<UserRecord>, store::StoreError> findByIds(const QList<QUuid> &ids);
    // Users with one of `roles`, whose user name or display name contains `search`
    // (case-insensitive; empty matches all), ordered by display name, at most `limit`.
    Result<QList<UserRecord>, store::StoreError> search(
        const QList<model::UserRole> &roles, const QString &search, int limit);
    Status<store::StoreError> updatePasswordHash(const QUuid &id, const QString &passwordHash);
    Status<store::StoreError> updateLastSeen(const QUuid &id, const QDateTime &at);

private:
    store::Database &m_database;
};

} // namespace vw::server::users
