#pragma once

#include "server/websocket/streamtransport.h"
#include "tests/load/loadsocket.h"
#include "tests/load/websocketframing.h"

#include <QHostAddress>
#include <QSet>
#include <QTimer>

#include <memory>
#include <unordered_map>

class QTcpSocket;

namespace vw::load {

// A lean Socket.IO v4 client for load: WebSocket framing over a QTcpSocket it owns, so it can
// bind a chosen loopback source address (the server caps connections per address, and
// QWebSocket cannot bind), and it skips decoding events nobody asked for. Engine.IO pings
// are answered; there are no reconnects, ack timeouts or payload limits. Once upgraded, the
// connection moves to the server's own DescriptorTransport (one epoll set per thread): with
// thousands of idle sockets per thread, a QTcpSocket each made every wake-up poll() them all,
// and the load generator took the CPU the server was being measured on.
class RawLoadSocket : public LoadSocket, private server::websocket::TransportListener
{
    Q_OBJECT
public:
    // A null sourceAddress lets the kernel choose.
    explicit RawLoadSocket(const QHostAddress &sourceAddress = QHostAddress(), int connectTimeoutMs = 30'000,
        QObject *parent = nullptr);
    // Pending ack handlers are not called: their owners may be going away too.
    ~RawLoadSocket() override;

    void open(const QUrl &serverUrl, const QString &accessToken) override;
    bool isConnected() const override { return m_phase == Phase::Connected; }
    void emitWithAck(const QString &event, const QJsonObject &payload, AckHandler onAck) override;
    void acknowledge(qint64 ackId, const QJsonArray &args) override;
    void close() override;
    void setWantedEvents(const QStringList &names) override;

private:
    enum class Phase { Idle, Upgrading, AwaitingOpen, AwaitingConnect, Connected, Closed };

    void onReadyRead();
    void bytesReceived(QByteArrayView bytes) override;
    void transportEnded() override;
    void readFrames();
    bool readUpgradeReply();
    void onMessage(const WsMessage &message);
    void onEngineFrame(const QByteArray &utf8);
    void onSocketFrame(const QByteArray &utf8);
    void sendFrame(WsOpcode opcode, QByteArrayView payload);
    void sendText(const QString &text);
    // Ends the connection; reports connectFailed or disconnected and fails pending acks.
    void fail(const QString &reason);
    quint32 nextMask();

    QHostAddress m_sourceAddress;
    QTcpSocket *m_socket = nullptr; // a child of this, until the upgrade
    std::unique_ptr<server::websocket::StreamTransport> m_transport; // after it
    QTimer m_connectTimer;
    Phase m_phase = Phase::Idle;
    QByteArray m_key;
    QByteArray m_upgradeReply;
    WsFrameReader m_reader;
    QString m_token;
    QString m_host;
    std::optional<QSet<QString>> m_wanted;
    qint64 m_nextAckId = 0;
    std::unordered_map<qint64, AckHandler> m_acks;
    quint32 m_maskState;
};

} // namespace vw::load
