#include "server/auth/tokenerror.h"

namespace vw::server::auth {

QString errorString(TokenError error)
{
    switch (error) {
    case TokenError::Oversized:
        return QStringLiteral("token too large");
    case TokenError::WrongSegmentCount:
        return QStringLiteral("token does not have three segments");
    case TokenError::MalformedEncoding:
        return QStringLiteral("token segment is not base64url");
    case TokenError::MalformedHeader:
        return QStringLiteral("token header is malformed");
    case TokenError::UnsupportedAlgorithm:
        return QStringLiteral("token algorithm is not HS256");
    case TokenError::BadSignature:
        return QStringLiteral("token signature does not match");
    case TokenError::MalformedClaims:
        return QStringLiteral("token claims are malformed");
    case TokenError::Expired:
        return QStringLiteral("token expired");
    case TokenError::IssuedInFuture:
        return QStringLiteral("token issued in the future");
    case TokenError::SigningFailed:
        return QStringLiteral("token could not be signed");
    }
    return QStringLiteral("unknown token error");
}

} // namespace vw::server::auth
