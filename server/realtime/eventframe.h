#pragma once

#include <QJsonValue>
#include <QString>

namespace vw::server::realtime {

// One server-to-client Socket.IO EVENT, encoded once and sent to many sockets: the JSON
// `["name", payload]` is serialised here, and each socket only prepends the packet head
// (with its own ack id when it is asked to acknowledge). Byte for byte what
// vw::realtime::SocketPacket::event(...).encodeFrame() produces.
class EventFrame
{
public:
    EventFrame(const QString &nsp, const QString &name, const QJsonValue &payload);

    const QString &name() const { return m_name; }
    QString frame() const;
    QString frameWithAck(qint64 ackId) const;

private:
    QString m_name;
    QString m_head; // "42/messaging,"
    QString m_body; // ["name",{…}]
};

} // namespace vw::server::realtime
