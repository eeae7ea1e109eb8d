#include "server/realtime/clienteventhandlers.h"

#include "common/model/jsonreader.h"
#include "common/model/message.h"
#include "common/model/wire.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messageservice.h"
#include "server/realtime/clientsocket.h"
#include "server/realtime/engineconnection.h"
#include "server/realtime/eventpayload.h"
#include "server/realtime/realtimehub.h"

#include <QLoggingCategory>

namespace vw::server::realtime {

namespace {

Q_LOGGING_CATEGORY(lcEvents, "vw.realtime.events")

ServiceError fieldError(const model::JsonReader &reader)
{
    return ServiceError::badRequest(reader.error()->message());
}

} // namespace

ClientEventHandlers::ClientEventHandlers(const ServerContext &context, RealtimeHub &hub,
    messaging::MessageService &messages, messaging::ConversationService &conversations,
    const RealtimeSettings &settings)
    : m_hub(hub),
      m_messages(messages),
      m_conversations(conversations),
      m_policy(context.database, context.audit),
      m_settings(settings),
      m_handlers {
          {QStringLiteral("conversation:join"), &ClientEventHandlers::join},
          {QStringLiteral("conversation:leave"), &ClientEventHandlers::leave},
          {QStringLiteral("typing"), &ClientEventHandlers::typing},
          {QStringLiteral("message:sent"), &ClientEventHandlers::sent},
      },
      m_asyncHandlers {
          {QStringLiteral("message:send"), &ClientEventHandlers::send},
          {QStringLiteral("message:delivered"), &ClientEventHandlers::delivered},
          {QStringLiteral("message:read"), &ClientEventHandlers::read},
      }
{ }

void ClientEventHandlers::handle(
    ClientSocket &socket, const QString &name, const QJsonArray &args, AckReply reply)
{
    auto payload = eventPayloadObject(args);
    if (const AsyncHandler asyncHandler = m_asyncHandlers.value(name, nullptr)) {
        if (!payload)
            reply(ackFailure(payload.error()));
        else
            (this->*asyncHandler)(socket, payload.value(), std::move(reply));
        return;
    }
    const Handler handler = m_handlers.value(name, nullptr);
    if (!handler) {
        // The name is client-chosen text: log its length only.
        qCDebug(lcEvents) << "unknown event of" << name.size() << "characters on socket" << socket.id();
        reply(ackFailure(ServiceError::badRequest(QStringLiteral("Unknown event"))));
        return;
    }
    if (!payload) {
        reply(ackFailure(payload.error()));
        return;
    }
    replyWith(name, socket.id(), (this->*handler)(socket, payload.value()), reply);
}

void ClientEventHandlers::replyWith(
    const QString &name, SocketId socketId, const Outcome &outcome, const AckReply &reply) const
{
    if (!outcome) {
        qCDebug(lcEvents).noquote() << name << "refused for socket" << socketId << "with status"
                                    << httpStatus(outcome.error().kind);
        reply(ackFailure(outcome.error()));
        return;
    }
    reply(ackSuccess(outcome.value()));
}

void ClientEventHandlers::acknowledgeDelivery(ClientSocket &socket, qint64 ackId)
{
    const auto handedOver = socket.deliveries().take(ackId);
    if (!handedOver)
        return; // not one we asked for, or already acknowledged
    m_messages.recordDelivery(socket.principal().userId, handedOver->messageId, handedOver->conversationId,
        handedOver->senderId, [socketId = socket.id()](const Status<ServiceError> &recorded) {
            if (!recorded)
                qCDebug(lcEvents) << "delivery ack not recorded for socket" << socketId << "with status"
                                  << httpStatus(recorded.error().kind);
        });
}

ClientEventHandlers::Outcome ClientEventHandlers::join(ClientSocket &socket, const QJsonObject &payload)
{
    model::JsonReader reader(payload);
    const QUuid conversationId = reader.requireUuid(u"conversationId");
    if (!reader.ok())
        return fieldError(reader);
    if (auto member = m_policy.requireParticipant(socket.principal(), socket.client(), conversationId);
        !member)
        return member.error();
    m_hub.rooms().join(RoomRegistry::conversationRoom(conversationId), socket.id());
    return QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(conversationId)}};
}

ClientEventHandlers::Outcome ClientEventHandlers::leave(ClientSocket &socket, const QJsonObject &payload)
{
    model::JsonReader reader(payload);
    const QUuid conversationId = reader.requireUuid(u"conversationId");
    if (!reader.ok())
        return fieldError(reader);
    m_hub.rooms().leave(RoomRegistry::conversationRoom(conversationId), socket.id());
    return QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(conversationId)}};
}

ClientEventHandlers::Outcome ClientEventHandlers::typing(ClientSocket &socket, const QJsonObject &payload)
{
    model::JsonReader reader(payload);
    const QUuid conversationId = reader.requireUuid(u"conversationId");
    const bool isTyping = reader.requireBool(u"isTyping");
    if (!reader.ok())
        return fieldError(reader);
    if (auto done = m_conversations.typing(socket.principal(), socket.client(), conversationId, isTyping);
        !done)
        return done.error();
    return QJsonObject {};
}

void ClientEventHandlers::send(ClientSocket &socket, const QJsonObject &payload, AckReply reply)
{
    model::JsonReader reader(payload);
    const QUuid conversationId = reader.requireUuid(u"conversationId");
    if (!reader.ok()) {
        replyWith(QStringLiteral("message:send"), socket.id(), fieldError(reader), reply);
        return;
    }
    // The rest of the payload is the REST body; the service validates it the same way.
    m_messages.sendQueued(socket.principal(), socket.client(), conversationId, payload,
        [this, socketId = socket.id(), reply = std::move(reply)](
            const Result<messaging::SendOutcome, ServiceError> &sent) {
            const bool limited = !sent && sent.error().kind == ServiceError::Kind::TooManyRequests;
            ClientSocket *sender = m_hub.find(socketId);
            if (sender && sender->countRateLimited(limited) >= m_settings.maxRateLimitedInARow) {
                qCWarning(lcEvents).noquote()
                    << "closing socket" << socketId << "of user"
                    << sender->principal().userId.toString(QUuid::WithoutBraces) << "after"
                    << m_settings.maxRateLimitedInARow << "rate-limited sends in a row";
                sender->engine().close(QStringLiteral("flood"), websocket::CloseCode::PolicyViolation);
            }
            if (!sent) {
                replyWith(QStringLiteral("message:send"), socketId, sent.error(), reply);
                return;
            }
            reply(AckPayload::fromJsonText(
                ackSuccessText(QLatin1StringView("message"), sent.value().wireText())));
        });
}

ClientEventHandlers::Outcome ClientEventHandlers::sent(ClientSocket &, const QJsonObject &payload)
{
    // Seed clients announce their own sends; the server fanned the message out at commit.
    model::JsonReader reader(payload);
    reader.requireUuid(u"conversationId");
    reader.requireUuid(u"messageId");
    if (!reader.ok())
        return fieldError(reader);
    return QJsonObject {};
}

void ClientEventHandlers::delivered(ClientSocket &socket, const QJsonObject &payload, AckReply reply)
{
    model::JsonReader reader(payload);
    const QUuid messageId = reader.requireUuid(u"messageId");
    if (!reader.ok()) {
        replyWith(QStringLiteral("message:delivered"), socket.id(), fieldError(reader), reply);
        return;
    }
    m_messages.markDeliveredQueued(socket.principal(), socket.client(), messageId,
        [this, socketId = socket.id(), reply = std::move(reply)](const Result<bool, ServiceError> &marked) {
            replyWith(QStringLiteral("message:delivered"), socketId,
                marked ? Outcome(QJsonObject {}) : Outcome(marked.error()), reply);
        });
}

void ClientEventHandlers::read(ClientSocket &socket, const QJsonObject &payload, AckReply reply)
{
    model::JsonReader reader(payload);
    // Seed clients name the conversation too; the message id alone decides what is read.
    reader.optionalUuid(u"conversationId");
    const QUuid messageId = reader.requireUuid(u"messageId");
    if (!reader.ok()) {
        replyWith(QStringLiteral("message:read"), socket.id(), fieldError(reader), reply);
        return;
    }
    m_messages.markReadQueued(socket.principal(), socket.client(), messageId,
        [this, socketId = socket.id(), reply = std::move(reply)](
            const Result<model::Message, ServiceError> &read) {
            replyWith(QStringLiteral("message:read"), socketId,
                read ? Outcome(QJsonObject {{QStringLiteral("message"), model::toJson(read.value())}})
                     : Outcome(read.error()),
                reply);
        });
}

} // namespace vw::server::realtime
