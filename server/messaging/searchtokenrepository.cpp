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

Result<std::optional<qint64>, store::StoreError> SearchTokenRepository::insert(
    const QUuid &conversationId, const QUuid &messageId, const QList<QByteArray> &tokens)
{
    Q_UNUSED(conversationId) // the tokens are keyed per conversation already (BlindIndex)
    if (tokens.isEmpty())
        return std::optional<qint64>();
    store::SqlQuery row(
        m_database, QStringLiteral("INSERT INTO message_search (tokens, message_id) VALUES (?, ?)"));
    if (auto inserted = row.exec({matchExpression(tokens), model::uuidToWire(messageId)}); !inserted)
        return inserted.error();
    return std::optional<qint64>(row.raw().lastInsertId().toLongLong());
}

Status<store::StoreError> SearchTokenRepository::removeForMessage(const QUuid &messageId)
{
    store::SqlQuery query(m_database,
        QStringLiteral(
            "DELETE FROM message_search WHERE rowid = (SELECT search_rowid FROM messages WHERE id = ?)"));
    if (auto removed = query.exec({model::uuidToWire(messageId)}); !removed)
        return removed;
    store::SqlQuery unlink(
        m_database, QStringLiteral("UPDATE messages SET search_rowid = NULL WHERE id = ?"));
    return unlink.exec({model::uuidToWire(messageId)});
}

Result<qint64, store::StoreError> SearchTokenRepository::countForMessage(const QUuid &messageId)
{
    // Rows, not words: 1 while the message is indexed, 0 once it is not.
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT COUNT(*) FROM message_search WHERE rowid = "
                       "(SELECT search_rowid FROM messages WHERE id = ?)"));
    if (auto ran = query.exec({model::uuidToWire(messageId)}); !ran)
        return ran.error();
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace vw::server::messaging
