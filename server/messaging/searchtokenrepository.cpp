#include "server/messaging/searchtokenrepository.h"

#include "common/model/wire.h"
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

Result<std::optional<qint64>, store::StoreError> SearchTokenRepository::insert(const QString &terms)
{
    if (terms.isEmpty())
        return std::optional<qint64>();
    store::SqlQuery row(m_database, QStringLiteral("INSERT INTO message_search (tokens) VALUES (?)"));
    if (auto inserted = row.exec({terms}); !inserted)
        return inserted.error();
    return std::optional<qint64>(row.lastInsertId());
}

Status<store::StoreError> SearchTokenRepository::removeForMessage(
    const QUuid &messageId, const std::optional<QList<QByteArray>> &tokens)
{
    const QString message = model::uuidToWire(messageId);
    if (tokens && !tokens->isEmpty()) {
        // FTS5's 'delete' command for contentless tables: the row's original text is required.
        store::SqlQuery remove(m_database,
            QStringLiteral("INSERT INTO message_search (message_search, rowid, tokens) "
                           "SELECT 'delete', search_rowid, ? FROM messages "
                           "WHERE id = ? AND search_rowid IS NOT NULL"));
        if (auto removed = remove.exec({matchExpression(*tokens), message}); !removed)
            return removed;
    }
    store::SqlQuery unlink(
        m_database, QStringLiteral("UPDATE messages SET search_rowid = NULL WHERE id = ?"));
    return unlink.exec({message});
}

} // namespace vw::server::messaging
