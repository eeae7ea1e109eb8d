#pragma once

#include "common/model/message.h"
#include "server/core/servercontext.h"
#include "server/realtime/realtimesettings.h"
#include "server/realtime/typingtracker.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QUuid>

namespace vw::server::messaging {
class ConversationService;
class MessagingEvents;
} // namespace vw::server::messaging

namespace vw::server::realtime {

class ClientSocket;
class RealtimeHub;

// Turns what happened in messaging (committed changes, from MessagingEvents) and presence
// into server-to-client events for the right sockets: a conversation's events go to its
// participants' user rooms and to its conversation room, never to anyone else.
class MessagingFanout : public QObject
{
    Q_OBJECT
public:
    MessagingFanout(const ServerContext &context, RealtimeHub &hub, messaging::MessagingEvents &events,
        messaging::ConversationService &conversations, const RealtimeSettings &settings,
        QObject *parent = nullptr);

    // `user:status` to everyone who shares a conversation with the user; going offline also
    // clears the user's typing indicators.
    void announcePresence(const QUuid &userId, bool online, const QDateTime &lastSeenAt);
    // Clears typing indicators nobody refreshed in time (called on the gateway's sweep).
    void expireTyping(qint64 nowMs);

private:
    void messageCreated(
        const model::Message &message, const QList<QUuid> &participantIds, const QByteArray &wireText);
    void messageDelivered(const QUuid &conversationId, const QUuid &messageId, const QUuid &senderId,
        const QDateTime &deliveredAt);
    void messagesRead(const QUuid &conversationId, const QUuid &readerId, const QUuid &upToMessageId,
        const QDateTime &readAt);
    void messageDeleted(
        const QUuid &conversationId, const QUuid &messageId, const QList<QUuid> &participantIds);
    void conversationUpdated(const QUuid &conversationId, const QList<QUuid> &participantIds);
    void typingReported(const QUuid &conversationId, const QUuid &userId, bool isTyping);

    void relayTyping(const TypingChange &change);
    // Authenticated sockets of the participants and of the conversation's room.
    QList<ClientSocket *> audience(const QUuid &conversationId, const QList<QUuid> &participantIds) const;
    // The participants as stored; empty (and logged) when the store cannot say.
    QList<QUuid> participantsOf(const QUuid &conversationId) const;
    // Everyone who shares at least one conversation with the user, the user excluded.
    QList<QUuid> contactsOf(const QUuid &userId) const;
    // `conversation:updated` to one user's sockets, with that user's own unread count.
    void sendConversationTo(const QUuid &conversationId, const QUuid &userId);

    const ServerContext &m_context;
    RealtimeHub &m_hub;
    messaging::ConversationService &m_conversations;
    TypingTracker m_typing;
};

} // namespace vw::server::realtime
