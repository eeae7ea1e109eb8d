#include "server/auth/refreshtokenrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

namespace vw::server::auth {

Status<store::StoreError> RefreshTokenRepository::insert(const RefreshTokenRecord &token)
{
    store::SqlQuery query(m_database,
        QStringLiteral(
            "INSERT INTO refresh_tokens (token_hash, session_id, issued_at, used_at) VALUES (?, ?, ?, ?)"));
    return query.exec(
        {token.tokenHash, model::uuidToWire(token.sessionId), token.issuedAt.toMSecsSinceEpoch(),
            store::nullableMs(token.usedAt ? token.usedAt->toMSecsSinceEpoch() : 0)});
}

Result<std::optional<RefreshTokenRecord>, store::StoreError> RefreshTokenRepository::findByHash(
    const QString &tokenHash)
{
    store::SqlQuery query(m_database,
        QStringLiteral(
            "SELECT token_hash, session_id, issued_at, used_at FROM refresh_tokens WHERE token_hash = ?"));
    if (auto ran = query.exec({tokenHash}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<RefreshTokenRecord>();
    RefreshTokenRecord token;
    token.tokenHash = query.value(0).toString();
    token.sessionId = QUuid::fromString(query.value(1).toString());
    token.issuedAt = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC);
    if (!query.value(3).isNull())
        token.usedAt = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC);
    return std::optional<RefreshTokenRecord>(token);
}

Result<bool, store::StoreError> RefreshTokenRepository::markUsed(
    const QString &tokenHash, const QDateTime &at)
{
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"));
    if (auto ran = query.exec({at.toMSecsSinceEpoch(), tokenHash}); !ran)
        return ran.error();
    return query.numRowsAffected() > 0;
}

} // namespace vw::server::auth
