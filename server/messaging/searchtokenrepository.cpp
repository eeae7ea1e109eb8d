#include "server/messaging/searchtokenrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

namespace vw::server::messaging {

QString SearchTokenRepository::matchExpression(const QList<QByteArray> &tokens)
{
    // Hex needs no quoting and the 'ascii' tokenizer keeps it whole; terms side by side are ANDed.
    QStringList terms;
    terms.reserve(tokens.size());
    for (const QByteArray &token : tokens)
        terms.append(QString::fromLatin1(token.toHex()));
    return terms.join(QLatin1Char(' '));
}

Status<store::StoreError> SearchTokenRepository::insert(
    const QUuid &conversationId, const QUuid &messageId, const QList<QByteArray> &tokens)
{
    Q_UNUSED(conversationId) // the tokens are keyed per conversation already (BlindIndex)
    if (tokens.isEmpty())
        return {};
    const QString message = model::uuidToWire(messageId);
    store::SqlQuery row(
        m_database, QStringLiteral("INSERT INTO message_search (tokens, message_id) VALUES (?, ?)"));
    if (auto inserted = row.exec({matchExpression(tokens), message}); !inserted)
        return inserted;
    store::SqlQuery link(m_database, QStringLiteral("UPDATE messages SET search_rowid = ? WHERE id = ?"));
    return link.exec({row.raw().lastInsertId(), message});
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
