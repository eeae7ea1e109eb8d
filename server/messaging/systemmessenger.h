#pragma once

#include "common/core/result.h"
#include "common/model/message.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/messagewriter.h"

#include <QString>
#include <QUuid>

namespace vw::server::users {
class UserRepository;
}

namespace vw::server::messaging {

class ConversationService;

// The internal API the platform's AlertService calls: post a `type: system` message into
// a patient–provider conversation (created when the pair has none). The sender is a built-in
// "system" account with a fixed id, created on first use: role admin, disabled, and a
// password hash that is not a valid hash, so nobody can ever log in as it.
class SystemMessenger
{
public:
    static const QUuid kSystemUserId;
    static constexpr const char *kSystemUsername = "system";

    SystemMessenger(const ServerContext &context, users::UserRepository &users,
        ConversationService &conversations, ConversationKeyring &keyring, MessagingEvents &events);

    Result<model::Message, ServiceError> postSystemMessage(const QUuid &patientId, const QUuid &providerId,
        const QString &content, model::MessagePriority priority = model::MessagePriority::Normal);

private:
    Status<ServiceError> ensureSystemUser();

    const ServerContext &m_context;
    users::UserRepository &m_users;
    ConversationService &m_conversations;
    MessageWriter m_writer;
    bool m_systemUserReady = false;
};

} // namespace vw::server::messaging
