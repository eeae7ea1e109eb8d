#include "server/auth/sessionrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

namespace vw::server::auth {

namespace {

QDateTime fromMs(const QVariant &value)
{
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace

Status<store::StoreError> SessionRepository::insert(const SessionRecord &session)
{
    store::SqlQuery query(m_database,
        QStringLiteral("INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, revoked_at,"
                       " revoke_reason, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return query.exec({model::uuidToWire(session.id), model::uuidToWire(session.userId),
        session.createdAt.toMSecsSinceEpoch(), session.lastUsedAt.toMSecsSinceEpoch(),
        session.expiresAt.toMSecsSinceEpoch(),
        store::nullableMs(session.revokedAt ? session.revokedAt->toMSecsSinceEpoch() : 0),
        store::nullableText(session.revokeReason), store::nullableText(session.ip),
        store::nullableText(session.userAgent)});
}

Result<std::optional<SessionRecord>, store::StoreError> SessionRepository::findById(const QUuid &id)
{
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT id, user_id, created_at, last_used_at, expires_at, revoked_at, revoke_reason,"
                       " ip, user_agent FROM sessions WHERE id = ?"));
    if (auto ran = query.exec({model::uuidToWire(id)}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<SessionRecord>();
    SessionRecord session;
    session.id = QUuid::fromString(query.value(0).toString());
    session.userId = QUuid::fromString(query.value(1).toString());
    session.createdAt = fromMs(query.value(2));
    session.lastUsedAt = fromMs(query.value(3));
    session.expiresAt = fromMs(query.value(4));
    if (!query.value(5).isNull())
        session.revokedAt = fromMs(query.value(5));
    session.revokeReason = query.value(6).toString();
    session.ip = query.value(7).toString();
    session.userAgent = query.value(8).toString();
    return std::optional<SessionRecord>(session);
}

Status<store::StoreError> SessionRepository::touch(const QUuid &id, const QDateTime &at)
{
    store::SqlQuery query(m_database, QStringLiteral("UPDATE sessions SET last_used_at = ? WHERE id = ?"));
    return query.exec({at.toMSecsSinceEpoch(), model::uuidToWire(id)});
}

Result<bool, store::StoreError> SessionRepository::revoke(
    const QUuid &id, const QDateTime &at, const QString &reason)
{
    store::SqlQuery query(m_database,
        QStringLiteral(
            "UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL"));
    if (auto ran = query.exec({at.toMSecsSinceEpoch(), reason, model::uuidToWire(id)}); !ran)
        return ran.error();
    return query.numRowsAffected() > 0;
}

} // namespace vw::server::auth
