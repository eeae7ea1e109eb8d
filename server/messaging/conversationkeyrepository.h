#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// One row of conversation_keys: the conversation's data key as crypto::WrappedKey text.
struct StoredConversationKey
{
    QUuid conversationId;
    QString wrappedKey;
};

// The conversation_keys table.
class ConversationKeyRepository
{
public:
    explicit ConversationKeyRepository(store::Database &database) : m_database(database) { }

    // Kind::Conflict when the conversation already has a key.
    Status<store::StoreError> insert(
        const QUuid &conversationId, const QString &wrappedKey, qint64 createdAtMs);
    Result<std::optional<QString>, store::StoreError> find(const QUuid &conversationId);
    Result<QList<StoredConversationKey>, store::StoreError> all();
    Status<store::StoreError> update(const QUuid &conversationId, const QString &wrappedKey);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
