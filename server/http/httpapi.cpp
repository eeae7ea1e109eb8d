#include "server/http/httpapi.h"

#include "server/http/authenticator.h"
#include "server/http/pendinganswers.h"
#include "server/metrics/metrics.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpSocket>

#include <exception>

namespace vw::server::http {

Q_LOGGING_CATEGORY(lcAccess, "vw.http.access")

namespace {

Q_LOGGING_CATEGORY(lcHttp, "vw.http")

QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(method));
    return key ? QByteArray(key).toUpper() : QByteArrayLiteral("UNKNOWN");
}

std::optional<QByteArray> bearerToken(const RequestContext &context)
{
    const QByteArray authorization = context.header("authorization").trimmed();
    constexpr QByteArrayView kScheme = "bearer ";
    if (authorization.size() <= kScheme.size()
        || !authorization.left(kScheme.size()).toLower().startsWith(kScheme))
        return std::nullopt;
    return authorization.mid(kScheme.size()).trimmed();
}

} // namespace

RequestContext contextFromRequest(const QHttpServerRequest &request)
{
    RequestContext context;
    context.method = methodName(request.method());
    context.path = request.url().path();
    context.query = request.query();
    for (const auto &[name, value] : request.headers())
        context.headers.insert(name.toLower(), value);
    context.body = request.body();
    context.client.ip = request.remoteAddress().toString();
    context.client.userAgent = QString::fromUtf8(context.header("user-agent").left(256));
    return context;
}

HttpApi::HttpApi(Authenticator &authenticator, metrics::Metrics &metrics)
    : m_authenticator(authenticator), m_metrics(metrics)
{ }

void HttpApi::install(QHttpServer &server)
{
    server.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        serve(request, responder);
    });
}

void HttpApi::handle(RequestContext &context, QString &routePattern, Respond respond)
{
    const auto match = m_router.match(context.method, context.path);
    if (!match) {
        routePattern = QStringLiteral("(unmatched)");
        respond(HttpResponse::error(
            404, QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(context.method), context.path)));
        return;
    }
    const Router::Route &route = *match->route;
    routePattern = route.pattern;
    context.pathParams = match->params;

    if (route.access != Access::Public) {
        const auto token = bearerToken(context);
        if (!token) {
            respond(HttpResponse::error(ServiceError::unauthorized()));
            return;
        }
        auto principal = m_authenticator.authenticate(*token);
        if (!principal) {
            respond(HttpResponse::error(principal.error()));
            return;
        }
        context.principal = principal.value();
        if (route.access == Access::Admin && context.principal->role != model::UserRole::Admin) {
            respond(HttpResponse::error(ServiceError::forbidden()));
            return;
        }
    }

    try {
        if (route.deferredHandler)
            route.deferredHandler(context, std::move(respond));
        else
            respond(route.handler(context));
    } catch (const std::exception &error) {
        // Handlers report failures as ServiceError; an exception is a bug. Say nothing of it
        // to the client, and log only its type-level text (never request data).
        qCCritical(lcHttp) << "handler for" << route.pattern << "threw:" << error.what();
        if (respond)
            respond(HttpResponse::error(ServiceError::internal()));
    }
}

void HttpApi::serve(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    QElapsedTimer timer;
    timer.start();
    // Deferred routes answer after this returns: the context and the responder move into shared
    // ownership and the socket is watched, since the client may hang up before the answer is
    // ready (a QHttpServerResponder whose socket is gone must not be written to).
    auto context = std::make_shared<RequestContext>(contextFromRequest(request));
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = held->socket();
    PendingAnswers::begin(socket);
    auto routePattern = std::make_shared<QString>();
    handle(*context, *routePattern,
        [this, held, socket, timer, routePattern, context](const HttpResponse &response) {
            PendingAnswers::end(socket);
            if (socket)
                write(*held, response);
            const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
            m_metrics.recordRequest(context->method, *routePattern, response.status, seconds);
            qCInfo(lcAccess).noquote()
                << context->method << *routePattern << response.status
                << QStringLiteral("%1ms").arg(seconds * 1000.0, 0, 'f', 2)
                << (context->principal ? context->principal->userId.toString(QUuid::WithoutBraces)
                                       : QStringLiteral("-"));
        });
}

void HttpApi::write(QHttpServerResponder &responder, const HttpResponse &response) const
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    if (response.status != 204) {
        responder.writeHeader("Content-Type", response.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    }
    // Security headers on every answer: no sniffing, no framing, no caching of health data.
    responder.writeHeader("X-Content-Type-Options", "nosniff");
    responder.writeHeader("X-Frame-Options", "DENY");
    responder.writeHeader("Referrer-Policy", "no-referrer");
    responder.writeHeader("Cache-Control", "no-store");
    responder.writeHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (m_tlsEnabled)
        responder.writeHeader("Strict-Transport-Security", "max-age=31536000");
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    if (response.status != 204)
        responder.writeBody(response.body);
    else
        responder.writeBody(QByteArray());
}

} // namespace vw::server::http
