#include "tests/support/realtimetestserver.h"

#include "common/realtime/socketpacket.h"
#include "server/auth/authmodule.h"
#include "server/auth/authservice.h"
#include "server/auth/useradministration.h"
#include "server/server.h"

#include <QJsonArray>
#include <QTest>

namespace vw::test {

using vw::realtime::SocketPacket;

server::realtime::RealtimeSettings RealtimeTestServer::fastSettings()
{
    server::realtime::RealtimeSettings settings;
    // Long enough that a test blocking the shared thread (Argon2 in createUser, under ASan
    // and a loaded machine) does not look like a dead peer to the clients.
    settings.pingIntervalMs = 1000;
    settings.pingTimeoutMs = 1000;
    settings.connectTimeoutMs = 1500;
    settings.typingTimeoutMs = 400;
    settings.typingRelayIntervalMs = 200;
    settings.sweepIntervalMs = 50;
    return settings;
}

RealtimeTestServer::RealtimeTestServer(server::realtime::RealtimeSettings settings, int messagesPerMinute)
{
    m_options.dataDir = m_dir.path();
    m_options.port = 0;
    m_options.messagesPerMinute = messagesPerMinute;
    m_options.realtime = settings;
    m_server = std::make_unique<server::Server>(m_options);
}

RealtimeTestServer::RealtimeTestServer(const std::function<void(server::ServerOptions &)> &configure)
    : RealtimeTestServer()
{
    configure(m_options);
    m_options.dataDir = m_dir.path();
    m_options.port = 0;
    m_server = std::make_unique<server::Server>(m_options);
}

RealtimeTestServer::~RealtimeTestServer() = default;

bool RealtimeTestServer::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    auto started = m_server->start();
    if (!started.ok())
        m_error = started.error();
    return started.ok();
}

bool RealtimeTestServer::restart()
{
    m_options.port = m_server->port();
    m_server.reset();
    m_server = std::make_unique<server::Server>(m_options);
    return start();
}

QUrl RealtimeTestServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
}

QUrl RealtimeTestServer::socketUrl(const QString &query) const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?%2").arg(m_server->port()).arg(query));
}

RealtimeTestUser RealtimeTestServer::addUser(const QString &username, model::UserRole role)
{
    auto created = m_server->auth()->userAdministration().createUser(username, username, role, kPassword);
    if (!created.ok()) {
        QTest::qFail(
            qPrintable(QStringLiteral("cannot create %1: %2").arg(username, created.error().message)),
            __FILE__, __LINE__);
        return {};
    }
    return signIn(username);
}

RealtimeTestUser RealtimeTestServer::signIn(const QString &username)
{
    auto tokens = m_server->auth()->authService().login(
        username, kPassword, server::ClientInfo {QStringLiteral("127.0.0.1"), QStringLiteral("tst")});
    if (!tokens.ok()) {
        QTest::qFail(qPrintable(QStringLiteral("cannot sign in %1").arg(username)), __FILE__, __LINE__);
        return {};
    }
    return {tokens.value().user, tokens.value().accessToken, tokens.value().sessionId,
        tokens.value().refreshToken};
}

std::unique_ptr<HttpTestClient> RealtimeTestServer::clientFor(const RealtimeTestUser &user) const
{
    auto client = std::make_unique<HttpTestClient>(baseUrl());
    client->setBearer(user.accessToken);
    return client;
}

QString RealtimeTestServer::openPair(const RealtimeTestUser &provider, const RealtimeTestUser &patient)
{
    const auto reply = clientFor(provider)->post(QStringLiteral("/messaging/conversations"),
        QJsonObject {
            {QStringLiteral("patientId"), patient.id()}, {QStringLiteral("providerId"), provider.id()}});
    if (reply.status != 201 && reply.status != 200) {
        QTest::qFail(qPrintable(QStringLiteral("cannot open a conversation: %1").arg(reply.status)), __FILE__,
            __LINE__);
        return {};
    }
    return reply.json().value(QStringLiteral("id")).toString();
}

RawSocketPeer::RawSocketPeer(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &frame) {
        if (m_answerPings && frame == u"2") {
            m_socket.sendTextMessage(QStringLiteral("3"));
            return;
        }
        m_frames.append(frame);
    });
}

bool RawSocketPeer::open(const QUrl &url)
{
    m_socket.open(url);
    return !waitForPrefix(QStringLiteral("0{")).isEmpty();
}

bool RawSocketPeer::openAndConnect(const QUrl &url, const QString &token)
{
    if (!open(url))
        return false;
    send(SocketPacket::connect(QStringLiteral("/messaging"), QJsonObject {{QStringLiteral("token"), token}})
             .encodeFrame());
    return !waitForPrefix(QStringLiteral("40/messaging,{\"sid\":")).isEmpty();
}

void RawSocketPeer::send(const QString &frame)
{
    m_socket.sendTextMessage(frame);
}

void RawSocketPeer::sendBinary(const QByteArray &data)
{
    m_socket.sendBinaryMessage(data);
}

QString RawSocketPeer::waitForFrame(const std::function<bool(const QString &)> &matches, int timeoutMs)
{
    QString found;
    const auto take = [&] {
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            if (matches(m_frames.at(i))) {
                found = m_frames.takeAt(i);
                return true;
            }
        }
        return false;
    };
    return QTest::qWaitFor(take, timeoutMs) ? found : QString();
}

QString RawSocketPeer::waitForPrefix(const QString &prefix, int timeoutMs)
{
    return waitForFrame([&prefix](const QString &frame) { return frame.startsWith(prefix); }, timeoutMs);
}

QJsonObject RawSocketPeer::waitForEvent(const QString &name, qint64 *ackId, int timeoutMs)
{
    const QString frame = waitForFrame(
        [&name](const QString &candidate) {
            const auto packet = SocketPacket::decodeFrame(candidate);
            return packet.ok() && packet.value().type() == SocketPacket::Type::Event
                && packet.value().eventName() == name;
        },
        timeoutMs);
    if (frame.isEmpty())
        return {};
    const auto packet = SocketPacket::decodeFrame(frame).value();
    if (ackId)
        *ackId = packet.ackId().value_or(-1);
    return packet.eventArgs().first().toObject();
}

QJsonObject RawSocketPeer::call(const QString &name, const QJsonObject &payload, int timeoutMs)
{
    const qint64 ackId = m_nextAckId++;
    send(SocketPacket::event(QStringLiteral("/messaging"), name, QJsonValue(payload), ackId).encodeFrame());
    const QString frame = waitForPrefix(QStringLiteral("43/messaging,%1[").arg(ackId), timeoutMs);
    if (frame.isEmpty())
        return {};
    const auto packet = SocketPacket::decodeFrame(frame);
    return packet.ok() ? packet.value().ackArgs().first().toObject() : QJsonObject {};
}

bool RawSocketPeer::staysQuietOf(const QString &name, int ms)
{
    return waitForEvent(name, nullptr, ms).isEmpty();
}

bool RawSocketPeer::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
}

} // namespace vw::test
