#include "server/server.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>

namespace vw::server {

Server::Server(ServerOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_http(std::make_unique<QHttpServer>())
{
    addRoutes();
}

Server::~Server() = default;

Status<QString> Server::start()
{
    const quint16 port = m_http->listen(m_options.listenAddress, m_options.port);
    if (port == 0) {
        return QStringLiteral("cannot listen on %1:%2")
            .arg(m_options.listenAddress.toString())
            .arg(m_options.port);
    }
    m_port = port;
    return {};
}

void Server::addRoutes()
{
    m_http->route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [] {
        return QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}};
    });
    // Unknown routes answer in the NestJS error shape of API.md, never an HTML page.
    m_http->setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        const QJsonObject body {{QStringLiteral("statusCode"), 404},
            {QStringLiteral("message"),
                QStringLiteral("Cannot %1 %2")
                    .arg(QString::fromLatin1(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(
                                                 static_cast<int>(request.method())))
                             .toUpper(),
                        request.url().path())},
            {QStringLiteral("error"), QStringLiteral("Not Found")}};
        responder.write(QJsonDocument(body), QHttpServerResponder::StatusCode::NotFound);
    });
}

} // namespace vw::server
