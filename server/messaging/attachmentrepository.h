#pragma once

#include "common/core/result.h"
#include "server/messaging/attachmentrecord.h"
#include "server/store/storeerror.h"

#include <QHash>
#include <QList>
#include <QUuid>

#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// The attachments table.
class AttachmentRepository
{
public:
    explicit AttachmentRepository(store::Database &database) : m_database(database) { }

    Status<store::StoreError> insert(const AttachmentRecord &attachment);
    Result<std::optional<AttachmentRecord>, store::StoreError> findById(const QUuid &id);
    // The visible attachments of each message, in upload order.
    Result<QHash<QUuid, QList<AttachmentRecord>>, store::StoreError> forMessages(
        const QList<QUuid> &messageIds);
    // Claims unclaimed uploads of `uploaderId` in `conversationId` for a message; the number
    // claimed (fewer than asked means some id was not claimable). Call inside the send's
    // transaction.
    Result<int, store::StoreError> claim(const QList<QUuid> &ids, const QUuid &messageId,
        const QUuid &conversationId, const QUuid &uploaderId);
    // Hides the attachments of a soft-deleted message.
    Status<store::StoreError> hideForMessage(const QUuid &messageId, qint64 atMs);
    // Uploads no message claimed, created before `beforeMs`.
    Result<QList<AttachmentRecord>, store::StoreError> unclaimedBefore(qint64 beforeMs, int limit);
    Status<store::StoreError> remove(const QUuid &id);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
