#pragma once

#include "common/model/enums.h"
#include "common/model/user.h"
#include "server/core/servercontext.h"
#include "server/serveroptions.h"
#include "tests/support/httptestclient.h"
#include "tests/support/manualclock.h"

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

class QHttpServer;

namespace vw::server {
namespace store {
class Database;
}
namespace audit {
class AuditLog;
}
namespace metrics {
class Metrics;
}
namespace users {
class UserRepository;
}
namespace auth {
class AuthModule;
}
namespace http {
class HttpApi;
class Router;
} // namespace http
} // namespace vw::server

namespace vw::test {

// What a successful login gave: the tokens and the user they belong to.
struct TestSession
{
    QString accessToken;
    QString refreshToken;
    qint64 expiresIn = 0; // seconds
    model::User user;
};

// A whole server stack in-process for integration tests: a fresh data dir in a
// QTemporaryDir (master key in a key file the fixture writes), the migrated SQLite store,
// Metrics, AuditLog, the AuthModule (login, sessions, /auth and /users routes), HttpApi and
// a QHttpServer on 127.0.0.1 port 0.
//
// Usage: construct (check isValid()), let other modules build their services from
// context() and register their routes on router(), then start(); talk HTTP through
// client() / clientFor(session). Users and sessions can be made directly (no HTTP) with
// createUser() and login(), before or after start().
//
//     vw::test::TestServerStack stack;
//     QVERIFY2(stack.isValid(), qPrintable(stack.errorString()));
//     MessagingModule messaging(stack.context(), stack.users());   // a module of yours
//     messaging.registerRoutes(stack.router());
//     QVERIFY(stack.start());
//     const auto alice = stack.createUser(QStringLiteral("alice"), model::UserRole::Patient);
//     const auto session = stack.login(QStringLiteral("alice"));
//     auto client = stack.clientFor(session);
//     QCOMPARE(client->get(QStringLiteral("/auth/me")).status, 200);
//
// Time: by default every service runs on manualClock() (a vw::test::ManualClock), so token
// expiry, idle sessions and throttles are tested by advancing it, never by sleeping. Pass
// Options{.systemClock = true} for tests that want real, advancing timestamps.
// Everything lives on the thread that created the stack. Not copyable or movable.
class TestServerStack
{
public:
    // Meets the password policy (at least 12 characters).
    static inline const QString kDefaultPassword = QStringLiteral("correct horse battery staple");

    struct Options
    {
        // Use the wall clock instead of manualClock() for every service.
        bool systemClock = false;
        // Starts from ServerOptions{} with dataDir set to the temporary data dir.
        server::ServerOptions serverOptions {};
    };

    TestServerStack();
    explicit TestServerStack(Options options);
    ~TestServerStack();
    Q_DISABLE_COPY_MOVE(TestServerStack)

    // False when the store could not be opened; errorString() says why.
    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }

    // Register more routes here before (or after) start().
    server::http::Router &router();
    server::http::HttpApi &api();
    // Listens on 127.0.0.1, port 0. False (and errorString()) when it cannot.
    bool start();
    bool isStarted() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    // "http://127.0.0.1:<port>"; only meaningful after start().
    QUrl baseUrl() const;
    // A shared client with no bearer token (create more with newClient()).
    HttpTestClient &client();
    std::unique_ptr<HttpTestClient> newClient() const;
    // A new client that sends `session`'s access token.
    std::unique_ptr<HttpTestClient> clientFor(const TestSession &session) const;

    // The pieces, for modules under test to build on.
    server::ServerContext &context();
    ManualClock &manualClock() { return m_manualClock; }
    const Clock &clock() const;
    server::store::Database &database();
    server::audit::AuditLog &audit();
    server::metrics::Metrics &metrics();
    server::users::UserRepository &users();
    server::auth::AuthModule &auth();
    QString dataDir() const { return m_dataDir; }

    // Creates a user through UserAdministration (so it is audited like a real one); the display
    // name defaults to the user name. Fails the calling test (QTest::qFail) and returns an empty
    // User when creation fails. Argon2id costs ~50 ms per call: create few users per test.
    model::User createUser(const QString &username, model::UserRole role,
        const QString &password = kDefaultPassword, const QString &displayName = {});
    // Logs in through AuthService (no HTTP needed) from client 127.0.0.1 / "vw-test".
    // Fails the calling test and returns an empty session when the login is refused.
    TestSession login(const QString &username, const QString &password = kDefaultPassword);

private:
    void build();

    Options m_options;
    QTemporaryDir m_tempDir;
    QString m_dataDir;
    bool m_valid = false;
    QString m_error;
    ManualClock m_manualClock;
    SystemClock m_systemClock;
    struct Parts;
    std::unique_ptr<Parts> m_parts;
    std::unique_ptr<QHttpServer> m_http;
    std::unique_ptr<HttpTestClient> m_client;
    quint16 m_port = 0;
};

} // namespace vw::test
