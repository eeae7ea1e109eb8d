#pragma once

#include <QString>

namespace vw::server::auth {

// Why an access token was refused. Only the server log sees these; clients get a plain 401.
enum class TokenError {
    Oversized, // longer than TokenService::kMaxTokenBytes
    WrongSegmentCount, // not header.payload.signature
    MalformedEncoding, // a segment is not canonical unpadded base64url
    MalformedHeader, // not exactly our {"alg":"HS256","typ":"JWT"}
    UnsupportedAlgorithm, // alg missing or anything but HS256 ("none", "HS512", "RS256", ...)
    BadSignature,
    MalformedClaims, // payload is not an object with sub, sid, role, iat, exp, jti
    Expired,
    IssuedInFuture, // iat beyond the allowed clock skew
    SigningFailed, // our own crypto backend failed while issuing
};

QString errorString(TokenError error);

} // namespace vw::server::auth
