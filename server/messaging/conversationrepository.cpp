#include "server/messaging/conversationrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

#include <QJsonDocument>

namespace vw::server::messaging {

namespace {

const QString kColumns = QStringLiteral("id, patient_id, provider_id, pair_key, title_enc, preview_enc, "
                                        "last_message_at, created_by, created_at, metadata");

std::optional<QUuid> optionalUuid(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return QUuid::fromString(value.toString());
}

QVariant nullableUuid(const std::optional<QUuid> &id)
{
    return id ? QVariant(model::uuidToWire(*id)) : QVariant(QMetaType::fromType<QString>());
}

QVariant nullableBlob(const QByteArray &bytes)
{
    return bytes.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(bytes);
}

ConversationRecord readConversation(store::SqlQuery &query)
{
    ConversationRecord record;
    record.id = QUuid::fromString(query.value(0).toString());
    record.patientId = optionalUuid(query.value(1));
    record.providerId = optionalUuid(query.value(2));
    record.pairKey = query.value(3).toString();
    record.titleEnc = query.value(4).toByteArray();
    record.previewEnc = query.value(5).toByteArray();
    if (!query.value(6).isNull())
        record.lastMessageAt = QDateTime::fromMSecsSinceEpoch(query.value(6).toLongLong(), Qt::UTC);
    record.createdBy = QUuid::fromString(query.value(7).toString());
    record.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(8).toLongLong(), Qt::UTC);
    record.metadata = QJsonDocument::fromJson(query.value(9).toString().toUtf8()).object();
    return record;
}

Result<std::optional<ConversationRecord>, store::StoreError> readOne(store::SqlQuery &query)
{
    if (!query.next())
        return std::optional<ConversationRecord>();
    return std::optional<ConversationRecord>(readConversation(query));
}

} // namespace

QString pairKeyOf(const QUuid &patientId, const QUuid &providerId)
{
    return model::uuidToWire(patientId) + QLatin1Char(':') + model::uuidToWire(providerId);
}

Status<store::StoreError> ConversationRepository::insert(const ConversationRecord &c)
{
    store::SqlQuery query(m_database,
        QStringLiteral("INSERT INTO conversations (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(kColumns));
    return query.exec({model::uuidToWire(c.id), nullableUuid(c.patientId), nullableUuid(c.providerId),
        store::nullableText(c.pairKey), nullableBlob(c.titleEnc), nullableBlob(c.previewEnc),
        store::nullableMs(c.lastMessageAt ? c.lastMessageAt->toMSecsSinceEpoch() : 0),
        model::uuidToWire(c.createdBy), c.createdAt.toMSecsSinceEpoch(),
        QString::fromUtf8(QJsonDocument(c.metadata).toJson(QJsonDocument::Compact))});
}

Result<std::optional<ConversationRecord>, store::StoreError> ConversationRepository::findById(const QUuid &id)
{
    store::SqlQuery query(
        m_database, QStringLiteral("SELECT %1 FROM conversations WHERE id = ?").arg(kColumns));
    if (auto ran = query.exec({model::uuidToWire(id)}); !ran)
        return ran.error();
    return readOne(query);
}

Result<std::optional<ConversationRecord>, store::StoreError> ConversationRepository::findByPairKey(
    const QString &pairKey)
{
    store::SqlQuery query(
        m_database, QStringLiteral("SELECT %1 FROM conversations WHERE pair_key = ?").arg(kColumns));
    if (auto ran = query.exec({pairKey}); !ran)
        return ran.error();
    return readOne(query);
}

Result<QList<ConversationRecord>, store::StoreError> ConversationRepository::listForUser(
    const QUuid &userId, int limit, const std::optional<ConversationPosition> &after)
{
    const QString activity = QStringLiteral("COALESCE(last_message_at, created_at)");
    QString sql = QStringLiteral("SELECT %1 FROM conversations WHERE id IN "
                                 "(SELECT conversation_id FROM participants WHERE user_id = ?)")
                      .arg(kColumns);
    QVariantList values {model::uuidToWire(userId)};
    if (after) {
        sql += QStringLiteral(" AND (%1 < ? OR (%1 = ? AND id < ?))").arg(activity);
        values << after->activityMs << after->activityMs << model::uuidToWire(after->id);
    }
    sql += QStringLiteral(" ORDER BY %1 DESC, id DESC LIMIT ?").arg(activity);
    values << limit;
    store::SqlQuery query(m_database, sql);
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    QList<ConversationRecord> records;
    while (query.next())
        records.append(readConversation(query));
    return records;
}

Status<store::StoreError> ConversationRepository::updateLastMessage(
    const QUuid &id, qint64 atMs, const QByteArray &previewEnc)
{
    store::SqlQuery query(m_database,
        QStringLiteral("UPDATE conversations SET last_message_at = ?, preview_enc = ? WHERE id = ?"));
    return query.exec({atMs, nullableBlob(previewEnc), model::uuidToWire(id)});
}

Status<store::StoreError> ConversationRepository::updatePreview(const QUuid &id, const QByteArray &previewEnc)
{
    store::SqlQuery query(
        m_database, QStringLiteral("UPDATE conversations SET preview_enc = ? WHERE id = ?"));
    return query.exec({nullableBlob(previewEnc), model::uuidToWire(id)});
}

Status<store::StoreError> ConversationRepository::updateTitle(const QUuid &id, const QByteArray &titleEnc)
{
    store::SqlQuery query(m_database, QStringLiteral("UPDATE conversations SET title_enc = ? WHERE id = ?"));
    return query.exec({nullableBlob(titleEnc), model::uuidToWire(id)});
}

} // namespace vw::server::messaging
