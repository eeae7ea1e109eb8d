#pragma once

#include "server/core/serviceerror.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace vw::server::http {

// What a route handler answers: status, body and any headers of its own. The API layer
// adds the security headers and writes it (httpapi.cpp); handlers never touch sockets.
struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse json(int status, const QJsonArray &array);
    static HttpResponse noContent();
    // The NestJS body of API.md: {"statusCode":404,"message":"…","error":"Not Found"},
    // plus Retry-After for 429.
    static HttpResponse error(const ServiceError &error);
    static HttpResponse error(int status, const QString &message);
};

} // namespace vw::server::http
