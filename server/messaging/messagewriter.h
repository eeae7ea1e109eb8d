#pragma once

#include "common/core/clock.h"
#include "common/core/result.h"
#include "common/crypto/secretbytes.h"
#include "common/model/message.h"
#include "server/audit/auditlog.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/messagerecord.h"
#include "server/store/storeerror.h"

namespace vw::server::store {
class Database;
}

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

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
    // model::toJsonText(message) when the writer already built it for the fan-out; wireText()
    // builds it otherwise (a repeated clientMessageId answered from the store).
    QByteArray jsonText;

    // The object for a REST answer, built on demand (the realtime path only needs the text).
    QJsonObject wire() const { return model::toJson(message); }
    QByteArray wireText() const { return jsonText.isEmpty() ? model::toJsonText(message) : jsonText; }
};

using SendCallback = std::function<void(Result<SendOutcome, ServiceError>)>;

// A message checked and sealed, ready for its transaction; what the writer thread needs
// travels in it by value (it runs on another thread than the one that prepared it).
struct PreparedMessage
{
    MessageRecord record;
    audit::AuditRecord audit; // the message.send entry, its details already serialised
    QByteArray previewEnc;
    qsizetype contentLength = 0;
    QList<QUuid> attachmentIds;
    ClientInfo client;
    model::Message answer; // what the sender and the fan-out get once it is stored
    QList<QUuid> participantIds; // filled in by the transaction
};

// Stores one message with everything that goes with it in ONE transaction: the sealed
// row, the other participants' unread counts, the conversation's last_message_at and sealed
// preview, and the message.send audit entry (ids and length only). Metrics and
// MessagingEvents::messageCreated follow the commit; the search index follows on its own
// thread (SearchIndexer).
//
// write() commits on the caller's connection and returns; writeQueued() does the checks and
// the crypto on the caller's thread, hands the transaction to the group-commit writer and
// answers `done` once it is on disk (the network thread never waits on the disk).
class MessageWriter
{
public:
    static constexpr qsizetype kPreviewLength = 100;

    MessageWriter(const ServerContext &context, ConversationKeyring &keyring, MessagingEvents &events);

    Result<SendOutcome, ServiceError> write(const NewMessage &message, const ClientInfo &client);
    // `done` may run before this returns (refusals, repeats, no committer) or later.
    void writeQueued(const NewMessage &message, const ClientInfo &client, SendCallback done);

    // The transaction's statements, on `database` (inside a transaction the caller owns).
    static Status<store::StoreError> persist(
        store::Database &database, const Clock &clock, PreparedMessage &message);

private:
    // Either the stored original of a repeated clientMessageId, or the message to store.
    using Prepared = std::variant<SendOutcome, std::shared_ptr<PreparedMessage>>;

    Result<Prepared, ServiceError> prepare(const NewMessage &message, const ClientInfo &client);
    // After the transaction: the outcome, metrics and the messageCreated event.
    Result<SendOutcome, ServiceError> finish(
        const NewMessage &message, const PreparedMessage &prepared, const Status<store::StoreError> &stored);
    Result<std::optional<SendOutcome>, ServiceError> existing(const NewMessage &message);
    Status<ServiceError> checkReplyTarget(const NewMessage &message);
    // The claimable uploads named by the message, as they will appear in it; 400 for any id
    // that is not an unclaimed upload of the sender in this conversation.
    Result<QList<model::Attachment>, ServiceError> claimableAttachments(
        const NewMessage &message, const crypto::SecretBytes &attachmentKey);

    const ServerContext &m_context;
    ConversationKeyring &m_keyring;
    MessagingEvents &m_events;
};

// The first `length` UTF-16 units of `content`, never ending inside a surrogate pair.
QString previewOf(const QString &content, qsizetype length);

} // namespace vw::server::messaging
