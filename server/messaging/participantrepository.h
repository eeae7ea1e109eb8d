#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QList>
#include <QUuid>

#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// A row of the participants table: one member of one conversation and what they have read.
struct ParticipantRecord
{
    QUuid conversationId;
    QUuid userId;
    qint64 joinedAtMs = 0;
    qint64 lastReadAtMs = 0; // 0: nothing read yet
    qint64 unreadCount = 0;
};

// The participants table: membership, unread counts and read positions.
class ParticipantRepository
{
public:
    explicit ParticipantRepository(store::Database &database) : m_database(database) { }

    Status<store::StoreError> insert(const QUuid &conversationId, const QUuid &userId, qint64 joinedAtMs);
    Result<std::optional<ParticipantRecord>, store::StoreError> find(
        const QUuid &conversationId, const QUuid &userId);
    // Members of each conversation, ordered by join time then user id.
    Result<QList<ParticipantRecord>, store::StoreError> forConversations(const QList<QUuid> &conversationIds);
    // Every conversation `userId` takes part in, with their unread count.
    Result<QList<ParticipantRecord>, store::StoreError> forUser(const QUuid &userId);
    // Who takes part in one conversation, by user id (the send path needs nothing more).
    Result<QList<QUuid>, store::StoreError> memberIds(const QUuid &conversationId);
    // `count` more unread messages for `recipientId`. One row by its key on purpose: a
    // statement that may change several rows opens a statement journal, and with it a flush
    // of the search index's pending rows (see store::GroupCommitter).
    Status<store::StoreError> addUnread(const QUuid &conversationId, const QUuid &recipientId, qint64 count);
    // A message at `createdAtMs` was deleted: one fewer unread for those who had not read it.
    Status<store::StoreError> decrementUnreadSince(
        const QUuid &conversationId, const QUuid &senderId, qint64 createdAtMs);
    Status<store::StoreError> updateReadState(
        const QUuid &conversationId, const QUuid &userId, qint64 lastReadAtMs, qint64 unreadCount);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
