#pragma once

#include "common/core/clock.h"
#include "server/core/storebootstrap.h"
#include "server/http/connectionguard.h"
#include "server/scanner/clamdaddress.h"
#include "server/serveroptions.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QHttpServer;

namespace vw::server {

struct ServerContext;
namespace admin {
class AdminController;
}
namespace attachments {
class AttachmentsModule;
}
namespace audit {
class AuditLog;
}
namespace auth {
class AuthModule;
}
namespace http {
class HttpApi;
}
namespace messaging {
class MessagingModule;
}
namespace metrics {
class Metrics;
}
namespace realtime {
class RealtimeModule;
}
namespace store {
class GroupCommitter;
class WalCheckpointer;
} // namespace store
namespace users {
class UserRepository;
}

// One running VytalWatch server: opens the store, builds the modules (auth, messaging,
// attachments, admin, the realtime gateway), puts the connection guard in front of QtHttpServer and listens.
// Used by vytalwatch-server, by vytalwatch-chat's integrated mode and by the tests (port 0).
class Server : public QObject
{
    Q_OBJECT
public:
    explicit Server(ServerOptions options, QObject *parent = nullptr);
    ~Server() override;

    // Opens the store and starts listening; the error is one sentence for the operator
    // (insecure bind refused, key missing, port taken, ...). Call once.
    Status<QString> start();
    quint16 port() const { return m_port; }
    const ServerOptions &options() const { return m_options; }

    // The parts, for the integrated desktop mode (demo seeding) and for tests; null before start().
    auth::AuthModule *auth() const { return m_auth.get(); }
    messaging::MessagingModule *messaging() const { return m_messaging.get(); }
    realtime::RealtimeModule *realtime() const { return m_realtime.get(); }
    attachments::AttachmentsModule *attachments() const { return m_attachments.get(); }
    // The listener in front of QtHttpServer (counters for /metrics); null before start().
    http::ConnectionGuard *connectionGuard() const { return m_guard; }

private:
    Status<QString> checkTransportSecurity() const;
    Status<QString> checkScannerOptions();
    void buildModules();
    void registerMetrics();

    ServerOptions m_options;
    SystemClock m_clock;
    OpenedStore m_store;
    std::unique_ptr<metrics::Metrics> m_metrics;
    std::unique_ptr<audit::AuditLog> m_audit;
    std::unique_ptr<users::UserRepository> m_users;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<auth::AuthModule> m_auth;
    std::unique_ptr<messaging::MessagingModule> m_messaging;
    std::unique_ptr<attachments::AttachmentsModule> m_attachments;
    std::unique_ptr<admin::AdminController> m_admin;
    std::unique_ptr<realtime::RealtimeModule> m_realtime;
    std::unique_ptr<http::HttpApi> m_api;
    std::unique_ptr<QHttpServer> m_http;
    QPointer<http::ConnectionGuard> m_guard; // owned by m_http once bound
    std::optional<scanner::ClamdAddress> m_clamd;
    // Declared last so it goes first: queued writes finish before the modules go.
    std::unique_ptr<store::GroupCommitter> m_committer;
    std::unique_ptr<store::WalCheckpointer> m_checkpointer;
    quint16 m_port = 0;
};

} // namespace vw::server
