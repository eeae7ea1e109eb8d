#pragma once

#include "server/http/httpresponse.h"
#include "server/http/requestcontext.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace vw::server::http {

// Who may call a route. The API layer enforces it before the handler runs.
enum class Access {
    Public, // no token (login, refresh, health)
    Authenticated, // a valid access token of a live session
    Admin, // as Authenticated, and the caller's role is admin
};

using RouteHandler = std::function<HttpResponse(const RequestContext &context)>;
// A handler that answers later (through the group-commit writer's completion, say) by calling
// `respond` exactly once. It must copy what it needs out of `context` before returning.
using Respond = std::function<void(const HttpResponse &response)>;
using DeferredRouteHandler = std::function<void(const RequestContext &context, Respond respond)>;

// Matches method + path against patterns like "/messaging/conversations/:id/messages".
// Literal segments win over parameters, so "/conversations/unread-count" is not taken
// for ":id" whatever the registration order.
class Router
{
public:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Access access = Access::Authenticated;
        RouteHandler handler; // either this
        DeferredRouteHandler deferredHandler; // or this
    };

    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
    };

    void add(const QByteArray &method, const QString &pattern, Access access, RouteHandler handler);
    void addDeferred(
        const QByteArray &method, const QString &pattern, Access access, DeferredRouteHandler handler);
    // Nothing when no route has this method and path (the caller answers 404).
    std::optional<Match> match(const QByteArray &method, const QString &path) const;
    const QList<Route> &routes() const { return m_routes; }

private:
    QList<Route> m_routes;
};

} // namespace vw::server::http
