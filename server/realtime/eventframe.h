#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

namespace vw::server::realtime {

// One server-to-client Socket.IO EVENT, encoded once and sent to many sockets: the JSON
// `["name", payload]` is serialised here, and each socket only prepends the packet head
// (with its own ack id when it is asked to acknowledge). Byte for byte what
// vw::realtime::SocketPacket::event(...).encodeFrame() produces, in UTF-8: what goes into the
// WebSocket frame, without a QString on the way.
class EventFrame
{
public:
    EventFrame(const QString &nsp, const QString &name, const QJsonValue &payload);
    // The same from the payload already serialised as compact JSON text: a sent message is
    // serialised once, for the sender's ack and for every recipient's frame.
    static EventFrame fromJsonText(const QString &nsp, const QString &name, QByteArrayView payloadJson);

    const QString &name() const { return m_name; }
    QByteArray frame() const;
    QByteArray frameWithAck(qint64 ackId) const;

private:
    EventFrame(const QString &nsp, const QString &name);

    QString m_name;
    QByteArray m_head; // "42/messaging,"
    QByteArray m_body; // ["name",{…}]
};

// An ACK packet's frame (UTF-8) whose one argument is already compact JSON text; byte for
// byte what SocketPacket::ack(nsp, ackId, QJsonArray {argument}).encodeFrame() produces.
QByteArray ackFrame(const QString &nsp, qint64 ackId, QByteArrayView argumentJson);

} // namespace vw::server::realtime
