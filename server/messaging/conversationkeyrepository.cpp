#include "server/messaging/conversationkeyrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

namespace vw::server::messaging {

Status<store::StoreError> ConversationKeyRepository::insert(
    const QUuid &conversationId, const QString &wrappedKey, qint64 createdAtMs)
{
    store::SqlQuery query(m_database,
        QStringLiteral(
            "INSERT INTO conversation_keys (conversation_id, wrapped_key, created_at) VALUES (?, ?, ?)"));
    return query.exec({model::uuidToWire(conversationId), wrappedKey, createdAtMs});
}

Result<std::optional<QString>, store::StoreError> ConversationKeyRepository::find(const QUuid &conversationId)
{
    store::SqlQuery query(
        m_database, QStringLiteral("SELECT wrapped_key FROM conversation_keys WHERE conversation_id = ?"));
    if (auto ran = query.exec({model::uuidToWire(conversationId)}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<QString>();
    return std::optional<QString>(query.value(0).toString());
}

Result<QList<StoredConversationKey>, store::StoreError> ConversationKeyRepository::all()
{
    store::SqlQuery query(m_database,
        QStringLiteral(
            "SELECT conversation_id, wrapped_key FROM conversation_keys ORDER BY conversation_id"));
    if (auto ran = query.exec(); !ran)
        return ran.error();
    QList<StoredConversationKey> keys;
    while (query.next())
        keys.append({QUuid::fromString(query.value(0).toString()), query.value(1).toString()});
    return keys;
}

Status<store::StoreError> ConversationKeyRepository::update(
    const QUuid &conversationId, const QString &wrappedKey)
{
    store::SqlQuery query(
        m_database, QStringLiteral("UPDATE conversation_keys SET wrapped_key = ? WHERE conversation_id = ?"));
    if (auto ran = query.exec({wrappedKey, model::uuidToWire(conversationId)}); !ran)
        return ran;
    if (query.numRowsAffected() != 1)
        return store::StoreError {
            store::StoreError::Kind::NotFound, QStringLiteral("no key for conversation")};
    return {};
}

} // namespace vw::server::messaging
