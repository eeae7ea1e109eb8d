#pragma once

namespace vw::server {
namespace audit {
class AuditLog;
}
namespace http {
class Router;
}
namespace metrics {
class Metrics;
} // namespace metrics

namespace admin {

// Admin-only routes: the audit trail (GET /admin/audit, /admin/audit/verify) and the
// server's metrics (GET /metrics — API.md requires a bearer token on it too).
class AdminController
{
public:
    AdminController(audit::AuditLog &audit, metrics::Metrics &metrics);

    void registerRoutes(http::Router &router);

private:
    audit::AuditLog &m_audit;
    metrics::Metrics &m_metrics;
};

} // namespace admin
} // namespace vw::server
