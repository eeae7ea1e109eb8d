#include "server/http/httpresponse.h"

#include "common/model/apierror.h"

#include <QJsonDocument>

namespace vw::server::http {

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::json(int status, const QJsonArray &array)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse HttpResponse::error(const ServiceError &error)
{
    HttpResponse response = HttpResponse::error(httpStatus(error.kind), error.message);
    if (error.kind == ServiceError::Kind::TooManyRequests)
        response.headers.append({"Retry-After", QByteArray::number(qMax(1, error.retryAfterSeconds))});
    return response;
}

HttpResponse HttpResponse::error(int status, const QString &message)
{
    return json(status, model::ApiError::fromStatus(status, message).toJson());
}

} // namespace vw::server::http
