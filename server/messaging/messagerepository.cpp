#include "server/messaging/messagerepository.h"

#include "common/model/wire.h"
#include "server/messaging/searchtokenrepository.h"
#include "server/store/sqlquery.h"

#include <QStringList>

#include <algorithm>

namespace vw::server::messaging {

namespace {

const QString kColumns
    = QStringLiteral("id, conversation_id, sender_id, type, status, priority, reply_to_id, "
                     "client_message_id, content_enc, metadata_enc, created_at, "
                     "delivered_at, read_at, deleted_at");

qint64 msOrZero(const QVariant &value)
{
    return value.isNull() ? 0 : value.toLongLong();
}

MessageRecord readMessage(store::SqlQuery &query)
{
    MessageRecord m;
    m.id = QUuid::fromString(query.value(0).toString());
    m.conversationId = QUuid::fromString(query.value(1).toString());
    m.senderId = QUuid::fromString(query.value(2).toString());
    m.type
        = model::fromWire<model::MessageType>(query.value(3).toString()).value_or(model::MessageType::Text);
    m.status = model::fromWire<model::MessageStatus>(query.value(4).toString())
                   .value_or(model::MessageStatus::Sent);
    m.priority = model::fromWire<model::MessagePriority>(query.value(5).toString())
                     .value_or(model::MessagePriority::Normal);
    if (!query.value(6).isNull())
        m.replyToId = QUuid::fromString(query.value(6).toString());
    m.clientMessageId = query.value(7).toString();
    m.contentEnc = query.value(8).toByteArray();
    m.metadataEnc = query.value(9).toByteArray();
    m.createdAtMs = query.value(10).toLongLong();
    m.deliveredAtMs = msOrZero(query.value(11));
    m.readAtMs = msOrZero(query.value(12));
    m.deletedAtMs = msOrZero(query.value(13));
    return m;
}

// "(created_at, id) < (?, ?)" spelled portably.
QString positionCondition(const char *op)
{
    return QStringLiteral("(created_at %1 ? OR (created_at = ? AND id %1 ?))").arg(QLatin1String(op));
}

QVariantList positionValues(const MessagePosition &position)
{
    return {position.createdAtMs, position.createdAtMs, model::uuidToWire(position.id)};
}

} // namespace

Status<store::StoreError> MessageRepository::insert(const MessageRecord &m)
{
    static const QString sql
        = QStringLiteral("INSERT INTO messages (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
              .arg(kColumns);
    store::SqlQuery query(m_database, sql);
    return query.exec({model::uuidToWire(m.id), model::uuidToWire(m.conversationId),
        model::uuidToWire(m.senderId), model::toWire(m.type), model::toWire(m.status),
        model::toWire(m.priority),
        m.replyToId ? QVariant(model::uuidToWire(*m.replyToId)) : QVariant(QMetaType::fromType<QString>()),
        store::nullableText(m.clientMessageId), m.contentEnc,
        m.metadataEnc.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(m.metadataEnc),
        m.createdAtMs, store::nullableMs(m.deliveredAtMs), store::nullableMs(m.readAtMs),
        store::nullableMs(m.deletedAtMs)});
}

Result<QList<MessageRecord>, store::StoreError> MessageRepository::fetch(
    const QString &sql, const QVariantList &values)
{
    store::SqlQuery query(m_database, sql);
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    QList<MessageRecord> records;
    while (query.next())
        records.append(readMessage(query));
    return records;
}

Result<std::optional<MessageRecord>, store::StoreError> MessageRepository::findById(const QUuid &id)
{
    auto rows = fetch(
        QStringLiteral("SELECT %1 FROM messages WHERE id = ?").arg(kColumns), {model::uuidToWire(id)});
    if (!rows)
        return rows.error();
    if (rows.value().isEmpty())
        return std::optional<MessageRecord>();
    return std::optional<MessageRecord>(rows.value().first());
}

Result<std::optional<MessageRecord>, store::StoreError> MessageRepository::findByClientId(
    const QUuid &senderId, const QString &clientMessageId)
{
    auto rows = fetch(
        QStringLiteral("SELECT %1 FROM messages WHERE sender_id = ? AND client_message_id = ?").arg(kColumns),
        {model::uuidToWire(senderId), clientMessageId});
    if (!rows)
        return rows.error();
    if (rows.value().isEmpty())
        return std::optional<MessageRecord>();
    return std::optional<MessageRecord>(rows.value().first());
}

Result<QList<MessageRecord>, store::StoreError> MessageRepository::pageBefore(
    const QUuid &conversationId, int limit, const std::optional<MessagePosition> &before)
{
    QString sql = QStringLiteral("SELECT %1 FROM messages WHERE conversation_id = ?").arg(kColumns);
    QVariantList values {model::uuidToWire(conversationId)};
    if (before) {
        sql += QStringLiteral(" AND ") + positionCondition("<");
        values << positionValues(*before);
    }
    sql += QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ?");
    values << limit;
    return fetch(sql, values);
}

Result<QList<MessageRecord>, store::StoreError> MessageRepository::pageAfter(
    const QUuid &conversationId, int limit, const MessagePosition &after)
{
    QVariantList values {model::uuidToWire(conversationId)};
    values << positionValues(after) << limit;
    auto rows = fetch(QStringLiteral("SELECT %1 FROM messages WHERE conversation_id = ? AND %2 "
                                     "ORDER BY created_at ASC, id ASC LIMIT ?")
                          .arg(kColumns, positionCondition(">")),
        values);
    if (rows)
        std::reverse(rows.value().begin(), rows.value().end());
    return rows;
}

Result<bool, store::StoreError> MessageRepository::existsBefore(
    const QUuid &conversationId, const MessagePosition &position)
{
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT 1 FROM messages WHERE conversation_id = ? AND %1 LIMIT 1")
            .arg(positionCondition("<")));
    QVariantList values {model::uuidToWire(conversationId)};
    values << positionValues(position);
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    return query.next();
}

Result<bool, store::StoreError> MessageRepository::existsAfter(
    const QUuid &conversationId, const MessagePosition &position)
{
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT 1 FROM messages WHERE conversation_id = ? AND %1 LIMIT 1")
            .arg(positionCondition(">")));
    QVariantList values {model::uuidToWire(conversationId)};
    values << positionValues(position);
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    return query.next();
}

Result<std::optional<QUuid>, store::StoreError> MessageRepository::newestId(const QUuid &conversationId)
{
    store::SqlQuery query(m_database,
        QStringLiteral(
            "SELECT id FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 1"));
    if (auto ran = query.exec({model::uuidToWire(conversationId)}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<QUuid>();
    return std::optional<QUuid>(QUuid::fromString(query.value(0).toString()));
}

Status<store::StoreError> MessageRepository::markReadUpTo(const QUuid &conversationId, const QUuid &readerId,
    qint64 sinceMs, const MessagePosition &upTo, qint64 atMs)
{
    // The plain range on created_at lets SQLite walk messages_page from `sinceMs` to `upTo`
    // only; the position condition alone (an OR) would visit the whole conversation.
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE messages SET status = 'read', read_at = COALESCE(read_at, ?), "
                       "delivered_at = COALESCE(delivered_at, ?) "
                       "WHERE conversation_id = ? AND created_at >= ? AND created_at <= ? "
                       "AND sender_id <> ? AND status <> 'read' AND %1")
            .arg(positionCondition("<=")));
    QVariantList values {atMs, atMs, model::uuidToWire(conversationId), sinceMs, upTo.createdAtMs,
        model::uuidToWire(readerId)};
    values << positionValues(upTo);
    return query.exec(values);
}

Result<bool, store::StoreError> MessageRepository::markDelivered(
    const QUuid &messageId, const QUuid &recipientId, qint64 atMs)
{
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE messages SET status = 'delivered', delivered_at = ? "
                       "WHERE id = ? AND sender_id <> ? AND status = 'sent'"));
    if (auto ran = query.exec({atMs, model::uuidToWire(messageId), model::uuidToWire(recipientId)}); !ran)
        return ran.error();
    return query.numRowsAffected() > 0;
}

Result<qint64, store::StoreError> MessageRepository::countFromOthersAfter(
    const QUuid &conversationId, const QUuid &readerId, const MessagePosition &position)
{
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND created_at >= ? "
                       "AND sender_id <> ? AND deleted_at IS NULL AND %1")
            .arg(positionCondition(">")));
    QVariantList values {
        model::uuidToWire(conversationId), position.createdAtMs, model::uuidToWire(readerId)};
    values << positionValues(position);
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    return query.next() ? query.value(0).toLongLong() : 0;
}

Status<store::StoreError> MessageRepository::softDelete(const QUuid &id, qint64 atMs)
{
    store::SqlQuery query(m_database,
        QStringLiteral(
            "UPDATE messages SET deleted_at = ?, content_enc = ?, metadata_enc = NULL WHERE id = ?"));
    return query.exec({atMs, QByteArray(""), model::uuidToWire(id)});
}

Result<QList<MessageRecord>, store::StoreError> MessageRepository::findByAllTokens(
    const QUuid &conversationId, const QList<QByteArray> &tokens, int limit)
{
    if (tokens.isEmpty())
        return QList<MessageRecord>();
    // Newest first by index row (the message's rowid: the order messages were stored), so the
    // scan stops after `limit` hits even for a word in every message.
    static const QString sql
        = QStringLiteral("SELECT %1 FROM search_index.message_search "
                         "JOIN messages ON messages.rowid = message_search.rowid "
                         "WHERE message_search MATCH ? AND conversation_id = ? AND deleted_at IS NULL "
                         "ORDER BY message_search.rowid DESC LIMIT ?")
              .arg(kColumns);
    return fetch(
        sql, {SearchTokenRepository::matchExpression(tokens), model::uuidToWire(conversationId), limit});
}

} // namespace vw::server::messaging
