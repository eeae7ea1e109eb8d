#pragma once

#include "common/core/result.h"
#include "server/core/principal.h"
#include "server/core/serviceerror.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>
#include <QUuid>

#include <optional>

namespace vw::server::http {

// One HTTP request as handlers see it: already routed (path parameters extracted) and,
// on authenticated routes, with the caller's Principal. Copies only what handlers need,
// so it does not depend on QHttpServerRequest.
struct RequestContext
{
    QByteArray method; // "GET", "POST", ...
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    ClientInfo client;
    QHash<QString, QString> pathParams;
    std::optional<Principal> principal;

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
    // The signed-in caller; only call on authenticated routes.
    const Principal &caller() const { return *principal; }

    // The body as one JSON object; 400 with a clear message otherwise.
    Result<QJsonObject, ServiceError> jsonBody() const;
    // A path parameter that must be a UUID; 400 "<name> must be a UUID" otherwise.
    Result<QUuid, ServiceError> uuidParam(const QString &name) const;
    // A query parameter; nothing when absent or empty.
    std::optional<QString> queryValue(const QString &name) const;
    // An optional integer query parameter within [min, max]; 400 naming it otherwise.
    Result<std::optional<qint64>, ServiceError> queryInt(const QString &name, qint64 min, qint64 max) const;
    // An optional UUID query parameter; 400 naming it otherwise.
    Result<std::optional<QUuid>, ServiceError> queryUuid(const QString &name) const;
};

} // namespace vw::server::http
