#include "server/http/router.h"

namespace vw::server::http {

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool isParameter(const QString &segment)
{
    return segment.startsWith(QLatin1Char(':'));
}

// Fewer parameters = more specific; among equals, the earlier registration wins.
int parameterCount(const QStringList &segments)
{
    return static_cast<int>(std::count_if(segments.begin(), segments.end(), isParameter));
}

} // namespace

void Router::add(const QByteArray &method, const QString &pattern, Access access, RouteHandler handler)
{
    m_routes.append(Route {method, pattern, splitPath(pattern), access, std::move(handler), {}});
}

void Router::addDeferred(
    const QByteArray &method, const QString &pattern, Access access, DeferredRouteHandler handler)
{
    m_routes.append(Route {method, pattern, splitPath(pattern), access, {}, std::move(handler)});
}

std::optional<Router::Match> Router::match(const QByteArray &method, const QString &path) const
{
    const QStringList segments = splitPath(path);
    std::optional<Match> best;
    int bestParameters = 0;
    for (const Route &route : m_routes) {
        if (route.method != method || route.segments.size() != segments.size())
            continue;
        Match candidate {&route, {}};
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            const QString &expected = route.segments.at(i);
            if (isParameter(expected))
                candidate.params.insert(expected.mid(1), segments.at(i));
            else
                matches = expected == segments.at(i);
        }
        if (!matches)
            continue;
        const int parameters = parameterCount(route.segments);
        if (!best || parameters < bestParameters) {
            best = std::move(candidate);
            bestParameters = parameters;
        }
    }
    return best;
}

} // namespace vw::server::http
