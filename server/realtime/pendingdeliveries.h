#pragma once

#include <QUuid>

#include <map>
#include <optional>

namespace vw::server::realtime {

// A message this server handed to a recipient's socket: enough to record its delivery without
// looking it up again (the server chose the recipient, so no access check is needed either).
struct HandedOver
{
    QUuid messageId;
    QUuid conversationId;
    QUuid senderId;
};

// The `message:new` events one socket was asked to acknowledge, by ack id: an ACK from the
// client marks that message delivered. Bounded, because a client may never acknowledge;
// when full the oldest is forgotten.
class PendingDeliveries
{
public:
    explicit PendingDeliveries(int capacity) : m_capacity(capacity) { }

    // The ack id to send with the event.
    qint64 add(const HandedOver &message);
    // The message the ack is for, once; nullopt for an unknown, forgotten or repeated id.
    std::optional<HandedOver> take(qint64 ackId);
    int size() const { return static_cast<int>(m_pending.size()); }

private:
    const int m_capacity;
    qint64 m_nextAckId = 0;
    std::map<qint64, HandedOver> m_pending; // ordered: the oldest is first
};

} // namespace vw::server::realtime
