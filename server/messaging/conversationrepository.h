#pragma once

#include "common/core/result.h"
#include "server/messaging/conversationrecord.h"
#include "server/store/storeerror.h"

#include <QList>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// Where a page of the conversation list starts: after this (activity, id) position.
struct ConversationPosition
{
    qint64 activityMs = 0;
    QUuid id;
};

// The conversations table.
class ConversationRepository
{
public:
    explicit ConversationRepository(store::Database &database) : m_database(database) { }

    // Kind::Conflict when the pair already has a conversation.
    Status<store::StoreError> insert(const ConversationRecord &conversation);
    Result<std::optional<ConversationRecord>, store::StoreError> findById(const QUuid &id);
    Result<std::optional<ConversationRecord>, store::StoreError> findByPairKey(const QString &pairKey);
    // The conversations `userId` takes part in, newest activity first (ties by id), strictly
    // after `after` when given, at most `limit`.
    Result<QList<ConversationRecord>, store::StoreError> listForUser(
        const QUuid &userId, int limit, const std::optional<ConversationPosition> &after);
    Status<store::StoreError> updateLastMessage(const QUuid &id, qint64 atMs, const QByteArray &previewEnc);
    Status<store::StoreError> updateTitle(const QUuid &id, const QByteArray &titleEnc);
    Status<store::StoreError> updatePreview(const QUuid &id, const QByteArray &previewEnc);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
