#pragma once

#include "common/core/result.h"
#include "server/core/serviceerror.h"

#include <QJsonArray>
#include <QJsonObject>

namespace vw::server::realtime {

// The first argument of a client event, which must be a JSON object (fields are then read
// with model::JsonReader, so the 400s are worded as REST words them).
Result<QJsonObject, ServiceError> eventPayloadObject(const QJsonArray &args);

// The body of an acknowledgement (API.md): {ok: true, ...fields} or
// {ok: false, error: message, statusCode[, retryAfterSeconds]}.
QJsonObject ackSuccess(QJsonObject fields = {});
// ackSuccess({{field, value}}) as compact JSON text, with `valueJson` already serialised.
QByteArray ackSuccessText(QLatin1StringView field, QByteArrayView valueJson);
QJsonObject ackFailure(const ServiceError &error);

} // namespace vw::server::realtime
