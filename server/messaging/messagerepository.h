#pragma once

#include "common/core/result.h"
#include "server/messaging/messagerecord.h"
#include "server/store/storeerror.h"

#include <QList>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// The messages table. Pages are ordered by (created_at, id) so equal times still page
// deterministically.
class MessageRepository
{
public:
    explicit MessageRepository(store::Database &database) : m_database(database) { }

    // Kind::Conflict when (sender, clientMessageId) already exists. The row's rowid (handed out
    // in commit order) is its key in the search index (SearchIndexer).
    Status<store::StoreError> insert(const MessageRecord &message);
    Result<std::optional<MessageRecord>, store::StoreError> findById(const QUuid &id);
    Result<std::optional<MessageRecord>, store::StoreError> findByClientId(
        const QUuid &senderId, const QString &clientMessageId);
    // Newest first: the `limit` messages just before `before` (or the newest ones).
    Result<QList<MessageRecord>, store::StoreError> pageBefore(
        const QUuid &conversationId, int limit, const std::optional<MessagePosition> &before);
    // Newest first: the `limit` messages just after `after` (the oldest of the newer ones).
    Result<QList<MessageRecord>, store::StoreError> pageAfter(
        const QUuid &conversationId, int limit, const MessagePosition &after);
    // Whether the conversation has a message strictly before / after the position.
    Result<bool, store::StoreError> existsBefore(
        const QUuid &conversationId, const MessagePosition &position);
    Result<bool, store::StoreError> existsAfter(const QUuid &conversationId, const MessagePosition &position);
    // The id of the conversation's newest message, if any.
    Result<std::optional<QUuid>, store::StoreError> newestId(const QUuid &conversationId);
    // Messages from others up to and including `upTo` become read (and delivered) at `atMs`.
    // Only those created at `sinceMs` or later are looked at: the caller knows everything
    // earlier from others is read already (see MessageService::persistRead).
    Status<store::StoreError> markReadUpTo(const QUuid &conversationId, const QUuid &readerId, qint64 sinceMs,
        const MessagePosition &upTo, qint64 atMs);
    // A message from someone else to `recipientId` reached one of their devices.
    Result<bool, store::StoreError> markDelivered(
        const QUuid &messageId, const QUuid &recipientId, qint64 atMs);
    // Messages from others after `position` that are not deleted: the reader's unread count.
    Result<qint64, store::StoreError> countFromOthersAfter(
        const QUuid &conversationId, const QUuid &readerId, const MessagePosition &position);
    // Keeps the row, drops the sealed content and metadata, sets deleted_at.
    Status<store::StoreError> softDelete(const QUuid &id, qint64 atMs);
    // Non-deleted messages of the conversation whose search tokens include all of `tokens`,
    // newest first, at most `limit`. Needs the search index attached (SearchIndexFile).
    Result<QList<MessageRecord>, store::StoreError> findByAllTokens(
        const QUuid &conversationId, const QList<QByteArray> &tokens, int limit);

private:
    Result<QList<MessageRecord>, store::StoreError> fetch(const QString &sql, const QVariantList &values);

    store::Database &m_database;
};

} // namespace vw::server::messaging
