#include "server/core/serviceerror.h"

namespace vw::server {

int httpStatus(ServiceError::Kind kind)
{
    switch (kind) {
    case ServiceError::Kind::BadRequest:
        return 400;
    case ServiceError::Kind::Unauthorized:
        return 401;
    case ServiceError::Kind::Forbidden:
        return 403;
    case ServiceError::Kind::NotFound:
        return 404;
    case ServiceError::Kind::Conflict:
        return 409;
    case ServiceError::Kind::PayloadTooLarge:
        return 413;
    case ServiceError::Kind::UnsupportedMediaType:
        return 415;
    case ServiceError::Kind::UnprocessableEntity:
        return 422;
    case ServiceError::Kind::TooManyRequests:
        return 429;
    case ServiceError::Kind::ServiceUnavailable:
        return 503;
    case ServiceError::Kind::Internal:
        return 500;
    }
    return 500;
}

} // namespace vw::server
