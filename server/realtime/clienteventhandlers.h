#pragma once

#include "common/core/result.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/accesspolicy.h"
#include "server/realtime/ackpayload.h"
#include "server/realtime/realtimesettings.h"
#include "server/realtime/roomregistry.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <functional>

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

    // The acknowledgement body, once the event is done (for a send: once it is on disk).
    using AckReply = std::function<void(const AckPayload &ack)>;

    // Runs one event; unknown names get a 400 acknowledgement. `reply` may run before this
    // returns or later, from the group-commit writer's completion; the socket may be gone by then.
    void handle(ClientSocket &socket, const QString &name, const QJsonArray &args, AckReply reply);
    // The client acknowledged a `message:new` it was sent with `ackId`: that device has it.
    void acknowledgeDelivery(ClientSocket &socket, qint64 ackId);

private:
    using Outcome = Result<QJsonObject, ServiceError>;
    using Handler = Outcome (ClientEventHandlers::*)(ClientSocket &, const QJsonObject &);
    // Events whose work goes through the group-commit writer: answered from its completion.
    using AsyncHandler = void (ClientEventHandlers::*)(ClientSocket &, const QJsonObject &, AckReply);

    Outcome join(ClientSocket &socket, const QJsonObject &payload);
    Outcome leave(ClientSocket &socket, const QJsonObject &payload);
    Outcome typing(ClientSocket &socket, const QJsonObject &payload);
    // Answered once the message (the receipt) is on disk.
    void send(ClientSocket &socket, const QJsonObject &payload, AckReply reply);
    Outcome sent(ClientSocket &socket, const QJsonObject &payload);
    void delivered(ClientSocket &socket, const QJsonObject &payload, AckReply reply);
    void read(ClientSocket &socket, const QJsonObject &payload, AckReply reply);

    void replyWith(
        const QString &name, SocketId socketId, const Outcome &outcome, const AckReply &reply) const;

    RealtimeHub &m_hub;
    messaging::MessageService &m_messages;
    messaging::ConversationService &m_conversations;
    messaging::AccessPolicy m_policy;
    const RealtimeSettings &m_settings;
    const QHash<QString, Handler> m_handlers;
    const QHash<QString, AsyncHandler> m_asyncHandlers;
};

} // namespace vw::server::realtime
