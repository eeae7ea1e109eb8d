#include "server/messaging/attachmentrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

#include <QStringList>

namespace vw::server::messaging {

namespace {

const QString kColumns
    = QStringLiteral("id, conversation_id, uploader_id, message_id, meta_enc, mime_type, size, "
                     "scan_status, blob_name, thumbnail_blob, created_at, deleted_at");

AttachmentRecord readAttachment(store::SqlQuery &query)
{
    AttachmentRecord a;
    a.id = QUuid::fromString(query.value(0).toString());
    a.conversationId = QUuid::fromString(query.value(1).toString());
    a.uploaderId = QUuid::fromString(query.value(2).toString());
    if (!query.value(3).isNull())
        a.messageId = QUuid::fromString(query.value(3).toString());
    a.metaEnc = query.value(4).toByteArray();
    a.mimeType = query.value(5).toString();
    a.size = query.value(6).toLongLong();
    a.scanStatus
        = model::fromWire<model::ScanStatus>(query.value(7).toString()).value_or(model::ScanStatus::Skipped);
    a.blobName = query.value(8).toString();
    a.thumbnailBlob = query.value(9).toString();
    a.createdAtMs = query.value(10).toLongLong();
    a.deletedAtMs = query.value(11).isNull() ? 0 : query.value(11).toLongLong();
    return a;
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(u',');
}

} // namespace

Status<store::StoreError> AttachmentRepository::insert(const AttachmentRecord &a)
{
    store::SqlQuery query(m_database,
        QStringLiteral("INSERT INTO attachments (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(kColumns));
    return query.exec({model::uuidToWire(a.id), model::uuidToWire(a.conversationId),
        model::uuidToWire(a.uploaderId),
        a.messageId ? QVariant(model::uuidToWire(*a.messageId)) : QVariant(QMetaType::fromType<QString>()),
        a.metaEnc, a.mimeType, a.size, model::toWire(a.scanStatus), a.blobName,
        store::nullableText(a.thumbnailBlob), a.createdAtMs, store::nullableMs(a.deletedAtMs)});
}

Result<std::optional<AttachmentRecord>, store::StoreError> AttachmentRepository::findById(const QUuid &id)
{
    store::SqlQuery query(
        m_database, QStringLiteral("SELECT %1 FROM attachments WHERE id = ?").arg(kColumns));
    if (auto ran = query.exec({model::uuidToWire(id)}); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<AttachmentRecord>();
    return std::optional<AttachmentRecord>(readAttachment(query));
}

Result<QHash<QUuid, QList<AttachmentRecord>>, store::StoreError> AttachmentRepository::forMessages(
    const QList<QUuid> &messageIds)
{
    QHash<QUuid, QList<AttachmentRecord>> byMessage;
    if (messageIds.isEmpty())
        return byMessage;
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT %1 FROM attachments WHERE message_id IN (%2) AND deleted_at IS NULL "
                       "ORDER BY created_at, id")
            .arg(kColumns, placeholders(messageIds.size())));
    QVariantList values;
    values.reserve(messageIds.size());
    for (const QUuid &id : messageIds)
        values.append(model::uuidToWire(id));
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    while (query.next()) {
        AttachmentRecord record = readAttachment(query);
        byMessage[*record.messageId].append(std::move(record));
    }
    return byMessage;
}

Result<int, store::StoreError> AttachmentRepository::claim(
    const QList<QUuid> &ids, const QUuid &messageId, const QUuid &conversationId, const QUuid &uploaderId)
{
    if (ids.isEmpty())
        return 0;
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE attachments SET message_id = ? WHERE id IN (%1) AND conversation_id = ? "
                       "AND uploader_id = ? AND message_id IS NULL AND deleted_at IS NULL")
            .arg(placeholders(ids.size())));
    QVariantList values {model::uuidToWire(messageId)};
    for (const QUuid &id : ids)
        values.append(model::uuidToWire(id));
    values << model::uuidToWire(conversationId) << model::uuidToWire(uploaderId);
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    return query.numRowsAffected();
}

Status<store::StoreError> AttachmentRepository::hideForMessage(const QUuid &messageId, qint64 atMs)
{
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE attachments SET deleted_at = ? WHERE message_id = ? AND deleted_at IS NULL"));
    return query.exec({atMs, model::uuidToWire(messageId)});
}

Result<QList<AttachmentRecord>, store::StoreError> AttachmentRepository::unclaimedBefore(
    qint64 beforeMs, int limit)
{
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT %1 FROM attachments WHERE message_id IS NULL AND created_at < ? "
                       "ORDER BY created_at LIMIT ?")
            .arg(kColumns));
    if (auto ran = query.exec({beforeMs, limit}); !ran)
        return ran.error();
    QList<AttachmentRecord> found;
    while (query.next())
        found.append(readAttachment(query));
    return found;
}

Status<store::StoreError> AttachmentRepository::remove(const QUuid &id)
{
    store::SqlQuery query(m_database, QStringLiteral("DELETE FROM attachments WHERE id = ?"));
    return query.exec({model::uuidToWire(id)});
}

} // namespace vw::server::messaging
