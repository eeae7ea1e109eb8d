#pragma once

#include "server/audit/auditlog.h"
#include "server/http/httpresponse.h"

namespace vw::server {
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
    // GET /admin/audit and /admin/audit/verify; `record` is the audit row of the request itself.
    http::HttpResponse findEntries(const audit::AuditQuery &query, audit::AuditRecord record);
    http::HttpResponse verifyChain(audit::AuditRecord record);

    audit::AuditLog &m_audit;
    metrics::Metrics &m_metrics;
};

} // namespace admin
} // namespace vw::server
