#include "server/realtime/eventpayload.h"

namespace vw::server::realtime {

Result<QJsonObject, ServiceError> eventPayloadObject(const QJsonArray &args)
{
    if (args.isEmpty() || !args.first().isObject())
        return ServiceError::badRequest(QStringLiteral("the event payload must be an object"));
    return args.first().toObject();
}

QJsonObject ackSuccess(QJsonObject fields)
{
    fields.insert(QStringLiteral("ok"), true);
    return fields;
}

QByteArray ackSuccessText(QLatin1StringView field, QByteArrayView valueJson)
{
    // QJsonDocument's key order: "ok" sorts after every field name the events use.
    Q_ASSERT(field < QLatin1StringView("ok"));
    QByteArray text = "{\"" + QByteArray(field.data(), field.size()) + "\":";
    text += valueJson;
    text += ",\"ok\":true}";
    return text;
}

QJsonObject ackFailure(const ServiceError &error)
{
    QJsonObject ack {{QStringLiteral("ok"), false}, {QStringLiteral("error"), error.message},
        {QStringLiteral("statusCode"), httpStatus(error.kind)}};
    if (error.retryAfterSeconds > 0)
        ack.insert(QStringLiteral("retryAfterSeconds"), error.retryAfterSeconds);
    return ack;
}

} // namespace vw::server::realtime
