#include "tests/app/support/chatsessionfixture.h"

#include "app/client/apiclient.h"
#include "app/client/realtimeclient.h"
#include "common/model/wire.h"
#include "server/auth/authmodule.h"
#include "server/auth/tokenservice.h"
#include "server/server.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace vw::test {

namespace {

QJsonObject claimsOf(const QString &token)
{
    const QList<QString> parts = token.split(u'.');
    if (parts.size() != 3)
        return {};
    const auto payload = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return payload ? QJsonDocument::fromJson(*payload).object() : QJsonObject();
}

} // namespace

ChatSessionFixture::ChatSessionFixture() : m_server(std::make_unique<RealtimeTestServer>()) { }

ChatSessionFixture::~ChatSessionFixture() = default;

bool ChatSessionFixture::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    if (!m_server->start()) {
        m_error = m_server->errorString();
        return false;
    }
    m_provider = m_server->addUser(QStringLiteral("drhouse"), model::UserRole::Provider);
    m_patient = m_server->addUser(QStringLiteral("patient1"), model::UserRole::Patient);
    if (m_provider.accessToken.isEmpty() || m_patient.accessToken.isEmpty()) {
        m_error = QStringLiteral("cannot add the users");
        return false;
    }
    m_conversationId = QUuid::fromString(m_server->openPair(m_provider, m_patient));
    if (m_conversationId.isNull()) {
        m_error = QStringLiteral("cannot open the conversation");
        return false;
    }
    return true;
}

QString ChatSessionFixture::filePath(const QString &name) const
{
    return m_dir.filePath(name);
}

client::ChatSessionOptions ChatSessionFixture::sessionOptions(int reconnectDelayMs)
{
    client::ChatSessionOptions options;
    options.outboxDirectory = m_dir.filePath(QStringLiteral("outbox-%1").arg(++m_sessions));
    options.realtime.reconnect.initialDelayMs = reconnectDelayMs;
    options.realtime.reconnect.maxDelayMs = reconnectDelayMs * 2;
    options.realtime.reconnect.jitter = 0;
    options.outboxSender.backoff.initialDelayMs = 100;
    options.outboxSender.backoff.maxDelayMs = 500;
    return options;
}

std::unique_ptr<client::ChatSession> ChatSessionFixture::makeSession(int reconnectDelayMs)
{
    return std::make_unique<client::ChatSession>(sessionOptions(reconnectDelayMs));
}

bool ChatSessionFixture::signIn(client::ChatSession &session, const RealtimeTestUser &user)
{
    session.signIn(m_server->baseUrl().toString(), user.user.username, RealtimeTestServer::kPassword);
    return QTest::qWaitFor([&] { return session.isSignedIn() && session.isOnline(); }, kSignInTimeoutMs);
}

std::optional<QDateTime> ChatSessionFixture::giveShortLivedAccessToken(
    client::ChatSession &session, std::chrono::seconds lifetime)
{
    auto *realtime = session.findChild<client::RealtimeClient *>();
    QJsonObject claims = claimsOf(session.api()->accessToken());
    if (!realtime || claims.isEmpty())
        return std::nullopt;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 expiresAt = now + lifetime.count();
    claims.insert(QStringLiteral("iat"), now);
    claims.insert(QStringLiteral("exp"), expiresAt);
    claims.insert(QStringLiteral("jti"), model::uuidToWire(QUuid::createUuid()));
    const auto token = m_server->server().auth()->tokenService().signRaw(
        QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})"),
        QJsonDocument(claims).toJson(QJsonDocument::Compact));
    if (!token)
        return std::nullopt;
    session.api()->setAccessToken(QString::fromLatin1(token.value()));
    realtime->setAccessToken(QString::fromLatin1(token.value()));
    return QDateTime::fromSecsSinceEpoch(expiresAt, Qt::UTC);
}

} // namespace vw::test
