#pragma once

#include "common/realtime/socketpacket.h"
#include "server/realtime/realtimesettings.h"
#include "server/websocket/websocketframes.h"

#include <QObject>
#include <QString>

#include <memory>

namespace vw::server::websocket {
class WebSocketConnection;
}

namespace vw::server::realtime {

// The Engine.IO v4 layer of one WebSocket: sends the OPEN handshake, pings on the
// gateway's sweep and drops a peer whose pong is overdue, decodes each text frame and hands
// up the Socket.IO packets it carries. Anything that is not the protocol (undecodable
// frames, binary frames, a flood of frames, oversized messages) closes this connection
// only; the reason goes to the log, the frame's content never does.
class EngineConnection : public QObject
{
    Q_OBJECT
public:
    EngineConnection(std::unique_ptr<websocket::WebSocketConnection> socket, const RealtimeSettings &settings,
        QObject *parent = nullptr);
    ~EngineConnection() override;

    // Checks the upgrade URL asked for Engine.IO 4 over WebSocket on the Socket.IO path and
    // sends the OPEN packet.
    // False (and the connection is closed) for anything else.
    bool open(const QString &sid, qint64 nowMs);
    bool isOpen() const { return !m_closed; }

    QString peerAddress() const;
    QString userAgent() const;

    void sendFrame(const QString &frame);
    // A frame already in UTF-8 (EventFrame, ackFrame): no conversion on the way out.
    void sendUtf8Frame(QByteArrayView frame);
    void sendPacket(const vw::realtime::SocketPacket &packet);

    // Ends the connection at once; `closed` is emitted before this returns (once only).
    void close(const QString &reason, websocket::CloseCode code = websocket::CloseCode::Normal);

    // Deletes this later: once the WebSocket's closing handshake is over (the peer answered
    // or WebSocketConnection::kCloseGraceMs passed) if one is under way, else at once.
    void deleteWhenDone();

    // Called on every sweep: sends a ping when one is due, closes when the pong is overdue.
    void heartbeat(qint64 nowMs);

signals:
    void packetReceived(const vw::realtime::SocketPacket &packet);
    // `reason` is socket.io's disconnect reason ("transport close", "ping timeout",
    // "parse error", ...), for the log.
    void closed(const QString &reason);

private:
    void onTextMessage(const QString &frame);
    void onBinaryMessage();
    void onDisconnected();
    bool withinFrameBudget(qint64 nowMs);

    std::unique_ptr<websocket::WebSocketConnection> m_socket;
    const RealtimeSettings &m_settings;
    qint64 m_nextPingMs = 0;
    qint64 m_pongDeadlineMs = 0; // 0: no ping outstanding
    double m_frameTokens = 0;
    qint64 m_frameTokensAtMs = 0;
    bool m_closed = false;
};

} // namespace vw::server::realtime
