#pragma once

#include "common/core/result.h"
#include "server/auth/sessionrecord.h"
#include "server/store/storeerror.h"

#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::auth {

// The sessions table.
class SessionRepository
{
public:
    explicit SessionRepository(store::Database &database) : m_database(database) { }

    Status<store::StoreError> insert(const SessionRecord &session);
    Result<std::optional<SessionRecord>, store::StoreError> findById(const QUuid &id);
    Status<store::StoreError> touch(const QUuid &id, const QDateTime &at);
    // Marks a live session revoked; true when it was live (false: unknown or already revoked).
    Result<bool, store::StoreError> revoke(const QUuid &id, const QDateTime &at, const QString &reason);

private:
    store::Database &m_database;
};

} // namespace vw::server::auth
