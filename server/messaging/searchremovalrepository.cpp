#include "server/messaging/searchremovalrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

namespace vw::server::messaging {

Status<store::StoreError> SearchRemovalRepository::queue(const QUuid &messageId, const QString &terms)
{
    store::SqlQuery row(m_database,
        QStringLiteral("INSERT INTO search_removals (message_rowid, tokens) SELECT rowid, ? FROM messages "
                       "WHERE id = ?"));
    return row.exec({terms, model::uuidToWire(messageId)});
}

Result<qint64, store::StoreError> SearchRemovalRepository::highestEverQueued()
{
    // AUTOINCREMENT ({SERIAL_KEY}) keeps the high-water mark in sqlite_sequence.
    store::SqlQuery row(m_database,
        QStringLiteral(
            "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'search_removals'), 0)"));
    if (auto ran = row.exec(); !ran)
        return ran.error();
    return row.next() ? row.value(0).toLongLong() : 0;
}

Result<bool, store::StoreError> SearchRemovalRepository::anyAfter(qint64 seq)
{
    store::SqlQuery row(m_database, QStringLiteral("SELECT 1 FROM search_removals WHERE seq > ? LIMIT 1"));
    if (auto ran = row.exec({seq}); !ran)
        return ran.error();
    return row.next();
}

Result<QList<SearchRemovalRepository::Removal>, store::StoreError> SearchRemovalRepository::after(qint64 seq)
{
    store::SqlQuery rows(m_database,
        QStringLiteral("SELECT seq, message_rowid, tokens FROM search_removals WHERE seq > ? ORDER BY seq"));
    if (auto ran = rows.exec({seq}); !ran)
        return ran.error();
    QList<Removal> removals;
    while (rows.next())
        removals.append(
            Removal {rows.value(0).toLongLong(), rows.value(1).toLongLong(), rows.value(2).toString()});
    return removals;
}

Status<store::StoreError> SearchRemovalRepository::forgetThrough(qint64 seq)
{
    store::SqlQuery rows(m_database, QStringLiteral("DELETE FROM search_removals WHERE seq <= ?"));
    return rows.exec({seq});
}

} // namespace vw::server::messaging
