#pragma once

#include "common/model/message.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUuid>

namespace vw::server::messaging {

// What happened in messaging, for the realtime gateway to fan out. Every signal is emitted
// only AFTER the change committed, so a listener never announces something that rolled back.
class MessagingEvents : public QObject
{
    Q_OBJECT

public:
    explicit MessagingEvents(QObject *parent = nullptr);

signals:
    // `wireText` is model::toJson(message) as compact JSON text, serialised once for every
    // socket and the sender's acknowledgement.
    void messageCreated(
        const vw::model::Message &message, const QList<QUuid> &participantIds, const QByteArray &wireText);
    // A recipient's device acknowledged the message (the first time only).
    void messageDelivered(const QUuid &conversationId, const QUuid &messageId, const QUuid &senderId,
        const QDateTime &deliveredAt);
    void messagesRead(const QUuid &conversationId, const QUuid &readerId, const QUuid &upToMessageId,
        const QDateTime &readAt);
    void messageDeleted(
        const QUuid &conversationId, const QUuid &messageId, const QList<QUuid> &participantIds);
    void conversationUpdated(const QUuid &conversationId, const QList<QUuid> &participantIds);
    void typing(const QUuid &conversationId, const QUuid &userId, bool isTyping);
};

} // namespace vw::server::messaging
