#include "server/http/requestcontext.h"

#include "common/model/jsonreader.h"
#include "common/model/wire.h"

namespace vw::server::http {

Result<QJsonObject, ServiceError> RequestContext::jsonBody() const
{
    const QByteArray contentType = header("content-type");
    if (!body.isEmpty() && !contentType.isEmpty() && !contentType.toLower().startsWith("application/json"))
        return ServiceError {
            ServiceError::Kind::UnsupportedMediaType, QStringLiteral("Expected application/json")};
    if (body.trimmed().isEmpty())
        return QJsonObject();
    auto parsed = model::JsonReader::parseObject(body);
    if (!parsed)
        return ServiceError::badRequest(parsed.error().message());
    return std::move(parsed).value();
}

Result<QUuid, ServiceError> RequestContext::uuidParam(const QString &name) const
{
    const auto id = model::parseUuid(pathParams.value(name));
    if (!id)
        return ServiceError::badRequest(QStringLiteral("%1 must be a UUID").arg(name));
    return *id;
}

std::optional<QString> RequestContext::queryValue(const QString &name) const
{
    if (!query.hasQueryItem(name))
        return std::nullopt;
    const QString value = query.queryItemValue(name, QUrl::FullyDecoded);
    if (value.isEmpty())
        return std::nullopt;
    return value;
}

Result<std::optional<qint64>, ServiceError> RequestContext::queryInt(
    const QString &name, qint64 min, qint64 max) const
{
    const auto text = queryValue(name);
    if (!text)
        return std::optional<qint64>();
    bool ok = false;
    const qint64 value = text->toLongLong(&ok);
    if (!ok || value < min || value > max)
        return ServiceError::badRequest(
            QStringLiteral("%1 must be an integer from %2 to %3").arg(name).arg(min).arg(max));
    return std::optional<qint64>(value);
}

Result<std::optional<QUuid>, ServiceError> RequestContext::queryUuid(const QString &name) const
{
    const auto text = queryValue(name);
    if (!text)
        return std::optional<QUuid>();
    const auto id = model::parseUuid(*text);
    if (!id)
        return ServiceError::badRequest(QStringLiteral("%1 must be a UUID").arg(name));
    return std::optional<QUuid>(*id);
}

} // namespace vw::server::http
