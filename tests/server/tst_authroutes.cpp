#include "common/model/wire.h"
#include "server/auth/authmodule.h"
#include "server/auth/tokenservice.h"
#include "tests/support/serverfixture.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

using vw::model::UserRole;
using vw::test::HttpReply;
using vw::test::TestServerStack;

namespace {

QJsonObject credentials(const QString &username, const QString &password)
{
    return QJsonObject {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
}

QJsonObject refreshBody(const QString &token)
{
    return QJsonObject {{QStringLiteral("refreshToken"), token}};
}

QByteArray b64(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

// The /auth routes over real HTTP against a real store: login, throttling, refresh rotation
// and reuse, logout, /auth/me, forged tokens, and validation of every body field.
class TestAuthRoutes : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_stack = std::make_unique<TestServerStack>();
        QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
        QVERIFY2(m_stack->start(), qPrintable(m_stack->errorString()));
    }

    void cleanup() { m_stack.reset(); }

    void aPasswordCheckDoesNotHoldUpOtherRequests()
    {
        m_stack->createUser(QStringLiteral("bob"), UserRole::Patient, TestServerStack::kDefaultPassword,
            QStringLiteral("Bob Brown"));
        const QUrl loginUrl = m_stack->baseUrl().resolved(QUrl(QStringLiteral("/auth/login")));
        const QUrl meUrl = m_stack->baseUrl().resolved(QUrl(QStringLiteral("/auth/me")));
        QNetworkAccessManager network;
        // Two requests at once open two keep-alive connections, so the ones below go out at once.
        QList<QNetworkReply *> warmUp {
            network.get(QNetworkRequest(meUrl)), network.get(QNetworkRequest(meUrl))};
        QTRY_VERIFY(warmUp[0]->isFinished() && warmUp[1]->isFinished());
        qDeleteAll(warmUp);

        // A login (Argon2id: ~30 ms of CPU) and, right behind it, a request that needs no
        // password. With the check on the network thread the login would be answered first.
        QStringList finished;
        QNetworkRequest login(loginUrl);
        login.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        std::unique_ptr<QNetworkReply> loginReply(network.post(login,
            QJsonDocument(credentials(QStringLiteral("bob"), TestServerStack::kDefaultPassword)).toJson()));
        connect(loginReply.get(), &QNetworkReply::finished, this,
            [&] { finished.append(QStringLiteral("login")); });
        // Waits in an event loop of its own: QTRY_VERIFY polls every 50 ms, longer than the check.
        QEventLoop uploaded;
        connect(loginReply.get(), &QNetworkReply::uploadProgress, &uploaded, [&](qint64 done, qint64 total) {
            if (total > 0 && done == total)
                uploaded.quit();
        });
        QTimer::singleShot(5000, &uploaded, &QEventLoop::quit);
        uploaded.exec();
        QVERIFY(finished.isEmpty());
        std::unique_ptr<QNetworkReply> meReply(network.get(QNetworkRequest(meUrl)));
        connect(
            meReply.get(), &QNetworkReply::finished, this, [&] { finished.append(QStringLiteral("me")); });
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(finished, (QStringList {QStringLiteral("me"), QStringLiteral("login")}));
        QCOMPARE(loginReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(meReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    }

    void loginAndMe()
    {
        const auto alice = m_stack->createUser(QStringLiteral("alice"), UserRole::Patient,
            TestServerStack::kDefaultPassword, QStringLiteral("Alice Adams"));
        // User names are case-insensitive.
        const HttpReply reply = m_stack->client().post(QStringLiteral("/auth/login"),
            credentials(QStringLiteral("Alice"), TestServerStack::kDefaultPassword));
        QCOMPARE(reply.status, 200);
        const QJsonObject body = reply.json();
        QVERIFY(!body.value(QStringLiteral("accessToken")).toString().isEmpty());
        QCOMPARE(body.value(QStringLiteral("refreshToken")).toString().size(), 43);
        QCOMPARE(body.value(QStringLiteral("expiresIn")).toInt(), 900);
        const QJsonObject user = body.value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("id")).toString(), vw::model::uuidToWire(alice.id));
        QCOMPARE(user.value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
        QCOMPARE(user.value(QStringLiteral("displayName")).toString(), QStringLiteral("Alice Adams"));
        QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("patient"));
        QCOMPARE(user.value(QStringLiteral("online")).toBool(true), false);
        QVERIFY(!reply.body.contains("argon2"));

        auto client = m_stack->newClient();
        client->setBearer(body.value(QStringLiteral("accessToken")).toString());
        const HttpReply me = client->get(QStringLiteral("/auth/me"));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json(), user);

        QCOMPARE(m_stack->client().get(QStringLiteral("/auth/me")).status, 401);
    }

    // Same status and body whether the name exists or not: nothing to enumerate.
    void wrongPasswordAndUnknownUserLookAlike()
    {
        m_stack->createUser(QStringLiteral("bob"), UserRole::Provider);
        const HttpReply wrong = m_stack->client().post(QStringLiteral("/auth/login"),
            credentials(QStringLiteral("bob"), QStringLiteral("not the password")));
        const HttpReply unknown = m_stack->client().post(QStringLiteral("/auth/login"),
            credentials(QStringLiteral("nobody"), QStringLiteral("not the password")));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(unknown.status, 401);
        QCOMPARE(wrong.body, unknown.body);
        QCOMPARE(
            wrong.json().value(QStringLiteral("message")).toString(), QStringLiteral("Invalid credentials"));
        QCOMPARE(wrong.json().value(QStringLiteral("error")).toString(), QStringLiteral("Unauthorized"));
        QCOMPARE(wrong.json().value(QStringLiteral("statusCode")).toInt(), 401);
    }

    void throttlesPerUsername()
    {
        m_stack->createUser(QStringLiteral("carol"), UserRole::Patient);
        for (int i = 0; i < 5; ++i) {
            const HttpReply reply = m_stack->client().post(QStringLiteral("/auth/login"),
                credentials(QStringLiteral("carol"), QStringLiteral("guess number %1").arg(i)));
            QCOMPARE(reply.status, 401);
            m_stack->manualClock().advanceMs(60 * 1000);
        }
        // Even the right password is refused while the name is throttled.
        HttpReply reply = m_stack->client().post(QStringLiteral("/auth/login"),
            credentials(QStringLiteral("carol"), TestServerStack::kDefaultPassword));
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("Too Many Requests"));
        QCOMPARE(reply.header("Retry-After"), QByteArray("600"));

        m_stack->manualClock().advanceMs(10 * 60 * 1000);
        reply = m_stack->client().post(QStringLiteral("/auth/login"),
            credentials(QStringLiteral("carol"), TestServerStack::kDefaultPassword));
        QCOMPARE(reply.status, 200);
    }

    void throttlesPerAddress()
    {
        m_stack->createUser(QStringLiteral("dave"), UserRole::Patient);
        // Twenty failures spread over names that do not exist, all from 127.0.0.1.
        for (int i = 0; i < 20; ++i) {
            const HttpReply reply = m_stack->client().post(QStringLiteral("/auth/login"),
                credentials(QStringLiteral("spray%1").arg(i), QStringLiteral("password")));
            QCOMPARE(reply.status, 401);
        }
        HttpReply reply = m_stack->client().post(QStringLiteral("/auth/login"),
            credentials(QStringLiteral("dave"), TestServerStack::kDefaultPassword));
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.header("Retry-After"), QByteArray("900"));
        m_stack->manualClock().advanceMs(15 * 60 * 1000);
        reply = m_stack->client().post(QStringLiteral("/auth/login"),
            credentials(QStringLiteral("dave"), TestServerStack::kDefaultPassword));
        QCOMPARE(reply.status, 200);
    }

    void refreshRotates()
    {
        m_stack->createUser(QStringLiteral("erin"), UserRole::Provider);
        const auto session = m_stack->login(QStringLiteral("erin"));
        m_stack->manualClock().advanceMs(5 * 60 * 1000);
        const HttpReply reply
            = m_stack->client().post(QStringLiteral("/auth/refresh"), refreshBody(session.refreshToken));
        QCOMPARE(reply.status, 200);
        const QString access = reply.json().value(QStringLiteral("accessToken")).toString();
        const QString refresh = reply.json().value(QStringLiteral("refreshToken")).toString();
        QVERIFY(access != session.accessToken);
        QVERIFY(refresh != session.refreshToken);
        QCOMPARE(reply.json().value(QStringLiteral("expiresIn")).toInt(), 900);
        QCOMPARE(reply.json()
                     .value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("username"))
                     .toString(),
            QStringLiteral("erin"));

        auto client = m_stack->newClient();
        client->setBearer(access);
        QCOMPARE(client->get(QStringLiteral("/auth/me")).status, 200);
        // The new refresh token rotates again.
        const HttpReply again = m_stack->client().post(QStringLiteral("/auth/refresh"), refreshBody(refresh));
        QCOMPARE(again.status, 200);
    }

    // An old refresh token coming back means it was stolen (or the client is broken): the
    // whole session ends, including the access token issued by the legitimate rotation.
    void refreshReuseRevokesSession()
    {
        m_stack->createUser(QStringLiteral("frank"), UserRole::Patient);
        const auto session = m_stack->login(QStringLiteral("frank"));
        const HttpReply rotated
            = m_stack->client().post(QStringLiteral("/auth/refresh"), refreshBody(session.refreshToken));
        QCOMPARE(rotated.status, 200);
        const QString newAccess = rotated.json().value(QStringLiteral("accessToken")).toString();
        const QString newRefresh = rotated.json().value(QStringLiteral("refreshToken")).toString();

        const HttpReply reuse
            = m_stack->client().post(QStringLiteral("/auth/refresh"), refreshBody(session.refreshToken));
        QCOMPARE(reuse.status, 401);

        auto client = m_stack->newClient();
        client->setBearer(newAccess);
        QCOMPARE(client->get(QStringLiteral("/auth/me")).status, 401);
        QCOMPARE(m_stack->clientFor(session)->get(QStringLiteral("/auth/me")).status, 401);
        QCOMPARE(
            m_stack->client().post(QStringLiteral("/auth/refresh"), refreshBody(newRefresh)).status, 401);
    }

    void logoutTakesEffectAtOnce()
    {
        m_stack->createUser(QStringLiteral("grace"), UserRole::Admin);
        const auto session = m_stack->login(QStringLiteral("grace"));
        const auto other = m_stack->login(QStringLiteral("grace"));
        auto client = m_stack->clientFor(session);
        QCOMPARE(client->get(QStringLiteral("/auth/me")).status, 200);
        const HttpReply logout = client->send("POST", QStringLiteral("/auth/logout"));
        QCOMPARE(logout.status, 204);
        QVERIFY(logout.body.isEmpty());
        QCOMPARE(client->get(QStringLiteral("/auth/me")).status, 401);
        QCOMPARE(client->send("POST", QStringLiteral("/auth/logout")).status, 401);
        QCOMPARE(
            m_stack->client().post(QStringLiteral("/auth/refresh"), refreshBody(session.refreshToken)).status,
            401);
        // Only that session: the user's other login keeps working.
        QCOMPARE(m_stack->clientFor(other)->get(QStringLiteral("/auth/me")).status, 200);
    }

    void forgedTokens_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("valid") << QStringLiteral("valid");
        QTest::newRow("payload role flipped to admin") << QStringLiteral("role-admin");
        QTest::newRow("alg none") << QStringLiteral("alg-none");
        QTest::newRow("alg HS512") << QStringLiteral("alg-hs512");
        QTest::newRow("truncated") << QStringLiteral("truncated");
        QTest::newRow("bad base64") << QStringLiteral("bad-base64");
        QTest::newRow("expired") << QStringLiteral("expired");
        QTest::newRow("issued in the future") << QStringLiteral("future");
        QTest::newRow("session that does not exist") << QStringLiteral("no-session");
        QTest::newRow("another user's id with a real session") << QStringLiteral("wrong-user");
    }

    void forgedTokens()
    {
        QFETCH(QString, kind);
        const auto user = m_stack->createUser(QStringLiteral("heidi"), UserRole::Patient);
        const auto session = m_stack->login(QStringLiteral("heidi"));
        auto &tokens = m_stack->auth().tokenService();
        const QByteArray access = session.accessToken.toLatin1();
        const QList<QByteArray> parts = access.split('.');
        QByteArray token = access;
        const auto withClaims
            = [&](const std::function<void(QJsonObject &)> &change, const QByteArray &header) {
                  QJsonObject claims = QJsonDocument::fromJson(
                      QByteArray::fromBase64(
                          parts[1], QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                                           .object();
                  change(claims);
                  return tokens.signRaw(header, QJsonDocument(claims).toJson(QJsonDocument::Compact)).value();
              };
        int expected = 401;
        if (kind == QStringLiteral("valid")) {
            expected = 200;
        } else if (kind == QStringLiteral("role-admin")) {
            QJsonObject claims
                = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1],
                                              QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                      .object();
            claims.insert(QStringLiteral("role"), QStringLiteral("admin"));
            token
                = parts[0] + '.' + b64(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + parts[2];
        } else if (kind == QStringLiteral("alg-none")) {
            token = b64(R"({"alg":"none","typ":"JWT"})") + '.' + parts[1] + '.';
        } else if (kind == QStringLiteral("alg-hs512")) {
            token = withClaims([](QJsonObject &) {}, R"({"alg":"HS512","typ":"JWT"})");
        } else if (kind == QStringLiteral("truncated")) {
            token = access.left(access.size() - 10);
        } else if (kind == QStringLiteral("bad-base64")) {
            token = parts[0] + '.' + parts[1] + "!!." + parts[2];
        } else if (kind == QStringLiteral("expired")) {
            m_stack->manualClock().advanceMs(15 * 60 * 1000);
        } else if (kind == QStringLiteral("future")) {
            token = withClaims(
                [](QJsonObject &claims) {
                    claims.insert(
                        QStringLiteral("iat"), claims.value(QStringLiteral("iat")).toInteger() + 120);
                },
                R"({"alg":"HS256","typ":"JWT"})");
        } else if (kind == QStringLiteral("no-session")) {
            token = tokens.issue(user.id, UserRole::Patient, QUuid::createUuid()).value();
        } else if (kind == QStringLiteral("wrong-user")) {
            // A genuine signature over someone else's id riding on heidi's live session.
            const auto other = m_stack->createUser(QStringLiteral("ivan"), UserRole::Admin);
            const auto claims = tokens.verify(access);
            QVERIFY(claims.ok());
            token = tokens.issue(other.id, UserRole::Admin, claims->sessionId).value();
        }
        auto client = m_stack->newClient();
        client->setBearer(QString::fromLatin1(token));
        const HttpReply me = client->get(QStringLiteral("/auth/me"));
        QCOMPARE(me.status, expected);
        if (expected == 401) {
            QCOMPARE(me.json().value(QStringLiteral("message")).toString(), QStringLiteral("Unauthorized"));
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messageStart");
        const QString login = QStringLiteral("/auth/login");
        const QString refresh = QStringLiteral("/auth/refresh");
        const QByteArray json = "application/json";
        const QByteArray longName = "{\"username\":\"" + QByteArray(65, 'a') + "\",\"password\":\"x\"}";
        const QByteArray longPassword = "{\"username\":\"a\",\"password\":\"" + QByteArray(1025, 'p') + "\"}";
        const QByteArray longToken = "{\"refreshToken\":\"" + QByteArray(513, 't') + "\"}";
        QTest::newRow("login: empty body")
            << login << QByteArray() << json << 400 << QStringLiteral("username");
        QTest::newRow("login: no username")
            << login << QByteArray(R"({"password":"x"})") << json << 400 << QStringLiteral("username");
        QTest::newRow("login: username a number") << login << QByteArray(R"({"username":5,"password":"x"})")
                                                  << json << 400 << QStringLiteral("username");
        QTest::newRow("login: username null") << login << QByteArray(R"({"username":null,"password":"x"})")
                                              << json << 400 << QStringLiteral("username");
        QTest::newRow("login: username empty") << login << QByteArray(R"({"username":"","password":"x"})")
                                               << json << 400 << QStringLiteral("username");
        QTest::newRow("login: username too long")
            << login << longName << json << 400 << QStringLiteral("username");
        QTest::newRow("login: no password")
            << login << QByteArray(R"({"username":"a"})") << json << 400 << QStringLiteral("password");
        QTest::newRow("login: password empty") << login << QByteArray(R"({"username":"a","password":""})")
                                               << json << 400 << QStringLiteral("password");
        QTest::newRow("login: password an object") << login << QByteArray(R"({"username":"a","password":{}})")
                                                   << json << 400 << QStringLiteral("password");
        QTest::newRow("login: password too long")
            << login << longPassword << json << 400 << QStringLiteral("password");
        QTest::newRow("login: array body") << login << QByteArray("[1]") << json << 400 << QString();
        QTest::newRow("login: not JSON") << login << QByteArray("{username") << json << 400 << QString();
        QTest::newRow("login: form body")
            << login << QByteArray("username=a&password=b") << QByteArray("application/x-www-form-urlencoded")
            << 415 << QString();
        QTest::newRow("refresh: empty body")
            << refresh << QByteArray() << json << 400 << QStringLiteral("refreshToken");
        QTest::newRow("refresh: token a number") << refresh << QByteArray(R"({"refreshToken":1})") << json
                                                 << 400 << QStringLiteral("refreshToken");
        QTest::newRow("refresh: token empty") << refresh << QByteArray(R"({"refreshToken":""})") << json
                                              << 400 << QStringLiteral("refreshToken");
        QTest::newRow("refresh: token too long")
            << refresh << longToken << json << 400 << QStringLiteral("refreshToken");
        QTest::newRow("refresh: unknown token") << refresh << QByteArray(R"({"refreshToken":"abc"})") << json
                                                << 401 << QStringLiteral("Invalid refresh token");
    }

    void badInput()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, messageStart);
        const HttpReply reply = m_stack->client().send("POST", path, body, contentType);
        QCOMPARE(reply.status, status);
        const QJsonObject error = reply.json();
        QCOMPARE(error.value(QStringLiteral("statusCode")).toInt(), status);
        QVERIFY(!error.value(QStringLiteral("error")).toString().isEmpty());
        const QString message = error.value(QStringLiteral("message")).toString();
        QVERIFY2(message.startsWith(messageStart), qPrintable(message));
    }

private:
    std::unique_ptr<TestServerStack> m_stack;
};

QTEST_GUILESS_MAIN(TestAuthRoutes)
#include "tst_authroutes.moc"
