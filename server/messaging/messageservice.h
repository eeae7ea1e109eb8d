#pragma once

#include "common/core/result.h"
#include "common/model/message.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/accesspolicy.h"
#include "server/messaging/messageassembler.h"
#include "server/messaging/messagewriter.h"

#include <QJsonObject>
#include <QList>
#include <QUuid>

#include <functional>
#include <optional>

namespace vw::server::messaging {

class ConversationKeyring;
class MessagingEvents;
class RateLimiter;

// One page of a conversation's history, newest first. nextCursor is the id of a message to
// pass on as `before` (when paging back, the oldest of this page) or as `after` (when paging
// forward with `after`, the newest of this page); null when there is nothing further.
struct MessagePage
{
    QList<model::Message> messages;
    std::optional<QUuid> nextCursor;
};

struct PageRequest
{
    int limit = 50;
    std::optional<QUuid> before;
    std::optional<QUuid> after;
};

// Messages in conversations the caller takes part in: send (validated, rate limited,
// idempotent per clientMessageId), history pages both ways, mark read (the message and
// everything earlier from others), delivery receipts and soft delete (sender only).
class MessageService
{
public:
    static constexpr int kDefaultPageSize = 50;
    static constexpr int kMaxPageSize = 100;
    // How far before a reader's last read point a mark-read still looks (see persistRead).
    static constexpr qint64 kReadClockSlackMs = 60 * 1000;

    MessageService(const ServerContext &context, ConversationKeyring &keyring, MessagingEvents &events,
        RateLimiter &rateLimiter);

    // `body` is the JSON of API.md's send (REST and realtime alike). send() stores on this
    // thread's connection; sendQueued() goes through the group-commit writer and calls `done`
    // once the message is on disk (or at once when refused).
    Result<SendOutcome, ServiceError> send(const Principal &caller, const ClientInfo &client,
        const QUuid &conversationId, const QJsonObject &body);
    void sendQueued(const Principal &caller, const ClientInfo &client, const QUuid &conversationId,
        const QJsonObject &body, SendCallback done);
    Result<MessagePage, ServiceError> list(const Principal &caller, const ClientInfo &client,
        const QUuid &conversationId, const PageRequest &request);
    Result<model::Message, ServiceError> markRead(
        const Principal &caller, const ClientInfo &client, const QUuid &messageId);
    // The same through the group-commit writer: `done` follows once the read state is on disk.
    void markReadQueued(const Principal &caller, const ClientInfo &client, const QUuid &messageId,
        std::function<void(Result<model::Message, ServiceError>)> done);
    // A recipient's device got the message (realtime ack). False when nothing changed.
    Result<bool, ServiceError> markDelivered(
        const Principal &caller, const ClientInfo &client, const QUuid &messageId);
    // The same through the group-commit writer: receipts arrive as often as messages.
    void markDeliveredQueued(const Principal &caller, const ClientInfo &client, const QUuid &messageId,
        std::function<void(Result<bool, ServiceError>)> done);
    // A recipient's socket acknowledged a message the server itself handed to it (so the
    // recipient is known to take part): recorded without looking the message up again.
    void recordDelivery(const QUuid &recipientId, const QUuid &messageId, const QUuid &conversationId,
        const QUuid &senderId, std::function<void(Status<ServiceError>)> done);
    // Soft delete (sender only). remove() writes on this thread's connection; removeQueued()
    // through the group-commit writer, calling `done` once the deletion is on disk.
    Status<ServiceError> remove(const Principal &caller, const ClientInfo &client, const QUuid &messageId);
    void removeQueued(const Principal &caller, const ClientInfo &client, const QUuid &messageId,
        std::function<void(Status<ServiceError>)> done);

private:
    // Parses and checks a send (participation, rate limit) into the message to write.
    Result<NewMessage, ServiceError> admit(const Principal &caller, const ClientInfo &client,
        const QUuid &conversationId, const QJsonObject &body);
    // The message when the caller takes part in its conversation; 404 "Message not found" otherwise.
    Result<MessageRecord, ServiceError> visibleMessage(
        const Principal &caller, const ClientInfo &client, const QUuid &messageId);
    Result<MessagePosition, ServiceError> positionIn(
        const QUuid &conversationId, const QUuid &messageId, const QString &field);
    // Records a delivery on this thread's connection, then announces it.
    Result<bool, ServiceError> deliverNow(
        const QUuid &recipientId, const QUuid &messageId, const QUuid &conversationId, const QUuid &senderId);
    // Records a delivery through the group-commit writer (or at once without one).
    void queueDelivery(const QUuid &recipientId, const QUuid &messageId, const QUuid &conversationId,
        const QUuid &senderId, std::function<void(Result<bool, ServiceError>)> done);
    // The read state up to `message`, with its audit row, inside the caller's transaction on
    // `database` (this thread's connection or the group-commit writer's).
    static Status<store::StoreError> persistRead(store::Database &database, const Clock &clock,
        const Principal &caller, const ClientInfo &client, const MessageRecord &message, qint64 nowMs);
    // After the read state was stored: tells the conversation and answers with the message.
    Result<model::Message, ServiceError> announceRead(
        const Principal &caller, const QUuid &messageId, const QUuid &conversationId, const QDateTime &at);
    // What a deletion needs that takes keys, prepared before the writer's job.
    struct MessageDeletion
    {
        MessageRecord message;
        qint64 nowMs = 0;
        QByteArray blankPreview; // the conversation's preview if this was its newest message
        // Its search-index row's text, to take the row out (SearchRemovalRepository); empty
        // when it has no words or its text does not open.
        QString indexedTerms;
    };
    void removeThrough(store::GroupCommitter *committer, const Principal &caller, const ClientInfo &client,
        const QUuid &messageId, std::function<void(Status<ServiceError>)> done);
    Result<MessageDeletion, store::StoreError> prepareDeletion(const MessageRecord &message);
    // The deletion with its audit row, inside the caller's transaction on `database`;
    // `deletedNow` is false when an earlier delete of the same message got there first.
    static Status<store::StoreError> persistDelete(store::Database &database, const Clock &clock,
        const Principal &caller, const ClientInfo &client, const MessageDeletion &deletion, bool &deletedNow);

    const ServerContext &m_context;
    ConversationKeyring &m_keyring;
    MessagingEvents &m_events;
    RateLimiter &m_rateLimiter;
    AccessPolicy m_policy;
    MessageAssembler m_assembler;
    MessageWriter m_writer;
};

} // namespace vw::server::messaging
