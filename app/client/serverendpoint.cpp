#include "app/client/serverendpoint.h"

#include <QHostAddress>

namespace vw::client {

namespace {

constexpr int kDefaultHttpPort = 3000;
constexpr int kDefaultHttpsPort = 443;

bool isLocalHost(const QString &host)
{
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

Result<ServerEndpoint, QString> ServerEndpoint::parse(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("Enter the server address.");
    if (!trimmed.contains(QStringLiteral("://")))
        trimmed.prepend(QStringLiteral("http://"));

    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("\"%1\" is not a server address.").arg(text.trimmed());
    const QString scheme = url.scheme().toLower();
    if (scheme != QStringLiteral("http") && scheme != QStringLiteral("https"))
        return QStringLiteral("Use an http:// or https:// address.");
    if (!url.path().isEmpty() && url.path() != QStringLiteral("/"))
        return QStringLiteral("Enter only the server address, without a path.");

    QUrl base;
    base.setScheme(scheme);
    base.setHost(url.host());
    base.setPort(url.port(scheme == QStringLiteral("https") ? kDefaultHttpsPort : kDefaultHttpPort));
    return ServerEndpoint(base);
}

bool ServerEndpoint::usesTls() const
{
    return m_url.scheme() == QStringLiteral("https");
}

bool ServerEndpoint::isInsecureRemote() const
{
    return !usesTls() && !isLocalHost(m_url.host());
}

} // namespace vw::client
