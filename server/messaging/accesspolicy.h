#pragma once

#include "common/core/result.h"
#include "server/core/principal.h"
#include "server/core/serviceerror.h"
#include "server/messaging/conversationrecord.h"
#include "server/messaging/conversationrepository.h"
#include "server/messaging/messagerecord.h"
#include "server/messaging/participantrepository.h"
#include "server/users/userrecord.h"

#include <QList>
#include <QSet>

#include <utility>

namespace vw::server::audit {
class AuditLog;
}

namespace vw::server::messaging {

// Who may see, create, post in and delete from conversations. Outsiders learn nothing:
// a conversation they are not part of is "not found" exactly like one that does not exist,
// and each such attempt leaves an access.denied entry in the audit trail. Admins never
// take part in conversations, so they never read content.
class AccessPolicy
{
public:
    static constexpr qsizetype kMinGroupMembers = 2;
    static constexpr qsizetype kMaxGroupMembers = 50;

    AccessPolicy(store::Database &database, audit::AuditLog &audit);

    // The conversation when the caller takes part in it; 404 "Conversation not found" otherwise.
    Result<ConversationRecord, ServiceError> requireParticipant(
        const Principal &caller, const ClientInfo &client, const QUuid &conversationId);
    // The same check for the send path, remembered: nobody ever leaves a conversation (there
    // is no way to), so a membership once confirmed stays true and the next send of the same
    // person skips the two lookups.
    Status<ServiceError> requireMembership(
        const Principal &caller, const ClientInfo &client, const QUuid &conversationId);
    // Only the sender deletes: 403 for the other participants. The caller must already be
    // known to take part in the message's conversation.
    Status<ServiceError> checkDelete(
        const Principal &caller, const ClientInfo &client, const MessageRecord &message);
    // Records an access.denied entry (its own commit).
    void recordDenied(const Principal &caller, const ClientInfo &client, const QString &targetType,
        const QUuid &targetId, const QString &reason);

    // Admins cannot create or join conversations.
    static Status<ServiceError> checkMayParticipate(const Principal &caller);
    // One patient and one provider, the caller one of them; patients never pair with patients.
    static Status<ServiceError> checkPair(
        const Principal &caller, const users::UserRecord &patient, const users::UserRecord &provider);
    // `members` includes the caller: 2..50 people, at least one provider, no admins, and a
    // patient creator may only add providers.
    static Status<ServiceError> checkGroup(const Principal &caller, const QList<users::UserRecord> &members);

private:
    ConversationRepository m_conversations;
    ParticipantRepository m_participants;
    audit::AuditLog &m_audit;
    QSet<std::pair<QUuid, QUuid>> m_knownMembers; // (conversation, user)
};

} // namespace vw::server::messaging
