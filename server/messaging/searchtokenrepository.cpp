#include "server/messaging/searchtokenrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

namespace vw::server::messaging {

Status<store::StoreError> SearchTokenRepository::insert(
    const QUuid &conversationId, const QUuid &messageId, const QList<QByteArray> &tokens)
{
    store::SqlQuery query(m_database,
        QStringLiteral("INSERT INTO search_tokens (conversation_id, token, message_id) VALUES (?, ?, ?)"));
    const QString conversation = model::uuidToWire(conversationId);
    const QString message = model::uuidToWire(messageId);
    for (const QByteArray &token : tokens) {
        if (auto ran = query.exec({conversation, token, message}); !ran)
            return ran;
    }
    return {};
}

Status<store::StoreError> SearchTokenRepository::removeForMessage(const QUuid &messageId)
{
    store::SqlQuery query(m_database, QStringLiteral("DELETE FROM search_tokens WHERE message_id = ?"));
    return query.exec({model::uuidToWire(messageId)});
}

Result<qint64, store::StoreError> SearchTokenRepository::countForMessage(const QUuid &messageId)
{
    store::SqlQuery query(
        m_database, QStringLiteral("SELECT COUNT(*) FROM search_tokens WHERE message_id = ?"));
    if (auto ran = query.exec({model::uuidToWire(messageId)}); !ran)
        return ran.error();
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace vw::server::messaging
