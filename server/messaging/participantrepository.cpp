#include "server/messaging/participantrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

#include <QStringList>

namespace vw::server::messaging {

namespace {

const QString kColumns = QStringLiteral("conversation_id, user_id, joined_at, last_read_at, unread_count");

ParticipantRecord readParticipant(store::SqlQuery &query)
{
    return ParticipantRecord {QUuid::fromString(query.value(0).toString()),
        QUuid::fromString(query.value(1).toString()), query.value(2).toLongLong(),
        query.value(3).isNull() ? 0 : query.value(3).toLongLong(), query.value(4).toLongLong()};
}

Result<QList<ParticipantRecord>, store::StoreError> readAll(
    store::SqlQuery &query, const QVariantList &values)
{
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    QList<ParticipantRecord> records;
    while (query.next())
        records.append(readParticipant(query));
    return records;
}

} // namespace

Status<store::StoreError> ParticipantRepository::insert(
    const QUuid &conversationId, const QUuid &userId, qint64 joinedAtMs)
{
    store::SqlQuery query(m_database,
        QStringLiteral("INSERT INTO participants (conversation_id, user_id, joined_at, unread_count) "
                       "VALUES (?, ?, ?, 0)"));
    return query.exec({model::uuidToWire(conversationId), model::uuidToWire(userId), joinedAtMs});
}

Result<std::optional<ParticipantRecord>, store::StoreError> ParticipantRepository::find(
    const QUuid &conversationId, const QUuid &userId)
{
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT %1 FROM participants WHERE conversation_id = ? AND user_id = ?")
            .arg(kColumns));
    if (auto ran = query.exec({model::uuidToWire(conversationId), model::uuidToWire(userId)}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<ParticipantRecord>();
    return std::optional<ParticipantRecord>(readParticipant(query));
}

Result<QList<ParticipantRecord>, store::StoreError> ParticipantRepository::forConversations(
    const QList<QUuid> &conversationIds)
{
    if (conversationIds.isEmpty())
        return QList<ParticipantRecord>();
    QStringList placeholders;
    QVariantList values;
    for (const QUuid &id : conversationIds) {
        placeholders << QStringLiteral("?");
        values << model::uuidToWire(id);
    }
    store::SqlQuery query(m_database,
        QStringLiteral(
            "SELECT %1 FROM participants WHERE conversation_id IN (%2) ORDER BY joined_at, user_id")
            .arg(kColumns, placeholders.join(u',')));
    return readAll(query, values);
}

Result<QList<ParticipantRecord>, store::StoreError> ParticipantRepository::forUser(const QUuid &userId)
{
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT %1 FROM participants WHERE user_id = ? ORDER BY conversation_id")
            .arg(kColumns));
    return readAll(query, {model::uuidToWire(userId)});
}

Result<QList<QUuid>, store::StoreError> ParticipantRepository::memberIds(const QUuid &conversationId)
{
    store::SqlQuery query(
        m_database, QStringLiteral("SELECT user_id FROM participants WHERE conversation_id = ?"));
    if (auto ran = query.exec({model::uuidToWire(conversationId)}); !ran)
        return ran.error();
    QList<QUuid> members;
    while (query.next())
        members.append(QUuid::fromString(query.value(0).toString()));
    return members;
}

Status<store::StoreError> ParticipantRepository::addUnread(
    const QUuid &conversationId, const QUuid &recipientId, qint64 count)
{
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE participants SET unread_count = unread_count + ? "
                       "WHERE conversation_id = ? AND user_id = ?"));
    return query.exec({count, model::uuidToWire(conversationId), model::uuidToWire(recipientId)});
}

Status<store::StoreError> ParticipantRepository::decrementUnreadSince(
    const QUuid &conversationId, const QUuid &senderId, qint64 createdAtMs)
{
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE participants SET unread_count = unread_count - 1 "
                       "WHERE conversation_id = ? AND user_id <> ? AND unread_count > 0 "
                       "AND (last_read_at IS NULL OR last_read_at < ?)"));
    return query.exec({model::uuidToWire(conversationId), model::uuidToWire(senderId), createdAtMs});
}

Status<store::StoreError> ParticipantRepository::updateReadState(
    const QUuid &conversationId, const QUuid &userId, qint64 lastReadAtMs, qint64 unreadCount)
{
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE participants SET last_read_at = ?, unread_count = ? "
                       "WHERE conversation_id = ? AND user_id = ?"));
    return query.exec(
        {lastReadAtMs, unreadCount, model::uuidToWire(conversationId), model::uuidToWire(userId)});
}

} // namespace vw::server::messaging
