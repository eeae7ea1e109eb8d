#include "server/messaging/systemmessenger.h"

#include "common/model/limits.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messagingfailures.h"
#include "server/users/userrepository.h"

namespace vw::server::messaging {

namespace {

// Not an Argon2id string: PasswordHasher refuses it as malformed, so no password matches.
const QString kUnusablePasswordHash = QStringLiteral("!system-account-cannot-log-in");

} // namespace

const QUuid SystemMessenger::kSystemUserId = QUuid::fromString(u"00000000-0000-4000-8000-000000000001");

SystemMessenger::SystemMessenger(const ServerContext &context, users::UserRepository &users,
    ConversationService &conversations, ConversationKeyring &keyring, MessagingEvents &events)
    : m_context(context), m_users(users), m_conversations(conversations), m_writer(context, keyring, events)
{ }

Status<ServiceError> SystemMessenger::ensureSystemUser()
{
    if (m_systemUserReady)
        return {};
    auto found = m_users.findById(kSystemUserId);
    if (!found)
        return storeFailed(found.error());
    if (!found.value()) {
        users::UserRecord system;
        system.id = kSystemUserId;
        system.username = QString::fromLatin1(kSystemUsername);
        system.displayName = QStringLiteral("VytalWatch");
        system.role = model::UserRole::Admin;
        system.passwordHash = kUnusablePasswordHash;
        system.createdAt = m_context.clock.nowUtc();
        system.disabledAt = system.createdAt;
        if (auto inserted = m_users.insert(system); !inserted)
            return storeFailed(inserted.error());
    }
    m_systemUserReady = true;
    return {};
}

Result<model::Message, ServiceError> SystemMessenger::postSystemMessage(
    const QUuid &patientId, const QUuid &providerId, const QString &content, model::MessagePriority priority)
{
    if (content.isEmpty() || content.size() > model::kDefaultMaxContentLength)
        return ServiceError::badRequest(
            QStringLiteral("content: must be 1 to %1 characters").arg(model::kDefaultMaxContentLength));
    auto people = m_users.findByIds({patientId, providerId});
    if (!people)
        return storeFailed(people.error());
    bool patientOk = false;
    bool providerOk = false;
    for (const users::UserRecord &user : people.value()) {
        patientOk = patientOk || (user.id == patientId && user.role == model::UserRole::Patient);
        providerOk = providerOk || (user.id == providerId && user.role == model::UserRole::Provider);
    }
    if (!patientOk)
        return ServiceError::badRequest(QStringLiteral("patientId: not a patient"));
    if (!providerOk)
        return ServiceError::badRequest(QStringLiteral("providerId: not a provider"));
    if (auto ready = ensureSystemUser(); !ready)
        return ready.error();
    const ClientInfo internal {QStringLiteral("internal"), QStringLiteral("SystemMessenger")};
    auto conversation = m_conversations.openPair(patientId, providerId, kSystemUserId, internal);
    if (!conversation)
        return conversation.error();
    NewMessage message;
    message.conversationId = conversation.value().conversation.id;
    message.senderId = kSystemUserId;
    message.type = model::MessageType::System;
    message.content = content;
    message.priority = priority;
    auto written = m_writer.write(message, internal);
    if (!written)
        return written.error();
    return std::move(written).value().message;
}

} // namespace vw::server::messaging
