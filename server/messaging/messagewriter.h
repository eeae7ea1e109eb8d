#pragma once

#include "common/core/result.h"
#include "common/crypto/secretbytes.h"
#include "common/model/message.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/messagerecord.h"
#include "server/store/storeerror.h"

#include <QJsonObject>
#include <QList>
#include <QUuid>

#include <optional>

namespace vw::server::messaging {

class ConversationKeyring;
class MessagingEvents;

// A message about to be stored; the sender's right to post was already checked.
struct NewMessage
{
    QUuid conversationId;
    QUuid senderId;
    model::MessageType type = model::MessageType::Text;
    QString content;
    model::MessagePriority priority = model::MessagePriority::Normal;
    std::optional<QUuid> replyToId;
    QString clientMessageId; // empty: none
    QJsonObject metadata;
    // Uploads of the sender in this conversation that the message claims; the type becomes
    // image (all images) or file.
    QList<QUuid> attachmentIds;
};

// The stored message; `created` is false when a repeated clientMessageId returned the original.
struct SendOutcome
{
    model::Message message;
    bool created = true;
};

// Stores one message with everything that goes with it in ONE transaction: the sealed
// row, its search tokens, the other participants' unread counts, the conversation's
// last_message_at and sealed preview, and the message.send audit entry (ids and length
// only). Metrics and MessagingEvents::messageCreated follow the commit.
class MessageWriter
{
public:
    static constexpr qsizetype kPreviewLength = 100;

    MessageWriter(const ServerContext &context, ConversationKeyring &keyring, MessagingEvents &events);

    Result<SendOutcome, ServiceError> write(const NewMessage &message, const ClientInfo &client);

private:
    Result<std::optional<SendOutcome>, ServiceError> existing(const NewMessage &message);
    Status<ServiceError> checkReplyTarget(const NewMessage &message);
    // The claimable uploads named by the message, as they will appear in it; 400 for any id
    // that is not an unclaimed upload of the sender in this conversation.
    Result<QList<model::Attachment>, ServiceError> claimableAttachments(
        const NewMessage &message, const crypto::SecretBytes &attachmentKey);
    // The transaction; Kind::Conflict when the clientMessageId or an attachment was taken meanwhile.
    Status<store::StoreError> persist(const MessageRecord &record, const QList<QByteArray> &tokens,
        const QByteArray &previewEnc, qsizetype contentLength, const QList<QUuid> &attachmentIds,
        const ClientInfo &client, QList<QUuid> &participantIds);

    const ServerContext &m_context;
    ConversationKeyring &m_keyring;
    MessagingEvents &m_events;
};

// The first `length` UTF-16 units of `content`, never ending inside a surrogate pair.
QString previewOf(const QString &content, qsizetype length);

} // namespace vw::server::messaging
