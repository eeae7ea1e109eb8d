#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QDateTime>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::auth {

// A row of refresh_tokens: the hash of a token handed out, never the token itself.
struct RefreshTokenRecord
{
    QString tokenHash;
    QUuid sessionId;
    QDateTime issuedAt;
    std::optional<QDateTime> usedAt;
};

// The refresh_tokens table.
class RefreshTokenRepository
{
public:
    explicit RefreshTokenRepository(store::Database &database) : m_database(database) { }

    Status<store::StoreError> insert(const RefreshTokenRecord &token);
    Result<std::optional<RefreshTokenRecord>, store::StoreError> findByHash(const QString &tokenHash);
    // Marks an unused token used; false when it was already used (a concurrent reuse).
    Result<bool, store::StoreError> markUsed(const QString &tokenHash, const QDateTime &at);

private:
    store::Database &m_database;
};

} // namespace vw::server::auth
