#include "app/client/apiclient.h"
#include "app/client/apierror.h"
#include "app/client/serverendpoint.h"
#include "app/client/sessionkeeper.h"
#include "common/model/wire.h"
#include "server/auth/authmodule.h"
#include "server/auth/tokenservice.h"
#include "server/server.h"
#include "tests/support/httptestclient.h"
#include "tests/support/realtimetestserver.h"
#include "tests/support/sampledocuments.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace vw;
using namespace vw::test;
using vw::client::ApiCall;
using vw::client::ApiClient;
using vw::client::ApiError;
using vw::client::AuthSession;
using vw::client::ServerEndpoint;
using vw::client::SessionKeeper;

namespace {

constexpr int kAnswerTimeoutMs = 10'000;

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

ServerEndpoint endpointFor(const QUrl &url)
{
    auto endpoint = ServerEndpoint::parse(url.toString());
    if (!endpoint)
        qFatal("test endpoint %s refused", qPrintable(url.toString()));
    return endpoint.value();
}

// Runs one call to its answer: `issue` gets the callback to pass to the ApiClient.
template <typename T>
Result<T, ApiError> await(const std::function<void(ApiClient::Callback<T>)> &issue)
{
    std::optional<Result<T, ApiError>> answer;
    issue([&answer](const Result<T, ApiError> &result) { answer.emplace(result); });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, kAnswerTimeoutMs)) {
        ApiError none;
        none.message = QStringLiteral("test: no answer");
        return none;
    }
    return *answer;
}

Status<ApiError> awaitDone(const std::function<void(ApiClient::DoneCallback)> &issue)
{
    std::optional<Status<ApiError>> answer;
    issue([&answer](const Status<ApiError> &result) { answer.emplace(result); });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, kAnswerTimeoutMs)) {
        ApiError none;
        none.message = QStringLiteral("test: no answer");
        return none;
    }
    return *answer;
}

// The failure text for QVERIFY2 (evaluated even when the check passes).
template <typename R>
QByteArray why(const R &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

QJsonObject jwtClaims(const QString &token)
{
    const QList<QString> parts = token.split(u'.');
    if (parts.size() != 3)
        return {};
    const auto payload = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return payload ? QJsonDocument::fromJson(*payload).object() : QJsonObject();
}

// A self-signed certificate for 127.0.0.1 and its key, made by the openssl tool.
bool makeSelfSignedCertificate(const QString &certPath, const QString &keyPath, QString *error)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = QStringLiteral("the openssl command line tool is not installed");
        return false;
    }
    QProcess process;
    process.start(openssl,
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
            QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
            QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"), QStringLiteral("-keyout"), keyPath,
            QStringLiteral("-out"), certPath});
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *error = QString::fromUtf8(process.readAllStandardError());
        return false;
    }
    return true;
}

QUrl closedPortUrl()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

client::OutgoingMessage text(const QString &content, const QString &clientMessageId = {})
{
    client::OutgoingMessage message;
    message.content = content;
    message.clientMessageId = clientMessageId;
    return message;
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<RealtimeTestServer> m_server;
    int m_nextUser = 0;

    // A new user with a session of their own (made on the server side, without a refresh token).
    RealtimeTestUser newUser(const char *prefix, model::UserRole role)
    {
        return m_server->addUser(
            QStringLiteral("%1%2").arg(QLatin1StringView(prefix)).arg(++m_nextUser), role);
    }

    std::unique_ptr<ApiClient> clientAs(const RealtimeTestUser &user)
    {
        auto api = std::make_unique<ApiClient>(endpointFor(m_server->baseUrl()));
        api->setAccessToken(user.accessToken);
        return api;
    }

    std::unique_ptr<ApiClient> anonymousClient()
    {
        return std::make_unique<ApiClient>(endpointFor(m_server->baseUrl()));
    }

    AuthSession signIn(ApiClient &api, const QString &username)
    {
        const auto session = await<AuthSession>(
            [&](auto done) { api.login(username, RealtimeTestServer::kPassword, std::move(done)); });
        if (!session) {
            QTest::qFail(qPrintable(session.error().message), __FILE__, __LINE__);
            return {};
        }
        return session.value();
    }

    // An access token for `session`'s user and session that expired a minute ago, signed with
    // the server's own key: what a client holds after a laptop slept through the token's life.
    QString expiredAccessTokenLike(const QString &token)
    {
        QJsonObject claims = jwtClaims(token);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        claims.insert(QStringLiteral("iat"), now - 16 * 60);
        claims.insert(QStringLiteral("exp"), now - 60);
        claims.insert(QStringLiteral("jti"), model::uuidToWire(QUuid::createUuid()));
        const auto signedToken = m_server->server().auth()->tokenService().signRaw(
            QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})"),
            QJsonDocument(claims).toJson(QJsonDocument::Compact));
        return signedToken ? QString::fromLatin1(signedToken.value()) : QString();
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<RealtimeTestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void statusesMapToKinds_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::newRow("400") << 400 << ApiError::Kind::BadRequest;
        QTest::newRow("401") << 401 << ApiError::Kind::Unauthorized;
        QTest::newRow("403") << 403 << ApiError::Kind::Forbidden;
        QTest::newRow("404") << 404 << ApiError::Kind::NotFound;
        QTest::newRow("409") << 409 << ApiError::Kind::BadRequest;
        QTest::newRow("413") << 413 << ApiError::Kind::BadRequest;
        QTest::newRow("415") << 415 << ApiError::Kind::BadRequest;
        QTest::newRow("422") << 422 << ApiError::Kind::BadRequest;
        QTest::newRow("429") << 429 << ApiError::Kind::RateLimited;
        QTest::newRow("500") << 500 << ApiError::Kind::Server;
        QTest::newRow("503") << 503 << ApiError::Kind::Server;
        QTest::newRow("302: we follow no redirects") << 302 << ApiError::Kind::Server;
    }

    void statusesMapToKinds()
    {
        QFETCH(int, status);
        QFETCH(ApiError::Kind, kind);
        QCOMPARE(ApiError::kindForStatus(status), kind);
    }

    void userTextIsASentenceForPeople_data()
    {
        QTest::addColumn<ApiError>("error");
        QTest::addColumn<QString>("text");
        const auto make = [](ApiError::Kind kind, int status, bool signIn = false, int retryAfter = 0) {
            ApiError error;
            error.kind = kind;
            error.status = status;
            error.signIn = signIn;
            error.retryAfterSeconds = retryAfter;
            error.server = QStringLiteral("clinic.example:3000");
            error.message = QStringLiteral("content: is required");
            return error;
        };
        QTest::newRow("wrong password")
            << make(ApiError::Kind::Unauthorized, 401, true) << s("Wrong username or password.");
        QTest::newRow("expired session") << make(ApiError::Kind::Unauthorized, 401)
                                         << s("Your session has expired. Please sign in again.");
        QTest::newRow("unreachable") << make(ApiError::Kind::Network, 0)
                                     << s("Cannot reach the server at clinic.example:3000. Check the address "
                                          "and your network connection.");
        QTest::newRow("login throttle, seconds") << make(ApiError::Kind::RateLimited, 429, true, 42)
                                                 << s("Too many attempts. Try again in 42 seconds.");
        QTest::newRow("login throttle, minutes") << make(ApiError::Kind::RateLimited, 429, true, 899)
                                                 << s("Too many attempts. Try again in 15 minutes.");
        QTest::newRow("send throttle") << make(ApiError::Kind::RateLimited, 429, false, 1)
                                       << s("Too many requests. Try again in a moment.");
        QTest::newRow("validation") << make(ApiError::Kind::BadRequest, 400)
                                    << s("The server refused the request: content: is required");
        QTest::newRow("too large") << make(ApiError::Kind::BadRequest, 413)
                                   << s("The file is too large to send.");
        QTest::newRow("virus") << make(ApiError::Kind::BadRequest, 422)
                               << s("The file was refused because it may contain a virus.");
        QTest::newRow("server") << make(ApiError::Kind::Server, 500)
                                << s("The server ran into a problem (error 500). Try again later.");
    }

    void userTextIsASentenceForPeople()
    {
        QFETCH(ApiError, error);
        QFETCH(QString, text);
        QCOMPARE(error.userText(), text);
    }

    void loginGivesTokensAndTheUser()
    {
        const RealtimeTestUser alice = newUser("alice", model::UserRole::Patient);
        auto api = anonymousClient();
        const auto session = await<AuthSession>([&](auto done) {
            api->login(alice.user.username, RealtimeTestServer::kPassword, std::move(done));
        });
        QVERIFY2(session.ok(), why(session).constData());
        QCOMPARE(session->user.id, alice.user.id);
        QCOMPARE(session->user.role, model::UserRole::Patient);
        QVERIFY(!session->accessToken.isEmpty());
        QVERIFY(!session->refreshToken.isEmpty());
        QVERIFY(session->expiresAt > QDateTime::currentDateTimeUtc());

        api->setAccessToken(session->accessToken);
        const auto me = await<model::User>([&](auto done) { api->me(std::move(done)); });
        QVERIFY2(me.ok(), why(me).constData());
        QCOMPARE(me->id, alice.user.id);
    }

    void wrongPasswordIsUnauthorized()
    {
        const RealtimeTestUser bob = newUser("bob", model::UserRole::Patient);
        auto api = anonymousClient();
        const auto session = await<AuthSession>([&](auto done) {
            api->login(bob.user.username, QStringLiteral("not the password"), std::move(done));
        });
        QVERIFY(!session.ok());
        QCOMPARE(session.error().kind, ApiError::Kind::Unauthorized);
        QCOMPARE(session.error().status, 401);
        QCOMPARE(session.error().message, s("Invalid credentials"));
        QCOMPARE(session.error().userText(), s("Wrong username or password."));
    }

    void unreachableServerIsANetworkError()
    {
        const QUrl closed = closedPortUrl();
        QVERIFY(closed.isValid());
        ApiClient api(endpointFor(closed));
        const auto session = await<AuthSession>([&](auto done) {
            api.login(QStringLiteral("carol"), QStringLiteral("secret"), std::move(done));
        });
        QVERIFY(!session.ok());
        QCOMPARE(session.error().kind, ApiError::Kind::Network);
        QCOMPARE(session.error().status, 0);
        QVERIFY2(session.error().userText().startsWith(
                     QStringLiteral("Cannot reach the server at 127.0.0.1:%1").arg(closed.port())),
            qPrintable(session.error().userText()));
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // accepts the connection and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ApiClient api(endpointFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()))));
        api.setTimeouts(300, 300);
        const auto me = await<model::User>([&](auto done) { api.me(std::move(done)); });
        QVERIFY(!me.ok());
        QCOMPARE(me.error().kind, ApiError::Kind::Timeout);
    }

    void tlsNeedsATrustedCertificate()
    {
        QTemporaryDir pki;
        QVERIFY(pki.isValid());
        const QString certPath = pki.filePath(QStringLiteral("cert.pem"));
        const QString keyPath = pki.filePath(QStringLiteral("key.pem"));
        QString error;
        if (!makeSelfSignedCertificate(certPath, keyPath, &error))
            QSKIP(qPrintable(QStringLiteral("cannot make a certificate: ") + error));
        RealtimeTestServer tlsServer([&](server::ServerOptions &options) {
            options.tlsCertFile = certPath;
            options.tlsKeyFile = keyPath;
        });
        QVERIFY2(tlsServer.start(), qPrintable(tlsServer.errorString()));
        const RealtimeTestUser judy = tlsServer.addUser(QStringLiteral("judy"), model::UserRole::Patient);
        QUrl url = tlsServer.baseUrl();
        url.setScheme(QStringLiteral("https"));

        ApiClient api(endpointFor(url));
        api.setAccessToken(judy.accessToken);
        const auto untrusted = await<model::User>([&](auto done) { api.me(std::move(done)); });
        QVERIFY(!untrusted.ok());
        QCOMPARE(untrusted.error().kind, ApiError::Kind::TlsError);
        QCOMPARE(untrusted.error().status, 0);
        QVERIFY2(untrusted.error().userText().startsWith(
                     QStringLiteral("Cannot establish a secure connection to 127.0.0.1:%1").arg(url.port())),
            qPrintable(untrusted.error().userText()));

        QFile certFile(certPath);
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromData(certFile.readAll(), QSsl::Pem));
        api.setSslConfiguration(configuration);
        const auto trusted = await<model::User>([&](auto done) { api.me(std::move(done)); });
        QVERIFY2(trusted.ok(), why(trusted).constData());
        QCOMPARE(trusted->id, judy.user.id);
    }

    void usersListsWhomTheCallerMayContact()
    {
        const RealtimeTestUser provider = newUser("drusers", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patusers", model::UserRole::Patient);
        auto api = clientAs(provider);
        client::UserQuery query;
        query.role = model::UserRole::Patient;
        query.search = patient.user.username;
        query.limit = 10;
        const auto users = await<QList<model::User>>([&](auto done) { api->users(query, std::move(done)); });
        QVERIFY2(users.ok(), why(users).constData());
        QCOMPARE(users->size(), 1);
        QCOMPARE(users->first().id, patient.user.id);
    }

    void conversationsOpenListAndGet()
    {
        const RealtimeTestUser provider = newUser("drconv", model::UserRole::Provider);
        const RealtimeTestUser nurse = newUser("nurseconv", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patconv", model::UserRole::Patient);
        auto api = clientAs(provider);

        const auto pair = await<model::Conversation>(
            [&](auto done) { api->openPair(patient.user.id, provider.user.id, std::move(done)); });
        QVERIFY2(pair.ok(), why(pair).constData());
        QCOMPARE(pair->patientId.value_or(QUuid()), patient.user.id);
        QCOMPARE(pair->providerId.value_or(QUuid()), provider.user.id);
        const auto again = await<model::Conversation>(
            [&](auto done) { api->openPair(patient.user.id, provider.user.id, std::move(done)); });
        QVERIFY2(again.ok(), why(again).constData());
        QCOMPARE(again->id, pair->id);

        const auto group = await<model::Conversation>([&](auto done) {
            api->createGroup({provider.user.id, nurse.user.id, patient.user.id}, QStringLiteral("Care team"),
                std::move(done));
        });
        QVERIFY2(group.ok(), why(group).constData());
        QCOMPARE(group->participantIds.size(), 3);
        QCOMPARE(group->title.value_or(QString()), s("Care team"));

        const auto first
            = await<client::ConversationPage>([&](auto done) { api->conversations(1, {}, std::move(done)); });
        QVERIFY2(first.ok(), why(first).constData());
        QCOMPARE(first->conversations.size(), 1);
        QVERIFY(first->nextCursor.has_value());
        const auto second = await<client::ConversationPage>(
            [&](auto done) { api->conversations(1, *first->nextCursor, std::move(done)); });
        QVERIFY2(second.ok(), why(second).constData());
        QCOMPARE(second->conversations.size(), 1);
        QList<QUuid> seen {first->conversations.first().id, second->conversations.first().id};
        std::sort(seen.begin(), seen.end());
        QList<QUuid> expected {pair->id, group->id};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(seen, expected);

        const auto fetched
            = await<model::Conversation>([&](auto done) { api->conversation(group->id, std::move(done)); });
        QVERIFY2(fetched.ok(), why(fetched).constData());
        QCOMPARE(fetched->id, group->id);
    }

    void outsiderGetsNotFound()
    {
        const RealtimeTestUser provider = newUser("drout", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patout", model::UserRole::Patient);
        const RealtimeTestUser outsider = newUser("outsider", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto api = clientAs(outsider);
        const auto fetched
            = await<model::Conversation>([&](auto done) { api->conversation(id, std::move(done)); });
        QVERIFY(!fetched.ok());
        QCOMPARE(fetched.error().kind, ApiError::Kind::NotFound);
        QCOMPARE(fetched.error().status, 404);
    }

    void sendIsIdempotentByClientMessageId()
    {
        const RealtimeTestUser provider = newUser("drsend", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patsend", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto api = clientAs(patient);
        const QString key = model::uuidToWire(QUuid::createUuid());

        client::OutgoingMessage message = text(QStringLiteral("My knee hurts again"), key);
        message.priority = model::MessagePriority::Urgent;
        const auto sent
            = await<model::Message>([&](auto done) { api->sendMessage(id, message, std::move(done)); });
        QVERIFY2(sent.ok(), why(sent).constData());
        QCOMPARE(sent->content, message.content);
        QCOMPARE(sent->senderId, patient.user.id);
        QCOMPARE(sent->priority, model::MessagePriority::Urgent);
        QCOMPARE(sent->clientMessageId.value_or(QString()), key);

        const auto resent
            = await<model::Message>([&](auto done) { api->sendMessage(id, message, std::move(done)); });
        QVERIFY2(resent.ok(), why(resent).constData());
        QCOMPARE(resent->id, sent->id);

        client::OutgoingMessage reply = text(QStringLiteral("Since this morning"));
        reply.replyToId = sent->id;
        const auto answered
            = await<model::Message>([&](auto done) { api->sendMessage(id, reply, std::move(done)); });
        QVERIFY2(answered.ok(), why(answered).constData());
        QCOMPARE(answered->replyToId.value_or(QUuid()), sent->id);

        const auto history
            = await<client::MessagePage>([&](auto done) { api->messages(id, {}, std::move(done)); });
        QVERIFY2(history.ok(), why(history).constData());
        QCOMPARE(history->messages.size(), 2);
    }

    void emptyMessageIsABadRequest()
    {
        const RealtimeTestUser provider = newUser("drempty", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patempty", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto api = clientAs(patient);
        const auto sent
            = await<model::Message>([&](auto done) { api->sendMessage(id, text({}), std::move(done)); });
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().kind, ApiError::Kind::BadRequest);
        QCOMPARE(sent.error().status, 400);
        QVERIFY2(sent.error().message.contains(u"content"), qPrintable(sent.error().message));
    }

    void historyPagesBackwardsAndForwards()
    {
        const RealtimeTestUser provider = newUser("drpage", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patpage", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto api = clientAs(provider);
        QList<model::Message> sent;
        for (int i = 1; i <= 5; ++i) {
            const auto message = await<model::Message>(
                [&](auto done) { api->sendMessage(id, text(QString::number(i)), std::move(done)); });
            QVERIFY2(message.ok(), why(message).constData());
            sent.append(message.value());
        }

        const auto contents = [](const QList<model::Message> &messages) {
            QStringList list;
            for (const model::Message &message : messages)
                list.append(message.content);
            return list;
        };
        client::MessagePageQuery query;
        query.limit = 2;
        const auto newest
            = await<client::MessagePage>([&](auto done) { api->messages(id, query, std::move(done)); });
        QVERIFY2(newest.ok(), why(newest).constData());
        QCOMPARE(contents(newest->messages), (QStringList {s("5"), s("4")}));
        QVERIFY(newest->nextCursor.has_value());

        query.before = newest->messages.last().id;
        const auto older
            = await<client::MessagePage>([&](auto done) { api->messages(id, query, std::move(done)); });
        QVERIFY2(older.ok(), why(older).constData());
        QCOMPARE(contents(older->messages), (QStringList {s("3"), s("2")}));

        client::MessagePageQuery newer;
        newer.after = sent.at(2).id;
        const auto after
            = await<client::MessagePage>([&](auto done) { api->messages(id, newer, std::move(done)); });
        QVERIFY2(after.ok(), why(after).constData());
        QCOMPARE(contents(after->messages), (QStringList {s("5"), s("4")}));
    }

    void markReadLowersTheUnreadCounts()
    {
        const RealtimeTestUser provider = newUser("drread", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patread", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto providerApi = clientAs(provider);
        auto patientApi = clientAs(patient);
        QList<model::Message> sent;
        for (int i = 1; i <= 3; ++i) {
            const auto message = await<model::Message>([&](auto done) {
                providerApi->sendMessage(id, text(QStringLiteral("Reminder %1").arg(i)), std::move(done));
            });
            QVERIFY2(message.ok(), why(message).constData());
            sent.append(message.value());
        }

        const auto before
            = await<client::UnreadCounts>([&](auto done) { patientApi->unreadCounts(std::move(done)); });
        QVERIFY2(before.ok(), why(before).constData());
        QCOMPARE(before->total, qint64(3));
        QCOMPARE(before->byConversation.value(id), qint64(3));

        const auto read
            = await<model::Message>([&](auto done) { patientApi->markRead(sent.at(1).id, std::move(done)); });
        QVERIFY2(read.ok(), why(read).constData());
        QCOMPARE(read->id, sent.at(1).id);
        QCOMPARE(read->status, model::MessageStatus::Read);
        QVERIFY(read->readAt.has_value());

        const auto after
            = await<client::UnreadCounts>([&](auto done) { patientApi->unreadCounts(std::move(done)); });
        QVERIFY2(after.ok(), why(after).constData());
        QCOMPARE(after->total, qint64(1));
        QCOMPARE(after->byConversation.value(id), qint64(1));
        const auto conversation
            = await<model::Conversation>([&](auto done) { patientApi->conversation(id, std::move(done)); });
        QVERIFY2(conversation.ok(), why(conversation).constData());
        QCOMPARE(conversation->unreadCount, qint64(1));
    }

    void searchFindsWholeWords()
    {
        const RealtimeTestUser provider = newUser("drsearch", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patsearch", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto api = clientAs(patient);
        const auto sent = await<model::Message>([&](auto done) {
            api->sendMessage(id, text(QStringLiteral("Blood Pressure was 128/82")), std::move(done));
        });
        QVERIFY2(sent.ok(), why(sent).constData());

        const auto found = await<QList<model::Message>>(
            [&](auto done) { api->searchMessages(QStringLiteral("pressure"), id, 10, std::move(done)); });
        QVERIFY2(found.ok(), why(found).constData());
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().id, sent->id);

        const auto partial = await<QList<model::Message>>([&](auto done) {
            api->searchMessages(QStringLiteral("press"), std::nullopt, 0, std::move(done));
        });
        QVERIFY2(partial.ok(), why(partial).constData());
        QVERIFY(partial->isEmpty());
    }

    void deleteBlanksTheMessage()
    {
        const RealtimeTestUser provider = newUser("drdelete", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patdelete", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto patientApi = clientAs(patient);
        auto providerApi = clientAs(provider);
        const auto sent = await<model::Message>([&](auto done) {
            patientApi->sendMessage(id, text(QStringLiteral("Wrong chat, sorry")), std::move(done));
        });
        QVERIFY2(sent.ok(), why(sent).constData());

        const auto notTheSender
            = awaitDone([&](auto done) { providerApi->deleteMessage(sent->id, std::move(done)); });
        QVERIFY(!notTheSender.ok());
        QVERIFY(notTheSender.error().kind == ApiError::Kind::Forbidden
            || notTheSender.error().kind == ApiError::Kind::NotFound);

        const auto deleted
            = awaitDone([&](auto done) { patientApi->deleteMessage(sent->id, std::move(done)); });
        QVERIFY2(deleted.ok(), why(deleted).constData());
        const auto history
            = await<client::MessagePage>([&](auto done) { patientApi->messages(id, {}, std::move(done)); });
        QVERIFY2(history.ok(), why(history).constData());
        QCOMPARE(history->messages.size(), 1);
        QCOMPARE(history->messages.first().content, QString());
        QVERIFY(history->messages.first().deletedAt.has_value());
    }

    void typingIsAccepted()
    {
        const RealtimeTestUser provider = newUser("drtyping", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("pattyping", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto api = clientAs(patient);
        const auto typing = awaitDone([&](auto done) { api->setTyping(id, true, std::move(done)); });
        QVERIFY2(typing.ok(), why(typing).constData());
        const auto stopped = awaitDone([&](auto done) { api->setTyping(id, false, std::move(done)); });
        QVERIFY2(stopped.ok(), why(stopped).constData());
    }

    void attachmentsUploadDownloadAndLink()
    {
        const RealtimeTestUser provider = newUser("drfiles", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patfiles", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto patientApi = clientAs(patient);
        auto providerApi = clientAs(provider);
        const QByteArray pdf = samples::pdf();
        const QString fileName = QStringLiteral("Befund M\u00fcller \u2014 2026.pdf");

        QList<qint64> progress;
        std::optional<Result<model::Attachment, ApiError>> uploaded;
        ApiCall *upload = patientApi->uploadAttachment(id, fileName, QStringLiteral("application/pdf"), pdf,
            [&](const Result<model::Attachment, ApiError> &result) { uploaded.emplace(result); });
        connect(upload, &ApiCall::progress, this, [&](qint64 done, qint64) { progress.append(done); });
        QVERIFY(QTest::qWaitFor([&] { return uploaded.has_value(); }, kAnswerTimeoutMs));
        QVERIFY2(uploaded->ok(), why(*uploaded).constData());
        const model::Attachment attachment = uploaded->value();
        QCOMPARE(attachment.fileName, fileName);
        QCOMPARE(attachment.mimeType, s("application/pdf"));
        QCOMPARE(attachment.size, qint64(pdf.size()));
        QCOMPARE(attachment.sha256,
            QString::fromLatin1(QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex()));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last(), qint64(pdf.size()));

        client::OutgoingMessage message = text(QStringLiteral("My lab results"));
        message.attachmentIds = {attachment.id};
        const auto sent = await<model::Message>(
            [&](auto done) { patientApi->sendMessage(id, message, std::move(done)); });
        QVERIFY2(sent.ok(), why(sent).constData());
        QCOMPARE(sent->attachments.size(), 1);
        QCOMPARE(sent->attachments.first().id, attachment.id);

        const auto downloaded = await<client::FileContent>(
            [&](auto done) { providerApi->downloadAttachment(attachment.id, std::move(done)); });
        QVERIFY2(downloaded.ok(), why(downloaded).constData());
        QCOMPARE(downloaded->data, pdf);
        QCOMPARE(downloaded->mimeType, s("application/pdf"));

        const auto noThumbnail = await<client::FileContent>(
            [&](auto done) { providerApi->downloadThumbnail(attachment.id, std::move(done)); });
        QVERIFY(!noThumbnail.ok());
        QCOMPARE(noThumbnail.error().kind, ApiError::Kind::NotFound);

        const auto link = await<client::AttachmentLink>(
            [&](auto done) { providerApi->attachmentLink(attachment.id, std::move(done)); });
        QVERIFY2(link.ok(), why(link).constData());
        QCOMPARE(link->url.host(), m_server->baseUrl().host());
        QCOMPARE(link->url.port(), m_server->baseUrl().port());
        QVERIFY(link->expiresAt > QDateTime::currentDateTimeUtc());
        HttpTestClient browser(m_server->baseUrl()); // no bearer: the signature is the credential
        const HttpReply fetched
            = browser.get(link->url.path(QUrl::FullyEncoded) + u'?' + link->url.query(QUrl::FullyEncoded));
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.body, pdf);
    }

    void imageThumbnailDownloads()
    {
        const RealtimeTestUser provider = newUser("drthumb", model::UserRole::Provider);
        const RealtimeTestUser patient = newUser("patthumb", model::UserRole::Patient);
        const QUuid id = *model::parseUuid(m_server->openPair(provider, patient));
        auto api = clientAs(patient);
        const QByteArray png = samples::png(400, 300);
        const auto uploaded = await<model::Attachment>([&](auto done) {
            api->uploadAttachment(
                id, QStringLiteral("rash.png"), QStringLiteral("image/png"), png, std::move(done));
        });
        QVERIFY2(uploaded.ok(), why(uploaded).constData());
        const auto thumbnail = await<client::FileContent>(
            [&](auto done) { api->downloadThumbnail(uploaded->id, std::move(done)); });
        QVERIFY2(thumbnail.ok(), why(thumbnail).constData());
        QVERIFY(thumbnail->mimeType.startsWith(u"image/"));
        QVERIFY(!thumbnail->data.isEmpty());
        QVERIFY(thumbnail->data != png);
    }

    void loginThrottleIsRateLimited()
    {
        const RealtimeTestUser dave = newUser("dave", model::UserRole::Patient);
        auto api = anonymousClient();
        const auto attempt = [&](const QString &password) {
            return await<AuthSession>(
                [&](auto done) { api->login(dave.user.username, password, std::move(done)); });
        };
        for (int i = 0; i < 5; ++i) {
            const auto refused = attempt(QStringLiteral("guess %1").arg(i));
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().kind, ApiError::Kind::Unauthorized);
        }
        const auto throttled = attempt(RealtimeTestServer::kPassword);
        QVERIFY(!throttled.ok());
        QCOMPARE(throttled.error().kind, ApiError::Kind::RateLimited);
        QCOMPARE(throttled.error().status, 429);
        QVERIFY(throttled.error().retryAfterSeconds > 0);
        QVERIFY(throttled.error().retryAfterSeconds <= 15 * 60);
        QVERIFY2(throttled.error().userText().startsWith(u"Too many attempts. Try again in "),
            qPrintable(throttled.error().userText()));
    }

    void logoutEndsTheSession()
    {
        const RealtimeTestUser erin = newUser("erin", model::UserRole::Patient);
        auto api = anonymousClient();
        const AuthSession session = signIn(*api, erin.user.username);
        api->setAccessToken(session.accessToken);
        const auto out = awaitDone([&](auto done) { api->logout(std::move(done)); });
        QVERIFY2(out.ok(), why(out).constData());
        const auto me = await<model::User>([&](auto done) { api->me(std::move(done)); });
        QVERIFY(!me.ok());
        QCOMPARE(me.error().kind, ApiError::Kind::Unauthorized);
        QCOMPARE(me.error().userText(), s("Your session has expired. Please sign in again."));
        const auto refreshed
            = await<AuthSession>([&](auto done) { api->refresh(session.refreshToken, std::move(done)); });
        QVERIFY(!refreshed.ok());
        QCOMPARE(refreshed.error().kind, ApiError::Kind::Unauthorized);
    }

    void keeperRenewsBeforeExpiry()
    {
        const RealtimeTestUser frank = newUser("frank", model::UserRole::Provider);
        auto api = anonymousClient();
        AuthSession session = signIn(*api, frank.user.username);
        // As if the server had issued a token that expires in half a second.
        session.expiresAt = QDateTime::currentDateTimeUtc().addMSecs(500);
        SessionKeeper keeper(*api);
        QSignalSpy renewed(&keeper, &SessionKeeper::tokensChanged);
        QSignalSpy expired(&keeper, &SessionKeeper::sessionExpired);
        keeper.start(session);
        QCOMPARE(api->accessToken(), session.accessToken);

        QVERIFY(renewed.wait(kAnswerTimeoutMs));
        QCOMPARE(renewed.size(), 1);
        const QString fresh = renewed.first().first().toString();
        QVERIFY(fresh != session.accessToken);
        QCOMPARE(api->accessToken(), fresh);
        QCOMPARE(keeper.session().accessToken, fresh);
        QVERIFY(keeper.session().refreshToken != session.refreshToken);
        QCOMPARE(keeper.session().user.id, frank.user.id);
        // The next renewal is a full token life away, not another burst.
        QVERIFY(keeper.session().expiresAt > QDateTime::currentDateTimeUtc().addSecs(60));
        QVERIFY(!renewed.wait(300));
        QCOMPARE(expired.size(), 0);

        const auto me = await<model::User>([&](auto done) { api->me(std::move(done)); });
        QVERIFY2(me.ok(), why(me).constData());
    }

    void expiredAccessTokenIsRenewedOnceAndTheCallsRetried()
    {
        const RealtimeTestUser grace = newUser("grace", model::UserRole::Provider);
        auto api = anonymousClient();
        AuthSession session = signIn(*api, grace.user.username);
        session.accessToken = expiredAccessTokenLike(session.accessToken);
        QVERIFY(!session.accessToken.isEmpty());
        SessionKeeper keeper(*api);
        QSignalSpy renewed(&keeper, &SessionKeeper::tokensChanged);
        QSignalSpy expired(&keeper, &SessionKeeper::sessionExpired);
        keeper.start(session);

        // Three calls refused together share one renewal: a second refresh with the same token
        // would count as reuse and end the session.
        std::optional<Result<model::User, ApiError>> first;
        std::optional<Result<QList<model::User>, ApiError>> second;
        std::optional<Result<client::UnreadCounts, ApiError>> third;
        api->me([&](const Result<model::User, ApiError> &result) { first.emplace(result); });
        api->users({}, [&](const Result<QList<model::User>, ApiError> &result) { second.emplace(result); });
        api->unreadCounts(
            [&](const Result<client::UnreadCounts, ApiError> &result) { third.emplace(result); });
        QVERIFY(QTest::qWaitFor([&] { return first && second && third; }, kAnswerTimeoutMs));
        QVERIFY2(first->ok(), why(*first).constData());
        QCOMPARE(first->value().id, grace.user.id);
        QVERIFY2(second->ok(), why(*second).constData());
        QVERIFY2(third->ok(), why(*third).constData());
        QCOMPARE(renewed.size(), 1);
        QCOMPARE(expired.size(), 0);
        QCOMPARE(api->accessToken(), renewed.first().first().toString());
    }

    void reusedRefreshTokenEndsTheSession()
    {
        const RealtimeTestUser heidi = newUser("heidi", model::UserRole::Patient);
        auto api = anonymousClient();
        const AuthSession original = signIn(*api, heidi.user.username);
        const auto rotated
            = await<AuthSession>([&](auto done) { api->refresh(original.refreshToken, std::move(done)); });
        QVERIFY2(rotated.ok(), why(rotated).constData());

        AuthSession stale = original;
        stale.accessToken = QStringLiteral("not-a-token");
        SessionKeeper keeper(*api);
        QSignalSpy renewed(&keeper, &SessionKeeper::tokensChanged);
        QSignalSpy expired(&keeper, &SessionKeeper::sessionExpired);
        keeper.start(stale);

        const auto me = await<model::User>([&](auto done) { api->me(std::move(done)); });
        QVERIFY(!me.ok());
        QCOMPARE(me.error().kind, ApiError::Kind::Unauthorized);
        QCOMPARE(me.error().userText(), s("Your session has expired. Please sign in again."));
        QCOMPARE(expired.size(), 1);
        QCOMPARE(renewed.size(), 0);
        QVERIFY(!keeper.isActive());
        QVERIFY(api->accessToken().isEmpty());

        // The server treats the reuse as theft: the rotated tokens stopped working too.
        api->setAccessToken(rotated->accessToken);
        const auto thief = await<model::User>([&](auto done) { api->me(std::move(done)); });
        QVERIFY(!thief.ok());
        QCOMPARE(thief.error().kind, ApiError::Kind::Unauthorized);
    }

    void unreachableRefreshKeepsTheSession()
    {
        const QUrl closed = closedPortUrl();
        QVERIFY(closed.isValid());
        ApiClient api(endpointFor(closed));
        SessionKeeper keeper(api);
        QSignalSpy failed(&keeper, &SessionKeeper::renewalFailed);
        QSignalSpy expired(&keeper, &SessionKeeper::sessionExpired);
        AuthSession session;
        session.accessToken = QStringLiteral("access");
        session.refreshToken = QStringLiteral("refresh");
        session.expiresAt = QDateTime::currentDateTimeUtc().addSecs(15 * 60);
        keeper.start(session);

        // Offline is not the end of the session: the refresh token may still work later.
        keeper.refreshNow();
        QVERIFY(failed.wait(kAnswerTimeoutMs));
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Network);
        QCOMPARE(expired.size(), 0);
        QVERIFY(keeper.isActive());
        QCOMPARE(keeper.session().refreshToken, s("refresh"));
        QCOMPARE(api.accessToken(), s("access"));
    }

    void abortedAndUnboundCallsNeverAnswer()
    {
        const RealtimeTestUser ivan = newUser("ivan", model::UserRole::Patient);
        auto api = clientAs(ivan);
        int calls = 0;
        auto widget = std::make_unique<QObject>();
        api->me([&](const Result<model::User, ApiError> &) { ++calls; })->bindTo(widget.get());
        ApiCall *aborted = api->me([&](const Result<model::User, ApiError> &) { ++calls; });
        widget.reset();
        aborted->abort();
        QPointer<ApiCall> watched(aborted);

        // A call issued afterwards is answered by the same server after the two above.
        const auto me = await<model::User>([&](auto done) { api->me(std::move(done)); });
        QVERIFY2(me.ok(), why(me).constData());
        QVERIFY(QTest::qWaitFor([&] { return watched.isNull(); }, kAnswerTimeoutMs));
        QCOMPARE(calls, 0);

        // Destroying the client drops what is still in flight.
        api->me([&](const Result<model::User, ApiError> &) { ++calls; });
        api.reset();
        QTest::qWait(50);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
