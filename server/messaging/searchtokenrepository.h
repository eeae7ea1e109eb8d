#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QByteArray>
#include <QList>
#include <QUuid>

#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// The message_search FTS5 table: the blind-index tokens (BlindIndex) of each message's words,
// one row per message, linked from messages.search_rowid.
class SearchTokenRepository
{
public:
    // An FTS5 query matching messages that hold every one of `tokens`.
    static QString matchExpression(const QList<QByteArray> &tokens);

    explicit SearchTokenRepository(store::Database &database) : m_database(database) { }

    // Adds the message's row before the message itself is stored, so the message row is
    // written once, with its link: the row's rowid (for messages.search_rowid), none when the
    // text has no words.
    Result<std::optional<qint64>, store::StoreError> insert(
        const QUuid &conversationId, const QUuid &messageId, const QList<QByteArray> &tokens);
    Status<store::StoreError> removeForMessage(const QUuid &messageId);
    Result<qint64, store::StoreError> countForMessage(const QUuid &messageId);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
