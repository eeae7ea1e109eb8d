#pragma once

#include <QString>

namespace vw::server {

// Why a service refused or failed a request, independent of HTTP or Socket.IO. The HTTP
// layer maps it to a status and the NestJS body in one place (http/httpresponse.cpp);
// the realtime gateway turns it into an `{ok:false, error}` ack.
struct ServiceError
{
    enum class Kind {
        BadRequest, // 400: malformed or invalid input; message names the field
        Unauthorized, // 401: missing, expired or revoked credentials
        Forbidden, // 403: authenticated but not allowed
        NotFound, // 404: unknown id, or one the caller may not see
        Conflict, // 409
        PayloadTooLarge, // 413
        UnsupportedMediaType, // 415
        UnprocessableEntity, // 422: rejected content (virus found)
        TooManyRequests, // 429: rate limited; retryAfterSeconds is set
        ServiceUnavailable, // 503: a dependency (clamd, the store) is down
        Internal, // 500: our bug or the disk; the message stays generic
    };

    Kind kind = Kind::Internal;
    QString message;
    int retryAfterSeconds = 0;

    static ServiceError badRequest(QString message) { return {Kind::BadRequest, std::move(message)}; }
    static ServiceError unauthorized(QString message = QStringLiteral("Unauthorized"))
    {
        return {Kind::Unauthorized, std::move(message)};
    }
    static ServiceError forbidden(QString message = QStringLiteral("Forbidden resource"))
    {
        return {Kind::Forbidden, std::move(message)};
    }
    static ServiceError notFound(QString message) { return {Kind::NotFound, std::move(message)}; }
    static ServiceError conflict(QString message) { return {Kind::Conflict, std::move(message)}; }
    static ServiceError tooManyRequests(QString message, int retryAfterSeconds)
    {
        return {Kind::TooManyRequests, std::move(message), retryAfterSeconds};
    }
    static ServiceError internal() { return {Kind::Internal, QStringLiteral("Internal server error")}; }
};

// The HTTP status of each kind (400, 401, ...).
int httpStatus(ServiceError::Kind kind);

} // namespace vw::server
