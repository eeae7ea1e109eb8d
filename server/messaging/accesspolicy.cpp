#include "server/messaging/accesspolicy.h"

#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/messagingfailures.h"

namespace vw::server::messaging {

namespace {

ServiceError conversationNotFound()
{
    return ServiceError::notFound(QStringLiteral("Conversation not found"));
}

} // namespace

AccessPolicy::AccessPolicy(store::Database &database, audit::AuditLog &audit)
    : m_conversations(database), m_participants(database), m_audit(audit)
{ }

Result<ConversationRecord, ServiceError> AccessPolicy::requireParticipant(
    const Principal &caller, const ClientInfo &client, const QUuid &conversationId)
{
    auto conversation = m_conversations.findById(conversationId);
    if (!conversation)
        return storeFailed(conversation.error());
    if (!conversation.value()) {
        recordDenied(
            caller, client, QStringLiteral("conversation"), conversationId, QStringLiteral("unknown"));
        return conversationNotFound();
    }
    auto member = m_participants.find(conversationId, caller.userId);
    if (!member)
        return storeFailed(member.error());
    if (!member.value()) {
        recordDenied(caller, client, QStringLiteral("conversation"), conversationId,
            QStringLiteral("not a participant"));
        return conversationNotFound();
    }
    return *conversation.value();
}

Status<ServiceError> AccessPolicy::requireMembership(
    const Principal &caller, const ClientInfo &client, const QUuid &conversationId)
{
    // Bounded: a server with more active pairs than this just looks some up again.
    constexpr qsizetype kMaxRemembered = 100000;
    const std::pair<QUuid, QUuid> key {conversationId, caller.userId};
    if (m_knownMembers.contains(key))
        return {};
    if (auto member = requireParticipant(caller, client, conversationId); !member)
        return member.error();
    if (m_knownMembers.size() >= kMaxRemembered)
        m_knownMembers.clear();
    m_knownMembers.insert(key);
    return {};
}

Status<ServiceError> AccessPolicy::checkDelete(
    const Principal &caller, const ClientInfo &client, const MessageRecord &message)
{
    if (message.senderId == caller.userId)
        return {};
    recordDenied(caller, client, QStringLiteral("message"), message.id, QStringLiteral("not the sender"));
    return ServiceError::forbidden(QStringLiteral("Only the sender can delete a message"));
}

void AccessPolicy::recordDenied(const Principal &caller, const ClientInfo &client, const QString &targetType,
    const QUuid &targetId, const QString &reason)
{
    audit::AuditRecord record;
    record.action = audit::actions::kAccessDenied;
    record.outcome = audit::AuditOutcome::Denied;
    record.actorId = model::uuidToWire(caller.userId);
    record.targetType = targetType;
    record.targetId = model::uuidToWire(targetId);
    record.client = client;
    record.details = QJsonObject {{QStringLiteral("reason"), reason}};
    // A failed audit write must not turn a 404 into a 500; the store logs its own failure.
    if (auto recorded = m_audit.record(record); !recorded)
        (void)storeFailed(recorded.error());
}

Status<ServiceError> AccessPolicy::checkMayParticipate(const Principal &caller)
{
    if (caller.role == model::UserRole::Admin)
        return ServiceError::forbidden(QStringLiteral("Admins cannot take part in conversations"));
    return {};
}

Status<ServiceError> AccessPolicy::checkPair(
    const Principal &caller, const users::UserRecord &patient, const users::UserRecord &provider)
{
    if (auto may = checkMayParticipate(caller); !may)
        return may;
    if (caller.role == model::UserRole::Patient && provider.role == model::UserRole::Patient)
        return ServiceError::forbidden(
            QStringLiteral("Patients cannot open conversations with other patients"));
    if (patient.role != model::UserRole::Patient)
        return ServiceError::badRequest(QStringLiteral("patientId: must be a patient"));
    if (provider.role != model::UserRole::Provider)
        return ServiceError::badRequest(QStringLiteral("providerId: must be a provider"));
    if (caller.userId != patient.id && caller.userId != provider.id)
        return ServiceError::forbidden(QStringLiteral("You can only open conversations you take part in"));
    return {};
}

Status<ServiceError> AccessPolicy::checkGroup(
    const Principal &caller, const QList<users::UserRecord> &members)
{
    if (auto may = checkMayParticipate(caller); !may)
        return may;
    if (members.size() < kMinGroupMembers || members.size() > kMaxGroupMembers)
        return ServiceError::badRequest(
            QStringLiteral("participantIds: a group has %1 to %2 members, you included")
                .arg(kMinGroupMembers)
                .arg(kMaxGroupMembers));
    bool hasProvider = false;
    for (const users::UserRecord &member : members) {
        if (member.role == model::UserRole::Admin)
            return ServiceError::badRequest(
                QStringLiteral("participantIds: admins cannot take part in conversations"));
        if (member.role == model::UserRole::Provider)
            hasProvider = true;
        if (caller.role == model::UserRole::Patient && member.id != caller.userId
            && member.role != model::UserRole::Provider)
            return ServiceError::forbidden(QStringLiteral("Patients can only add providers to a group"));
    }
    if (!hasProvider)
        return ServiceError::badRequest(
            QStringLiteral("participantIds: a group needs at least one provider"));
    return {};
}

} // namespace vw::server::messaging
