#pragma once

#include "common/core/result.h"
#include "common/model/decodeerror.h"

#include <QJsonObject>
#include <QString>

namespace vw::model {

// The NestJS error body every failed request gets: {statusCode, message, error}.
struct ApiError
{
    int statusCode = 500;
    QString message;
    // The status's reason phrase, e.g. "Not Found".
    QString error;

    // An error whose `error` text is reasonPhrase(statusCode).
    static ApiError fromStatus(int statusCode, const QString &message);
    // Decodes a body from a server. `message` may be a string or, as NestJS validation
    // pipes send it, an array of strings (joined with "; "); a missing `error` (NestJS's own
    // 500 body has none) becomes reasonPhrase(statusCode).
    static Result<ApiError, DecodeError> fromJson(const QJsonObject &object);
    // The HTTP reason phrase for the codes this product uses; "Error" for any other.
    static QString reasonPhrase(int statusCode);

    QJsonObject toJson() const;

    bool operator==(const ApiError &) const = default;
};

} // namespace vw::model
