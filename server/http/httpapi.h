#pragma once

#include "server/http/router.h"

#include <QLoggingCategory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace vw::server::metrics {
class Metrics;
}

namespace vw::server::http {

class Authenticator;

Q_DECLARE_LOGGING_CATEGORY(lcAccess)

// The REST API's single response path: every request that is not a WebSocket upgrade comes
// here (as QHttpServer's missing handler, so unknown routes and wrong methods get the same
// treatment), is routed, authenticated and authorised per route, handled, and answered with
// the security headers and one access-log line (method, route, status, duration, user id —
// never bodies or tokens).
class HttpApi
{
public:
    HttpApi(Authenticator &authenticator, metrics::Metrics &metrics);

    Router &router() { return m_router; }
    // Adds Strict-Transport-Security when the server speaks TLS.
    void setTlsEnabled(bool enabled) { m_tlsEnabled = enabled; }
    void install(QHttpServer &server);

    // The whole pipeline without a socket: routes, authenticates, authorises and runs the
    // handler; `respond` runs once, now or (deferred routes) later. `routePattern` is set before
    // this returns.
    void handle(RequestContext &context, QString &routePattern, Respond respond);
    // Answers one request through the pipeline. install() sends every unrouted request here;
    // QHttpServer routes of other modules (the WebSocket upgrade path) call it for requests
    // they do not take over.
    void serve(const QHttpServerRequest &request, QHttpServerResponder &responder);

private:
    void write(QHttpServerResponder &responder, const HttpResponse &response) const;

    Router m_router;
    Authenticator &m_authenticator;
    metrics::Metrics &m_metrics;
    bool m_tlsEnabled = false;
};

// Copies what handlers need out of Qt's request.
RequestContext contextFromRequest(const QHttpServerRequest &request);

} // namespace vw::server::http
