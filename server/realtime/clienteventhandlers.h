#pragma once

#include "common/core/result.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/accesspolicy.h"
#include "server/realtime/realtimesettings.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace vw::server::messaging {
class ConversationService;
class MessageService;
} // namespace vw::server::messaging

namespace vw::server::realtime {

class ClientSocket;
class RealtimeHub;

// The client-to-server events of API.md on an authenticated socket. Each goes through the
// same services as REST (validation, participation, rate limit, idempotency, audit), so the
// two paths cannot drift apart; the result is the acknowledgement body.
class ClientEventHandlers
{
public:
    ClientEventHandlers(const ServerContext &context, RealtimeHub &hub, messaging::MessageService &messages,
        messaging::ConversationService &conversations, const RealtimeSettings &settings);

    // Runs one event; unknown names get a 400 acknowledgement.
    QJsonObject handle(ClientSocket &socket, const QString &name, const QJsonArray &args);
    // The client acknowledged a `message:new` it was sent with `ackId`: that device has it.
    void acknowledgeDelivery(ClientSocket &socket, qint64 ackId);

private:
    using Outcome = Result<QJsonObject, ServiceError>;
    using Handler = Outcome (ClientEventHandlers::*)(ClientSocket &, const QJsonObject &);

    Outcome join(ClientSocket &socket, const QJsonObject &payload);
    Outcome leave(ClientSocket &socket, const QJsonObject &payload);
    Outcome typing(ClientSocket &socket, const QJsonObject &payload);
    Outcome send(ClientSocket &socket, const QJsonObject &payload);
    Outcome sent(ClientSocket &socket, const QJsonObject &payload);
    Outcome delivered(ClientSocket &socket, const QJsonObject &payload);
    Outcome read(ClientSocket &socket, const QJsonObject &payload);

    RealtimeHub &m_hub;
    messaging::MessageService &m_messages;
    messaging::ConversationService &m_conversations;
    messaging::AccessPolicy m_policy;
    const RealtimeSettings &m_settings;
    const QHash<QString, Handler> m_handlers;
};

} // namespace vw::server::realtime
