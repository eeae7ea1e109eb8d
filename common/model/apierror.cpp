#include "common/model/apierror.h"

#include "common/model/jsonreader.h"

#include <QJsonArray>
#include <QStringList>

namespace vw::model {

namespace {

constexpr int kMinStatusCode = 100;
constexpr int kMaxStatusCode = 599;
// NestJS validation pipes send one message per failed rule; a few hundred is plenty.
constexpr qsizetype kMaxMessageParts = 1'000;

} // namespace

ApiError ApiError::fromStatus(int statusCode, const QString &message)
{
    return ApiError {statusCode, message, reasonPhrase(statusCode)};
}

QString ApiError::reasonPhrase(int statusCode)
{
    switch (statusCode) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 408:
        return QStringLiteral("Request Timeout");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Gone");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 422:
        return QStringLiteral("Unprocessable Entity");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 431:
        return QStringLiteral("Request Header Fields Too Large");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 501:
        return QStringLiteral("Not Implemented");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return QStringLiteral("Error");
    }
}

QJsonObject ApiError::toJson() const
{
    return QJsonObject {
        {QStringLiteral("statusCode"), statusCode},
        {QStringLiteral("message"), message},
        {QStringLiteral("error"), error},
    };
}

Result<ApiError, DecodeError> ApiError::fromJson(const QJsonObject &object)
{
    JsonReader reader(object);
    ApiError result;
    result.statusCode = static_cast<int>(reader.requireInt(u"statusCode", kMinStatusCode, kMaxStatusCode));

    const QJsonValue message = reader.value(u"message");
    if (message.isString()) {
        result.message = message.toString();
    } else if (message.isArray()) {
        const QJsonArray parts = message.toArray();
        if (parts.size() > kMaxMessageParts)
            reader.fail(u"message", QStringLiteral("must have at most %1 items").arg(kMaxMessageParts));
        QStringList texts;
        for (qsizetype i = 0; i < parts.size() && reader.ok(); ++i) {
            if (!parts.at(i).isString()) {
                reader.fail(QStringLiteral("message[%1]").arg(i), QStringLiteral("expected a string"));
                break;
            }
            texts.append(parts.at(i).toString());
        }
        result.message = texts.join(QStringLiteral("; "));
    } else if (message.isUndefined()) {
        reader.fail(u"message", QStringLiteral("is required"));
    } else {
        reader.fail(u"message", QStringLiteral("expected a string or an array of strings"));
    }

    result.error = reader.optionalString(u"error").value_or(reasonPhrase(result.statusCode));
    if (!reader.ok())
        return *reader.error();
    return result;
}

} // namespace vw::model
