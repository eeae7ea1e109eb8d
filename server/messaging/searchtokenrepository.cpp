#include "server/messaging/searchtokenrepository.h"

#include "server/store/sqlquery.h"

namespace vw::server::messaging {

QString SearchTokenRepository::matchExpression(const QList<QByteArray> &tokens)
{
    // Hex needs no quoting and the 'ascii' tokenizer keeps it whole; terms side by side are ANDed.
    QByteArray terms;
    terms.reserve(tokens.size() * (tokens.isEmpty() ? 0 : tokens.first().size() * 2 + 1));
    for (const QByteArray &token : tokens) {
        if (!terms.isEmpty())
            terms.append(' ');
        terms.append(token.toHex());
    }
    return QString::fromLatin1(terms);
}

Status<store::StoreError> SearchTokenRepository::add(qint64 messageRowid, const QString &terms)
{
    store::SqlQuery row(
        m_database, QStringLiteral("INSERT INTO search_index.message_search (rowid, tokens) VALUES (?, ?)"));
    return row.exec({messageRowid, terms});
}

Status<store::StoreError> SearchTokenRepository::remove(qint64 messageRowid, const QString &terms)
{
    // FTS5's 'delete' command for contentless tables: the row's original text is required.
    store::SqlQuery row(m_database,
        QStringLiteral("INSERT INTO search_index.message_search (message_search, rowid, tokens) "
                       "VALUES ('delete', ?, ?)"));
    return row.exec({messageRowid, terms});
}

Status<store::StoreError> SearchTokenRepository::clear()
{
    store::SqlQuery all(m_database,
        QStringLiteral("INSERT INTO search_index.message_search (message_search) VALUES ('delete-all')"));
    if (auto cleared = all.exec(); !cleared)
        return cleared;
    return saveProgress(Progress {});
}

Result<SearchTokenRepository::Progress, store::StoreError> SearchTokenRepository::progress()
{
    store::SqlQuery row(m_database,
        QStringLiteral("SELECT indexed_through, indexed_message_id, removals_through "
                       "FROM search_index.search_progress WHERE id = 1"));
    if (auto ran = row.exec(); !ran)
        return ran.error();
    if (!row.next())
        return store::StoreError {
            store::StoreError::Kind::Corrupt, QStringLiteral("search_progress has no row")};
    return Progress {row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toLongLong()};
}

Status<store::StoreError> SearchTokenRepository::saveProgress(const Progress &progress)
{
    store::SqlQuery row(m_database,
        QStringLiteral("UPDATE search_index.search_progress "
                       "SET indexed_through = ?, indexed_message_id = ?, removals_through = ? WHERE id = 1"));
    return row.exec(
        {progress.indexedThrough, store::nullableText(progress.indexedMessageId), progress.removalsThrough});
}

} // namespace vw::server::messaging
