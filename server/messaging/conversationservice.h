#pragma once

#include "common/core/result.h"
#include "common/model/conversation.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/accesspolicy.h"
#include "server/messaging/conversationassembler.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::users {
class UserRepository;
}

namespace vw::server::messaging {

class ConversationKeyring;
class MessagingEvents;

// A created or found conversation; `created` tells 201 from 200.
struct OpenedConversation
{
    model::Conversation conversation;
    bool created = false;
};

struct ConversationPage
{
    QList<model::Conversation> conversations;
    std::optional<QString> nextCursor; // null at the end
};

struct UnreadCounts
{
    qint64 total = 0;
    QList<QPair<QUuid, qint64>> byConversation; // only conversations with unread messages
};

// Conversations: opening pairs (idempotent) and groups, the caller's list newest activity
// first, one conversation, unread totals, and the typing signal. Each creation is one
// transaction with its data key, participants and audit entry.
class ConversationService
{
public:
    static constexpr int kDefaultPageSize = 20;
    static constexpr int kMaxPageSize = 100;

    ConversationService(const ServerContext &context, users::UserRepository &users,
        ConversationKeyring &keyring, MessagingEvents &events);

    using OpenCallback = std::function<void(Result<OpenedConversation, ServiceError>)>;

    // These write on this thread's connection; the Queued twins store through the group-commit
    // writer and call `done` (on this thread) once the conversation is on disk.
    Result<OpenedConversation, ServiceError> createPair(
        const Principal &caller, const ClientInfo &client, const QUuid &patientId, const QUuid &providerId);
    void createPairQueued(const Principal &caller, const ClientInfo &client, const QUuid &patientId,
        const QUuid &providerId, OpenCallback done);
    Result<OpenedConversation, ServiceError> createGroup(const Principal &caller, const ClientInfo &client,
        const QList<QUuid> &participantIds, const QString &title);
    void createGroupQueued(const Principal &caller, const ClientInfo &client,
        const QList<QUuid> &participantIds, const QString &title, OpenCallback done);
    // The internal API (SystemMessenger): get or create the pair's conversation without
    // caller rules; `actorId` is recorded as its creator.
    Result<OpenedConversation, ServiceError> openPair(
        const QUuid &patientId, const QUuid &providerId, const QUuid &actorId, const ClientInfo &client);

    // `cursor` is the opaque nextCursor of the previous page (400 when it is not one).
    Result<ConversationPage, ServiceError> list(const Principal &caller, int limit, const QString &cursor);
    Result<model::Conversation, ServiceError> get(
        const Principal &caller, const ClientInfo &client, const QUuid &id);
    Result<UnreadCounts, ServiceError> unreadCounts(const Principal &caller);
    Status<ServiceError> typing(
        const Principal &caller, const ClientInfo &client, const QUuid &id, bool isTyping);

private:
    Result<QList<users::UserRecord>, ServiceError> loadUsers(const QList<QUuid> &ids);
    Result<OpenedConversation, ServiceError> findPair(const QString &pairKey, const QUuid &viewerId);
    Result<model::Conversation, ServiceError> view(const ConversationRecord &record, const QUuid &viewerId);
    // `committer` nullptr: at once, on this thread's connection.
    void createPairThrough(store::GroupCommitter *committer, const Principal &caller,
        const ClientInfo &client, const QUuid &patientId, const QUuid &providerId, OpenCallback done);
    void openPairThrough(store::GroupCommitter *committer, const QUuid &patientId, const QUuid &providerId,
        const QUuid &actorId, const ClientInfo &client, OpenCallback done);
    void createGroupThrough(store::GroupCommitter *committer, const Principal &caller,
        const ClientInfo &client, const QList<QUuid> &participantIds, const QString &title,
        OpenCallback done);
    // Stores the conversation, its key, sealed title, participants and audit entry in one
    // transaction.
    void insertThrough(store::GroupCommitter *committer, ConversationRecord record, const QString &title,
        const QList<QUuid> &memberIds, const QUuid &viewerId, const ClientInfo &client,
        std::function<void(Result<model::Conversation, ServiceError>)> done);

    const ServerContext &m_context;
    users::UserRepository &m_users;
    ConversationKeyring &m_keyring;
    MessagingEvents &m_events;
    AccessPolicy m_policy;
    ConversationAssembler m_assembler;
};

} // namespace vw::server::messaging
