#pragma once

#include "server/http/connectionguard.h"
#include "server/websocket/streamtransport.h"
#include "server/websocket/websocketframes.h"

#include <QObject>
#include <QString>

#include <memory>

namespace vw::server::websocket {

// One accepted WebSocket, server side (RFC 6455): reads the client's frames, answers pings,
// runs the closing handshake, writes text frames. Replaces QWebSocket on the server, which
// kept two QIODevices, their buffers and a timer per idle socket and took only QStrings.
//
// Signals may be emitted from inside bytes arriving; receivers may send, close or abort
// but must delete the connection later (deleteLater), never from inside a signal.
class WebSocketConnection : public QObject, private TransportListener
{
    Q_OBJECT
public:
    // How much unsent output a connection may hold before its reader counts as gone.
    static constexpr qint64 kMaxQueuedBytes = 16 * 1024 * 1024;
    // How long a peer gets to answer our close frame before the connection is cut.
    static constexpr int kCloseGraceMs = 2000;

    WebSocketConnection(std::unique_ptr<StreamTransport> transport, http::ConnectionTicket ticket,
        QByteArray requestTarget, QByteArray userAgent, qint64 maxMessageBytes, QObject *parent = nullptr);
    ~WebSocketConnection() override;

    // Takes a connection the guard accepted the upgrade of and start()s it with the 101.
    static std::unique_ptr<WebSocketConnection> adopt(
        http::UpgradedConnection &&upgraded, qint64 maxMessageBytes);

    // Sends `reply` (the 101) and starts reading. `earlyBytes` (sent by the client right
    // behind its upgrade request) are read from the event loop, so whoever takes the
    // connection has connected its signals by then.
    void start(QByteArrayView reply, QByteArrayView earlyBytes);

    // True until a close frame was sent or received, or the connection ended.
    bool isOpen() const { return m_state == State::Open; }
    bool isConnected() const { return m_state != State::Ended; }
    QString peerAddress() const { return m_ticket.peer().toString(); }
    const QByteArray &requestTarget() const { return m_requestTarget; }
    const QByteArray &userAgent() const { return m_userAgent; }
    // The code of the close frame sent or received (or NoStatus / Abnormal).
    CloseCode closeCode() const { return m_closeCode; }

    // A text frame; `utf8` must be UTF-8. Nothing is sent once closing.
    void sendText(QByteArrayView utf8);
    void sendText(const QString &text);
    // Starts the closing handshake; the connection ends when the peer answers, or after
    // kCloseGraceMs.
    void close(CloseCode code, const QString &reason);
    // Ends the connection now, without a close frame; emits disconnected() unless ended.
    void abort();

    qint64 bytesToWrite() const { return m_transport->bytesToWrite(); }

signals:
    void textMessageReceived(const QString &text);
    void binaryMessageReceived();
    // Once, when the connection is gone (closed, broken or aborted).
    void disconnected();

private:
    enum class State { Open, Closing, Ended };

    void bytesReceived(QByteArrayView bytes) override;
    void transportEnded() override;
    void handle(IncomingMessage &&message);
    void sendControl(Opcode opcode, QByteArrayView payload);
    void abortAfterGracePeriod();
    void finish();

    std::unique_ptr<StreamTransport> m_transport;
    http::ConnectionTicket m_ticket;
    QByteArray m_requestTarget;
    QByteArray m_userAgent;
    FrameDecoder m_decoder;
    State m_state = State::Open;
    CloseCode m_closeCode = CloseCode::NoStatus;
    bool m_closeSent = false;
};

} // namespace vw::server::websocket
