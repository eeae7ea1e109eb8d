#include "server/server.h"

#include "server/admin/admincontroller.h"
#include "server/attachments/attachmentsmodule.h"
#include "server/audit/auditlog.h"
#include "server/auth/authmodule.h"
#include "server/core/servercontext.h"
#include "server/http/httpapi.h"
#include "server/http/tlsconfiguration.h"
#include "server/messaging/messagingmodule.h"
#include "server/messaging/searchindexer.h"
#include "server/metrics/metrics.h"
#include "server/realtime/realtimemodule.h"
#include "server/store/groupcommitter.h"
#include "server/store/walcheckpointer.h"
#include "server/users/userrepository.h"

#include <QHttpServer>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QUuid>

#include <optional>

namespace vw::server {

namespace {

Q_LOGGING_CATEGORY(lcServer, "vw.server")

bool isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

} // namespace

Server::Server(ServerOptions options, QObject *parent) : QObject(parent), m_options(std::move(options)) { }

Server::~Server()
{
    // The HTTP server (and its sockets) go first, then the WebSockets: both refer to the modules.
    m_http.reset();
    m_realtime.reset();
    // Then the writer finishes what is queued (its completions, meant for sockets that are gone,
    // are dropped; clients resend with their clientMessageId and get the stored message).
    m_committer.reset();
    m_checkpointer.reset();
}

Status<QString> Server::checkTransportSecurity() const
{
    const bool hasCert = !m_options.tlsCertFile.isEmpty();
    const bool hasKey = !m_options.tlsKeyFile.isEmpty();
    if (hasCert != hasKey) {
        return hasCert ? QStringLiteral("--tls-cert was given without --tls-key: TLS needs both")
                       : QStringLiteral("--tls-key was given without --tls-cert: TLS needs both");
    }
    if (hasCert)
        return {};
    if (!isLoopback(m_options.listenAddress) && !m_options.allowInsecureHttp) {
        return QStringLiteral(
            "refusing to serve health information over plain HTTP on %1: give --tls-cert and "
            "--tls-key, listen on 127.0.0.1, or pass --allow-insecure-http if a TLS proxy in "
            "front of this server is the only way in")
            .arg(m_options.listenAddress.toString());
    }
    return {};
}

Status<QString> Server::checkScannerOptions()
{
    if (m_options.clamd.isEmpty()) {
        if (m_options.requireScan)
            return QStringLiteral("--require-scan needs --clamd: there is no scanner to require");
        return {};
    }
    auto address = scanner::ClamdAddress::parse(m_options.clamd);
    if (!address)
        return QStringLiteral("--clamd: %1").arg(address.error());
    m_clamd = address.value();
    return {};
}

Status<QString> Server::start()
{
    if (auto secure = checkTransportSecurity(); !secure)
        return secure.error();
    if (auto scanner = checkScannerOptions(); !scanner)
        return scanner.error();
    // Loaded before the store is opened, so a bad certificate fails fast and touches nothing.
    std::optional<QSslConfiguration> tls;
    if (!m_options.tlsCertFile.isEmpty()) {
        auto loaded = http::loadTlsConfiguration(m_options.tlsCertFile, m_options.tlsKeyFile);
        if (!loaded)
            return QStringLiteral("cannot serve TLS: %1").arg(loaded.error());
        tls = std::move(loaded).value();
    } else if (!isLoopback(m_options.listenAddress)) {
        qCWarning(lcServer) << "serving plain HTTP on" << m_options.listenAddress.toString()
                            << "(--allow-insecure-http): only behind a TLS proxy";
    }

    // Each Server owns its own connection (tests run several in one process).
    const QString connectionName
        = QStringLiteral("vw-server-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    auto opened
        = StoreBootstrap::open(m_options.dataDir, m_options.keyFile, m_options.databaseUrl, connectionName);
    if (!opened)
        return opened.error();
    m_store = std::move(opened).value();
    if (m_store.masterKey.origin == keys::MasterKeyOrigin::Generated) {
        qCWarning(lcServer).noquote() << "generated a new master key at" << m_store.masterKey.path
                                      << "- back it up apart from the data: without it nothing can be read";
    }

    // The group-commit writer gets its own connection to the same store, opened on its thread.
    store::Database &database = *m_store.database;
    m_committer = std::make_unique<store::GroupCommitter>([&database, connectionName] {
        return database.openSibling(connectionName + QStringLiteral("-writer"));
    });
    if (auto writer = m_committer->start(); !writer)
        return QStringLiteral("cannot open the store for writing: %1").arg(writer.error().detail);
    // Most of the copying back from the WAL happens beside the writer (see WalCheckpointer).
    m_checkpointer = std::make_unique<store::WalCheckpointer>([&database, connectionName] {
        return database.openSibling(connectionName + QStringLiteral("-checkpoint"));
    });
    if (auto checkpointer = m_checkpointer->start(); !checkpointer)
        return QStringLiteral("cannot open the store for checkpoints: %1").arg(checkpointer.error().detail);

    buildModules();
    if (auto indexing = m_messaging->startIndexing(); !indexing)
        return QStringLiteral("cannot open the search index: %1").arg(indexing.error().detail);

    // QHttpServer::listen() would accept connections with no limits at all; the guard
    // listens instead and QHttpServer only sees sockets it watches.
    auto guard = std::make_unique<http::ConnectionGuard>(m_options.connectionLimits);
    if (tls) {
        guard->setTlsConfiguration(*tls);
        m_api->setTlsEnabled(true); // HSTS on every reply
    }
    if (!guard->listen(m_options.listenAddress, m_options.port)) {
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(m_options.listenAddress.toString())
            .arg(m_options.port)
            .arg(guard->errorString());
    }
    m_port = guard->serverPort();
    m_guard = guard.get();
    m_realtime->acceptUpgradesFrom(*guard);
    m_http->bind(guard.release()); // reparents the guard to m_http
    registerMetrics();
    m_attachments->start();
    return {};
}

void Server::buildModules()
{
    m_metrics = std::make_unique<metrics::Metrics>();
    m_audit = std::make_unique<audit::AuditLog>(*m_store.database, m_clock, m_committer.get());
    m_users = std::make_unique<users::UserRepository>(*m_store.database);
    m_context = std::make_unique<ServerContext>(ServerContext {m_options, m_clock, *m_store.database,
        *m_audit, *m_metrics, m_store.masterKey.key, m_committer.get()});
    m_auth = std::make_unique<auth::AuthModule>(*m_context, *m_users);
    m_messaging = std::make_unique<messaging::MessagingModule>(*m_context, *m_users);
    m_attachments = std::make_unique<attachments::AttachmentsModule>(
        *m_context, m_messaging->keyring(), m_clamd, m_options.requireScan, !m_options.tlsCertFile.isEmpty());
    m_admin = std::make_unique<admin::AdminController>(*m_audit, *m_metrics);

    m_api = std::make_unique<http::HttpApi>(m_auth->authenticator(), *m_metrics);
    http::Router &router = m_api->router();
    router.add("GET", QStringLiteral("/healthz"), http::Access::Public, [](const http::RequestContext &) {
        return http::HttpResponse::json(200, QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}});
    });
    m_auth->registerRoutes(router);
    m_messaging->registerRoutes(router);
    m_attachments->registerRoutes(router);
    m_admin->registerRoutes(router);

    m_http = std::make_unique<QHttpServer>();
    m_api->install(*m_http);

    // With --rate-limit 0 (benchmarks) the realtime flood guard is off too.
    if (m_options.messagesPerMinute == 0)
        m_options.realtime.maxFramesPerSecond = 0;
    m_realtime
        = std::make_unique<realtime::RealtimeModule>(*m_context, m_options.realtime, *m_auth, *m_messaging);
    m_realtime->install(*m_http, *m_api);
}

void Server::registerMetrics()
{
    m_realtime->registerMetrics(*m_metrics);
    store::GroupCommitter *committer = m_committer.get();
    m_metrics->registerCounter(QStringLiteral("vytalwatch_store_batches_total"),
        QStringLiteral("Group-commit transactions written (one fsync each)."),
        [committer] { return static_cast<double>(committer->batchesCommitted()); });
    m_metrics->registerCounter(QStringLiteral("vytalwatch_store_batched_writes_total"),
        QStringLiteral(
            "Writes (messages, receipts, audit rows, last-seen) committed through the group-commit writer."),
        [committer] { return static_cast<double>(committer->jobsCommitted()); });
    m_metrics->registerHistogram(QStringLiteral("vytalwatch_store_commit_duration_seconds"),
        QStringLiteral("Group-commit COMMITs: the WAL write, its fsync, and SQLite's checkpoint when due."),
        &committer->commitSeconds());
    m_metrics->registerHistogram(QStringLiteral("vytalwatch_store_batch_writes"),
        QStringLiteral("Writes per group-commit transaction."), &committer->batchWrites());
    m_metrics->registerHistogram(QStringLiteral("vytalwatch_store_write_duration_seconds"),
        QStringLiteral("Writes from being queued for the writer to being committed (or failed)."),
        &committer->writeSeconds());
    messaging::SearchIndexer *indexer = m_messaging->searchIndexer();
    m_metrics->registerCounter(QStringLiteral("vytalwatch_search_index_rounds_total"),
        QStringLiteral("Rounds of the search indexer (one transaction of the index file each)."),
        [indexer] { return static_cast<double>(indexer->roundsRun()); });
    m_metrics->registerCounter(QStringLiteral("vytalwatch_search_indexed_messages_total"),
        QStringLiteral("Messages added to the search index (a rebuild counts them again)."),
        [indexer] { return static_cast<double>(indexer->messagesIndexed()); });
    QPointer<http::ConnectionGuard> guard = m_guard;
    m_metrics->registerGauge(QStringLiteral("vytalwatch_http_open_connections"),
        QStringLiteral("TCP connections open on the REST/realtime port."),
        [guard] { return guard ? static_cast<double>(guard->openConnections()) : 0.0; });
    m_metrics->registerGauge(QStringLiteral("vytalwatch_http_parked_connections"),
        QStringLiteral("Keep-alive connections waiting for their next request outside Qt's poll set."),
        [guard] { return guard ? static_cast<double>(guard->parkedConnections()) : 0.0; });
    // What the guard refused, by reason: a rising count is a misbehaving client or an attack.
    for (int i = 0; i < http::rejectReasonCount; ++i) {
        const auto reason = static_cast<http::RejectReason>(i);
        m_metrics->registerCounter(
            QStringLiteral("vytalwatch_http_rejected_%1_total").arg(http::rejectReasonName(reason)),
            QStringLiteral("Connections the guard refused or closed (%1).")
                .arg(http::rejectReasonName(reason)),
            [guard, reason] { return guard ? static_cast<double>(guard->rejections(reason)) : 0.0; });
    }
    m_metrics->registerCounter(QStringLiteral("vytalwatch_tls_handshake_failures_total"),
        QStringLiteral("TLS handshakes that failed or timed out."),
        [guard] { return guard ? static_cast<double>(guard->tlsHandshakeFailures()) : 0.0; });
}

} // namespace vw::server
