#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QByteArray>
#include <QList>
#include <QUuid>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// The search_tokens table: blind-index tokens (BlindIndex) of each message's words.
class SearchTokenRepository
{
public:
    explicit SearchTokenRepository(store::Database &database) : m_database(database) { }

    Status<store::StoreError> insert(
        const QUuid &conversationId, const QUuid &messageId, const QList<QByteArray> &tokens);
    Status<store::StoreError> removeForMessage(const QUuid &messageId);
    Result<qint64, store::StoreError> countForMessage(const QUuid &messageId);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
