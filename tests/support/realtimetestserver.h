#pragma once

#include "common/model/enums.h"
#include "common/model/user.h"
#include "server/realtime/realtimesettings.h"
#include "server/serveroptions.h"
#include "tests/support/httptestclient.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace vw::server {
class Server;
}

namespace vw::test {

// A signed-in user of a RealtimeTestServer: who, and the tokens of one session.
struct RealtimeTestUser
{
    model::User user;
    QString accessToken;
    QUuid sessionId;
    QString refreshToken;

    QString id() const { return user.id.toString(QUuid::WithoutBraces); }
};

// The production vw::server::Server on 127.0.0.1 port 0 in a temporary data dir, with the
// realtime timers shortened (pings, typing expiry, connect deadline) so tests of the Socket.IO
// gateway run in well under a second per case. Everything on the calling thread.
class RealtimeTestServer
{
public:
    static inline const QString kPassword = QStringLiteral("realtime test passphrase");

    // Heartbeat 1 s + 1 s, typing cleared after 400 ms, connect deadline 1.5 s, sweep 50 ms.
    static server::realtime::RealtimeSettings fastSettings();

    explicit RealtimeTestServer(
        server::realtime::RealtimeSettings settings = fastSettings(), int messagesPerMinute = 600);
    // fastSettings() and 600 messages a minute, then whatever `configure` changes (limits, clamd...).
    explicit RealtimeTestServer(const std::function<void(server::ServerOptions &)> &configure);
    ~RealtimeTestServer();
    Q_DISABLE_COPY_MOVE(RealtimeTestServer)

    // False (and errorString()) when the server could not start.
    bool start();
    // Stops the server (its sockets drop without a goodbye, as in a crash or a restart) and
    // starts a new one on the same port and data dir.
    bool restart();
    QString errorString() const { return m_error; }
    server::Server &server() { return *m_server; }
    // The data directory (the SQLite store is vytalwatch.db in it).
    QString dataDir() const { return m_dir.path(); }

    QUrl baseUrl() const;
    // ws://127.0.0.1:<port>/socket.io/?<query>
    QUrl socketUrl(const QString &query = QStringLiteral("EIO=4&transport=websocket")) const;

    // Creates the user (display name = user name) and signs them in; fails the test otherwise.
    RealtimeTestUser addUser(const QString &username, model::UserRole role);
    // Another session of an existing user.
    RealtimeTestUser signIn(const QString &username);
    std::unique_ptr<HttpTestClient> clientFor(const RealtimeTestUser &user) const;
    // The provider opens the pair conversation with the patient over REST; its id.
    QString openPair(const RealtimeTestUser &provider, const RealtimeTestUser &patient);

private:
    QTemporaryDir m_dir;
    server::ServerOptions m_options;
    std::unique_ptr<server::Server> m_server;
    QString m_error;
};

// A WebSocket that speaks raw Engine.IO / Socket.IO frames, for tests of the protocol
// itself: records every text frame the server sends and waits for the one a test expects.
class RawSocketPeer : public QObject
{
    Q_OBJECT
public:
    explicit RawSocketPeer(QObject *parent = nullptr);

    // Opens the WebSocket and waits for the Engine.IO OPEN frame; false when none came.
    bool open(const QUrl &url);
    // open() plus a namespace CONNECT with the token; false unless accepted ("40/messaging,{sid}").
    bool openAndConnect(const QUrl &url, const QString &token);
    void send(const QString &frame);
    void sendBinary(const QByteArray &data);
    // Waits for a frame (received from now on or already queued and not yet taken) that
    // matches; removes and returns it, or an empty string after the timeout.
    QString waitForFrame(const std::function<bool(const QString &)> &matches, int timeoutMs = 3000);
    QString waitForPrefix(const QString &prefix, int timeoutMs = 3000);
    // The payload of the next `name` event in /messaging (first argument), with its ack id
    // (-1 without one); an empty object after the timeout.
    QJsonObject waitForEvent(const QString &name, qint64 *ackId = nullptr, int timeoutMs = 3000);
    // Sends `42/messaging,<ackId>["name",payload]` and waits for the matching ack's first argument.
    QJsonObject call(const QString &name, const QJsonObject &payload, int timeoutMs = 3000);
    // True when no `name` event arrives within `ms`.
    bool staysQuietOf(const QString &name, int ms);
    bool waitForDisconnected(int timeoutMs = 3000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // Answer server pings automatically (true by default).
    void setAnswerPings(bool answer) { m_answerPings = answer; }
    QStringList pending() const { return m_frames; }
    QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QStringList m_frames;
    bool m_answerPings = true;
    qint64 m_nextAckId = 100;
};

} // namespace vw::test
