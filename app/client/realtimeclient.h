#pragma once

#include "app/client/reconnectpolicy.h"
#include "common/core/result.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QWebSocket;

namespace vw::realtime {
class EnginePacket;
class FrameError;
class SocketPacket;
} // namespace vw::realtime

namespace vw::client {

struct RealtimeClientOptions
{
    QString nsp = QStringLiteral("/messaging");
    // An emit with ack that gets no answer in time fails with "ack timeout"; 0 or less waits forever.
    int ackTimeoutMs = 10000;
    // WebSocket open + Engine.IO OPEN + the namespace CONNECT reply; 0 or less waits forever.
    int connectTimeoutMs = 20000;
    bool autoReconnect = true;
    ReconnectPolicy reconnect;
};

// The app's Socket.IO v4 connection (Engine.IO v4, WebSocket transport only) to one
// namespace of the server: handshake, heartbeat, acknowledgements and reconnects with
// backoff, with the semantics of socket.io-client 4. Emits are not buffered while offline.
class RealtimeClient : public QObject
{
    Q_OBJECT
public:
    // Disconnected: idle (never opened, close(), a server disconnect, "Unauthorized", or
    // autoReconnect off). Connecting: the first attempt after open(). Reconnecting: waiting
    // for the backoff or in a later attempt. Connected: the namespace accepted us.
    enum class State { Disconnected, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    using AckHandler = std::function<void(const Result<QJsonArray, QString> &)>;

    explicit RealtimeClient(RealtimeClientOptions options = {}, QObject *parent = nullptr);
    // Aborts the connection without calling pending ack handlers: they may refer to objects
    // that are being destroyed along with this one.
    ~RealtimeClient() override;

    // serverUrl is the REST base, http(s)://host:port; the client opens
    // ws(s)://host:port/socket.io/?EIO=4&transport=websocket and CONNECTs to options.nsp with
    // auth {"token": accessToken}. Replaces any connection or attempt already under way.
    void open(const QUrl &serverUrl, const QString &accessToken);
    // Used by the next (re)connect.
    void setAccessToken(const QString &token);
    // Used for wss:// from the next (re)connect on; without it the default configuration applies.
    void setSslConfiguration(const QSslConfiguration &configuration);
    // Sends the namespace DISCONNECT and the Engine.IO CLOSE; no reconnect follows.
    void close();

    State state() const { return m_state; }
    // The namespace sid from the CONNECT reply; empty unless Connected.
    QString socketId() const { return m_socketId; }

    // Emits fail (or are dropped, without a handler) unless Connected.
    void emitEvent(const QString &name, const QJsonValue &payload);
    void emitEvent(const QString &name, const QJsonValue &payload, AckHandler onAck);
    // Answers an event the server sent with an ack id.
    void sendAck(qint64 ackId, const QJsonArray &args);
    // For tests and diagnostics: sends a text frame as is, whatever the state of the handshake.
    void sendRawFrame(const QString &frame);

signals:
    void stateChanged(vw::client::RealtimeClient::State state);
    void connected();
    // "io server disconnect", "io client disconnect", "transport close", "ping timeout" or
    // "parse error". Pending acks fail with the same reason right after.
    void disconnected(const QString &reason);
    // The server's CONNECT_ERROR message (e.g. "Unauthorized", "Invalid namespace") or why an
    // attempt failed before the namespace accepted us ("connect timeout", a transport error,
    // "parse error", "io server disconnect"). No reconnect follows "Unauthorized".
    void connectError(const QString &message);
    // payload is the event's first argument (undefined if none); ackId is -1 when the server
    // asked for no acknowledgement, otherwise answer with sendAck().
    void eventReceived(const QString &name, const QJsonValue &payload, qint64 ackId);

private:
    class AckTable;
    enum class Retry { No, Yes };
    // Graceful lets frames already queued (DISCONNECT, CLOSE) reach the server first.
    enum class Teardown { Graceful, Abort };

    void startAttempt();
    void onTextFrame(const QString &frame);
    void onEngineOpen(const realtime::EnginePacket &packet);
    void onSocketPacket(const realtime::SocketPacket &packet);
    void onConnectReply(const realtime::SocketPacket &packet);
    void onConnectError(const realtime::SocketPacket &packet);
    void onEvent(const realtime::SocketPacket &packet);
    void onTransportLost(QWebSocket *socket);
    void failParse(const realtime::FrameError &error);
    void failExpiredAcks();

    // Leaves the current connection or attempt: tears it down, picks the next state,
    // then tells listeners (disconnected or connectError) and fails the pending acks.
    void endConnection(const QString &reason, Retry retry, Teardown teardown);
    void resetConnection(Teardown teardown);
    void retireSocket(Teardown teardown);
    void setState(State state);
    bool sendFrame(const QString &frame);
    bool exceedsMaxPayload(const QString &frame) const;

    RealtimeClientOptions m_options;
    QUrl m_serverUrl;
    QString m_accessToken;
    std::optional<QSslConfiguration> m_sslConfiguration;

    State m_state = State::Disconnected;
    QWebSocket *m_socket = nullptr; // the current connection; a child of this
    bool m_engineOpen = false;
    qint64 m_maxPayload = 0;
    QString m_socketId;
    int m_reconnectAttempt = 0;

    QTimer m_connectTimer;
    QTimer m_pingTimer;
    QTimer m_reconnectTimer;
    std::unique_ptr<AckTable> m_acks;
};

} // namespace vw::client
