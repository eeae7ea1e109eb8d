#include "server/realtime/messagingfanout.h"

#include "common/model/conversation.h"
#include "common/model/jsontextwriter.h"
#include "common/model/wire.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/participantrepository.h"
#include "server/realtime/clientsocket.h"
#include "server/realtime/engineconnection.h"
#include "server/realtime/eventframe.h"
#include "server/realtime/realtimehub.h"
#include "server/realtime/steadyclock.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>

namespace vw::server::realtime {

namespace {

Q_LOGGING_CATEGORY(lcFanout, "vw.realtime.fanout")

QList<QUuid> userIdsOf(const QList<messaging::ParticipantRecord> &rows)
{
    QList<QUuid> ids;
    ids.reserve(rows.size());
    for (const auto &row : rows)
        ids.append(row.userId);
    return ids;
}

} // namespace

MessagingFanout::MessagingFanout(const ServerContext &context, RealtimeHub &hub,
    messaging::MessagingEvents &events, messaging::ConversationService &conversations,
    const RealtimeSettings &settings, QObject *parent)
    : QObject(parent),
      m_context(context),
      m_hub(hub),
      m_conversations(conversations),
      m_typing(settings.typingTimeoutMs, settings.typingRelayIntervalMs)
{
    using messaging::MessagingEvents;
    connect(&events, &MessagingEvents::messageCreated, this, &MessagingFanout::messageCreated);
    connect(&events, &MessagingEvents::messageDelivered, this, &MessagingFanout::messageDelivered);
    connect(&events, &MessagingEvents::messagesRead, this, &MessagingFanout::messagesRead);
    connect(&events, &MessagingEvents::messageDeleted, this, &MessagingFanout::messageDeleted);
    connect(&events, &MessagingEvents::conversationUpdated, this, &MessagingFanout::conversationUpdated);
    connect(&events, &MessagingEvents::typing, this, &MessagingFanout::typingReported);
}

void MessagingFanout::messageCreated(
    const model::Message &message, const QList<QUuid> &participantIds, const QByteArray &wireText)
{
    // {conversationId, message, messageId}: QJsonDocument's key order, around the message's
    // JSON text serialised once for this and the sender's ack. Ids are plain UUID text.
    const QByteArray payload = "{\"conversationId\":\"" + model::uuidToWire(message.conversationId).toLatin1()
        + "\",\"message\":" + wireText + ",\"messageId\":\"" + model::uuidToWire(message.id).toLatin1()
        + "\"}";
    const EventFrame frame
        = EventFrame::fromJsonText(kMessagingNamespace, QStringLiteral("message:new"), payload);
    for (ClientSocket *socket : audience(message.conversationId, participantIds)) {
        // A recipient's device acknowledges to mark the message delivered; the sender's own
        // devices just learn about it.
        if (socket->principal().userId == message.senderId)
            socket->engine().sendUtf8Frame(frame.frame());
        else
            socket->engine().sendUtf8Frame(frame.frameWithAck(
                socket->deliveries().add(HandedOver {message.id, message.conversationId, message.senderId})));
    }
}

void MessagingFanout::messageDelivered(
    const QUuid &conversationId, const QUuid &messageId, const QUuid &senderId, const QDateTime &deliveredAt)
{
    // One per delivered message: written directly (keys in QJsonObject's order) rather than
    // through a QJsonObject, which was a tenth of the network thread's time under load.
    model::JsonTextWriter payload(160);
    payload.beginObject();
    payload.key(QLatin1StringView("conversationId"));
    payload.plainString(model::uuidToWireLatin1(conversationId));
    payload.key(QLatin1StringView("deliveredAt"));
    payload.plainString(model::timeToWireLatin1(deliveredAt)); // empty for an invalid time, as before
    payload.key(QLatin1StringView("messageId"));
    payload.plainString(model::uuidToWireLatin1(messageId));
    payload.endObject();
    const EventFrame frame
        = EventFrame::fromJsonText(kMessagingNamespace, QStringLiteral("message:delivered"), payload.take());
    m_hub.send(m_hub.socketsOf({senderId}), frame);
}

void MessagingFanout::messagesRead(
    const QUuid &conversationId, const QUuid &readerId, const QUuid &upToMessageId, const QDateTime &readAt)
{
    const EventFrame frame(kMessagingNamespace, QStringLiteral("message:read"),
        QJsonObject {{QStringLiteral("messageId"), model::uuidToWire(upToMessageId)},
            {QStringLiteral("conversationId"), model::uuidToWire(conversationId)},
            {QStringLiteral("readerId"), model::uuidToWire(readerId)},
            {QStringLiteral("readAt"), model::timeToWire(readAt)}});
    m_hub.send(audience(conversationId, participantsOf(conversationId)), frame, readerId);
    // The reader's other devices learn the new unread count.
    sendConversationTo(conversationId, readerId);
}

void MessagingFanout::messageDeleted(
    const QUuid &conversationId, const QUuid &messageId, const QList<QUuid> &participantIds)
{
    const EventFrame frame(kMessagingNamespace, QStringLiteral("message:deleted"),
        QJsonObject {{QStringLiteral("messageId"), model::uuidToWire(messageId)},
            {QStringLiteral("conversationId"), model::uuidToWire(conversationId)}});
    m_hub.send(audience(conversationId, participantIds), frame);
}

void MessagingFanout::conversationUpdated(const QUuid &conversationId, const QList<QUuid> &participantIds)
{
    for (const QUuid &userId : participantIds)
        sendConversationTo(conversationId, userId);
}

void MessagingFanout::typingReported(const QUuid &conversationId, const QUuid &userId, bool isTyping)
{
    if (m_typing.report(conversationId, userId, isTyping, steadyNowMs()))
        relayTyping({conversationId, userId, isTyping});
}

void MessagingFanout::expireTyping(qint64 nowMs)
{
    for (const TypingChange &change : m_typing.expire(nowMs))
        relayTyping(change);
}

void MessagingFanout::relayTyping(const TypingChange &change)
{
    const EventFrame frame(kMessagingNamespace, QStringLiteral("typing"),
        QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(change.conversationId)},
            {QStringLiteral("userId"), model::uuidToWire(change.userId)},
            {QStringLiteral("isTyping"), change.isTyping}});
    m_hub.send(audience(change.conversationId, participantsOf(change.conversationId)), frame, change.userId);
}

void MessagingFanout::announcePresence(const QUuid &userId, bool online, const QDateTime &lastSeenAt)
{
    if (!online) {
        for (const TypingChange &change : m_typing.clearUser(userId))
            relayTyping(change);
    }
    const QList<QUuid> contacts = contactsOf(userId);
    if (contacts.isEmpty())
        return;
    const EventFrame frame(kMessagingNamespace, QStringLiteral("user:status"),
        QJsonObject {{QStringLiteral("userId"), model::uuidToWire(userId)},
            {QStringLiteral("status"), online ? QStringLiteral("online") : QStringLiteral("offline")},
            {QStringLiteral("lastSeenAt"), model::timeToWire(lastSeenAt)}});
    m_hub.send(m_hub.socketsOf(contacts), frame);
}

QList<ClientSocket *> MessagingFanout::audience(
    const QUuid &conversationId, const QList<QUuid> &participantIds) const
{
    // Only participants may join a conversation room, so the room adds the sockets of
    // participants by another route; whoever ends up here is a participant.
    return m_hub.socketsOf(participantIds, {RoomRegistry::conversationRoom(conversationId)});
}

QList<QUuid> MessagingFanout::participantsOf(const QUuid &conversationId) const
{
    auto rows = messaging::ParticipantRepository(m_context.database).forConversations({conversationId});
    if (!rows) {
        qCWarning(lcFanout) << "cannot read the participants of a conversation:" << rows.error().detail;
        return {};
    }
    return userIdsOf(rows.value());
}

QList<QUuid> MessagingFanout::contactsOf(const QUuid &userId) const
{
    messaging::ParticipantRepository participants(m_context.database);
    auto own = participants.forUser(userId);
    if (!own) {
        qCWarning(lcFanout) << "cannot read a user's conversations:" << own.error().detail;
        return {};
    }
    QList<QUuid> conversationIds;
    for (const auto &row : own.value())
        conversationIds.append(row.conversationId);
    if (conversationIds.isEmpty())
        return {};
    auto members = participants.forConversations(conversationIds);
    if (!members) {
        qCWarning(lcFanout) << "cannot read the participants of a user's conversations:"
                            << members.error().detail;
        return {};
    }
    QSet<QUuid> contacts;
    for (const auto &row : members.value()) {
        if (row.userId != userId)
            contacts.insert(row.userId);
    }
    return contacts.values();
}

void MessagingFanout::sendConversationTo(const QUuid &conversationId, const QUuid &userId)
{
    const QList<ClientSocket *> sockets = m_hub.socketsOf({userId});
    if (sockets.isEmpty())
        return;
    // Any of the user's sockets speaks for the user: the view depends only on who they are.
    auto conversation
        = m_conversations.get(sockets.first()->principal(), sockets.first()->client(), conversationId);
    if (!conversation) {
        qCWarning(lcFanout) << "cannot build a conversation update, status"
                            << httpStatus(conversation.error().kind);
        return;
    }
    m_hub.send(sockets,
        EventFrame(kMessagingNamespace, QStringLiteral("conversation:updated"),
            model::toJson(conversation.value())));
}

} // namespace vw::server::realtime
