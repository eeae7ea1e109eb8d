#include "tests/support/serverfixture.h"

#include "server/audit/auditlog.h"
#include "server/auth/authmodule.h"
#include "server/auth/authservice.h"
#include "server/auth/useradministration.h"
#include "server/core/storebootstrap.h"
#include "server/http/httpapi.h"
#include "server/keys/masterkeyloader.h"
#include "server/metrics/metrics.h"
#include "server/store/database.h"
#include "server/users/userrepository.h"

#include <QDir>
#include <QHttpServer>
#include <QTest>
#include <QUuid>

namespace vw::test {

// Declared in destruction-safe order: later members use earlier ones.
struct TestServerStack::Parts
{
    server::OpenedStore store;
    std::unique_ptr<server::metrics::Metrics> metrics;
    std::unique_ptr<server::audit::AuditLog> audit;
    std::unique_ptr<server::ServerContext> context;
    std::unique_ptr<server::users::UserRepository> users;
    std::unique_ptr<server::auth::AuthModule> auth;
    std::unique_ptr<server::http::HttpApi> api;
};

TestServerStack::TestServerStack() : TestServerStack(Options {}) { }

TestServerStack::TestServerStack(Options options) : m_options(std::move(options))
{
    build();
}

TestServerStack::~TestServerStack()
{
    // Stop serving before the services the routes point into go away.
    m_client.reset();
    m_http.reset();
    m_parts.reset();
}

void TestServerStack::build()
{
    if (!m_tempDir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory: %1").arg(m_tempDir.errorString());
        return;
    }
    m_dataDir = m_tempDir.filePath(QStringLiteral("data"));
    const QString keyFile = m_tempDir.filePath(QStringLiteral("master.key"));
    if (auto written = server::keys::MasterKeyLoader::generateKeyFile(keyFile); !written) {
        m_error = written.error();
        return;
    }
    // A distinct connection name per stack, so several stacks (or a second Database in the
    // test) can be open at once.
    const QString connectionName
        = QStringLiteral("vw-test-stack-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto opened = server::StoreBootstrap::open(m_dataDir, keyFile, QString(), connectionName);
    if (!opened) {
        m_error = opened.error();
        return;
    }
    m_options.serverOptions.dataDir = m_dataDir;
    m_options.serverOptions.keyFile = keyFile;

    auto parts = std::make_unique<Parts>(Parts {std::move(opened).value(), {}, {}, {}, {}, {}, {}});
    const Clock &activeClock = clock();
    parts->metrics = std::make_unique<server::metrics::Metrics>();
    parts->audit = std::make_unique<server::audit::AuditLog>(*parts->store.database, activeClock);
    parts->context
        = std::make_unique<server::ServerContext>(server::ServerContext {m_options.serverOptions, activeClock,
            *parts->store.database, *parts->audit, *parts->metrics, parts->store.masterKey.key, nullptr});
    parts->users = std::make_unique<server::users::UserRepository>(*parts->store.database);
    parts->auth = std::make_unique<server::auth::AuthModule>(*parts->context, *parts->users);
    parts->api = std::make_unique<server::http::HttpApi>(parts->auth->authenticator(), *parts->metrics);
    parts->auth->registerRoutes(parts->api->router());
    m_parts = std::move(parts);
    m_valid = true;
}

server::http::Router &TestServerStack::router()
{
    return m_parts->api->router();
}

server::http::HttpApi &TestServerStack::api()
{
    return *m_parts->api;
}

bool TestServerStack::start()
{
    if (!m_valid)
        return false;
    if (m_port != 0)
        return true;
    m_http = std::make_unique<QHttpServer>();
    m_parts->api->install(*m_http);
    m_port = m_http->listen(QHostAddress::LocalHost, 0);
    if (m_port == 0) {
        m_error = QStringLiteral("cannot listen on 127.0.0.1");
        m_http.reset();
        return false;
    }
    m_client = std::make_unique<HttpTestClient>(baseUrl());
    return true;
}

QUrl TestServerStack::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

HttpTestClient &TestServerStack::client()
{
    if (!m_client)
        m_client = std::make_unique<HttpTestClient>(baseUrl());
    return *m_client;
}

std::unique_ptr<HttpTestClient> TestServerStack::newClient() const
{
    return std::make_unique<HttpTestClient>(baseUrl());
}

std::unique_ptr<HttpTestClient> TestServerStack::clientFor(const TestSession &session) const
{
    auto client = newClient();
    client->setBearer(session.accessToken);
    return client;
}

server::ServerContext &TestServerStack::context()
{
    return *m_parts->context;
}

const Clock &TestServerStack::clock() const
{
    if (m_options.systemClock)
        return m_systemClock;
    return m_manualClock;
}

server::store::Database &TestServerStack::database()
{
    return *m_parts->store.database;
}

server::audit::AuditLog &TestServerStack::audit()
{
    return *m_parts->audit;
}

server::metrics::Metrics &TestServerStack::metrics()
{
    return *m_parts->metrics;
}

server::users::UserRepository &TestServerStack::users()
{
    return *m_parts->users;
}

server::auth::AuthModule &TestServerStack::auth()
{
    return *m_parts->auth;
}

model::User TestServerStack::createUser(
    const QString &username, model::UserRole role, const QString &password, const QString &displayName)
{
    if (!m_valid) {
        QTest::qFail("TestServerStack::createUser on a stack that did not open", __FILE__, __LINE__);
        return {};
    }
    const auto created = m_parts->auth->userAdministration().createUser(
        username, displayName.isEmpty() ? username : displayName, role, password);
    if (!created) {
        QTest::qFail(
            qPrintable(QStringLiteral("createUser(%1) failed: %2").arg(username, created.error().message)),
            __FILE__, __LINE__);
        return {};
    }
    return created.value();
}

TestSession TestServerStack::login(const QString &username, const QString &password)
{
    if (!m_valid) {
        QTest::qFail("TestServerStack::login on a stack that did not open", __FILE__, __LINE__);
        return {};
    }
    const auto tokens = m_parts->auth->authService().login(
        username, password, server::ClientInfo {QStringLiteral("127.0.0.1"), QStringLiteral("vw-test")});
    if (!tokens) {
        QTest::qFail(qPrintable(QStringLiteral("login(%1) failed: %2").arg(username, tokens.error().message)),
            __FILE__, __LINE__);
        return {};
    }
    return TestSession {tokens->accessToken, tokens->refreshToken, tokens->expiresInSeconds, tokens->user};
}

} // namespace vw::test
