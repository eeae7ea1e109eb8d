#pragma once

#include "common/core/result.h"
#include "server/store/batchscope.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QUuid>

#include <map>
#include <utility>

namespace vw::server::messaging {

// What new messages change in their conversations, gathered over one group-commit batch:
// each recipient's unread counter goes up once by the number of messages, and the
// conversation's preview is written once, with its newest message. At peak a batch holds
// hundreds of messages of a few conversations; writing these per message was two UPDATEs
// each. Also remembers who takes part in each conversation for the rest of the batch.
//
// Used outside a batch too (one message, flushed at once), so the send path is the same.
class ConversationActivity : public store::BatchState
{
public:
    Result<QList<QUuid>, store::StoreError> memberIds(store::Database &database, const QUuid &conversationId);
    // A message from `senderId` at `atMs` is stored; everyone else in `members` has one more
    // unread message, and `previewEnc` is the preview unless a newer message is gathered.
    void messageStored(const QUuid &conversationId, const QUuid &senderId, const QList<QUuid> &members,
        qint64 atMs, const QByteArray &previewEnc);

    Status<store::StoreError> flush(store::Database &database) override;

private:
    struct Preview
    {
        qint64 atMs = 0;
        QByteArray previewEnc;
    };

    QHash<QUuid, QList<QUuid>> m_members;
    // Ordered, so every batch updates rows in the same order.
    std::map<std::pair<QUuid, QUuid>, qint64> m_unreadAdded; // (conversation, recipient)
    std::map<QUuid, Preview> m_previews;
};

} // namespace vw::server::messaging
