#include "server/audit/auditrepository.h"

#include "server/store/sqlquery.h"

#include <QJsonDocument>

namespace vw::server::audit {

namespace {

const QString kColumns = QStringLiteral("seq, id, at, actor_id, action, target_type, target_id, outcome, ip, "
                                        "user_agent, details, prev_hash, hash");

AuditEntry readEntry(store::SqlQuery &query)
{
    AuditEntry entry;
    entry.seq = query.value(0).toLongLong();
    entry.id = query.value(1).toString();
    entry.at = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC);
    entry.actorId = query.value(3).toString();
    entry.action = query.value(4).toString();
    entry.targetType = query.value(5).toString();
    entry.targetId = query.value(6).toString();
    entry.outcome = query.value(7).toString();
    entry.ip = query.value(8).toString();
    entry.userAgent = query.value(9).toString();
    entry.details = QJsonDocument::fromJson(query.value(10).toString().toUtf8()).object();
    entry.prevHash = query.value(11).toString();
    entry.hash = query.value(12).toString();
    return entry;
}

Result<QList<AuditEntry>, store::StoreError> readAll(store::SqlQuery &query)
{
    QList<AuditEntry> entries;
    while (query.next())
        entries.append(readEntry(query));
    return entries;
}

} // namespace

Result<std::optional<QPair<qint64, QString>>, store::StoreError> AuditRepository::tail()
{
    store::SqlQuery query(
        m_database, QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (auto ran = query.exec(); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<QPair<qint64, QString>>();
    return std::optional<QPair<qint64, QString>>({query.value(0).toLongLong(), query.value(1).toString()});
}

Status<store::StoreError> AuditRepository::append(const AuditEntry &entry, const QByteArray &detailsText)
{
    static const QString sql
        = QStringLiteral("INSERT INTO audit_log (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
              .arg(kColumns);
    store::SqlQuery query(m_database, sql);
    return query.exec({entry.seq, entry.id, entry.at.toMSecsSinceEpoch(), store::nullableText(entry.actorId),
        entry.action, store::nullableText(entry.targetType), store::nullableText(entry.targetId),
        entry.outcome, store::nullableText(entry.ip), store::nullableText(entry.userAgent),
        QString::fromUtf8(detailsText), entry.prevHash, entry.hash});
}

Result<QList<AuditEntry>, store::StoreError> AuditRepository::find(const AuditQuery &filter)
{
    QString sql = QStringLiteral("SELECT %1 FROM audit_log WHERE 1 = 1").arg(kColumns);
    QVariantList values;
    if (filter.from) {
        sql += QStringLiteral(" AND at >= ?");
        values << filter.from->toMSecsSinceEpoch();
    }
    if (filter.to) {
        sql += QStringLiteral(" AND at <= ?");
        values << filter.to->toMSecsSinceEpoch();
    }
    if (!filter.actorId.isEmpty()) {
        sql += QStringLiteral(" AND actor_id = ?");
        values << filter.actorId;
    }
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        values << filter.action;
    }
    if (filter.beforeSeq > 0) {
        sql += QStringLiteral(" AND seq < ?");
        values << filter.beforeSeq;
    }
    sql += QStringLiteral(" ORDER BY seq DESC LIMIT ?");
    values << filter.limit;
    store::SqlQuery query(m_database, sql);
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    return readAll(query);
}

Result<QList<AuditEntry>, store::StoreError> AuditRepository::pageAfter(qint64 afterSeq, int limit)
{
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT %1 FROM audit_log WHERE seq > ? ORDER BY seq ASC LIMIT ?").arg(kColumns));
    if (auto ran = query.exec({afterSeq, limit}); !ran)
        return ran.error();
    return readAll(query);
}

} // namespace vw::server::audit
