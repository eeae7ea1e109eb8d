#include "server/auth/tokenservice.h"

#include "common/crypto/constanttime.h"
#include "common/crypto/hkdf.h"
#include "common/crypto/hmac.h"
#include "common/model/wire.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QLoggingCategory>

namespace vw::server::auth {

namespace {

Q_LOGGING_CATEGORY(lcToken, "vw.auth.token")

constexpr QByteArrayView kKeyInfo = "vytalwatch/jwt/v1";
constexpr qsizetype kKeyLength = 32;
// The only header we issue or accept, byte for byte.
constexpr QByteArrayView kHeaderJson = R"({"alg":"HS256","typ":"JWT"})";

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray encode(QByteArrayView data)
{
    return data.toByteArray().toBase64(kBase64Url);
}

bool isBase64UrlAlphabet(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Strict: unpadded base64url in canonical form only, so no two spellings of one token verify.
std::optional<QByteArray> decode(QByteArrayView segment)
{
    if (segment.isEmpty() || segment.size() % 4 == 1)
        return std::nullopt;
    for (const char c : segment) {
        if (!isBase64UrlAlphabet(c))
            return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(
        segment.toByteArray(), kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    if (encode(*decoded) != segment)
        return std::nullopt;
    return *decoded;
}

std::optional<QJsonObject> parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// Whole numbers only, within what a JavaScript client can hold.
std::optional<qint64> wholeSeconds(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 0 || number > 9007199254740991.0
        || number != static_cast<double>(static_cast<qint64>(number)))
        return std::nullopt;
    return static_cast<qint64>(number);
}

std::optional<AccessClaims> readClaims(const QJsonObject &payload)
{
    AccessClaims claims;
    const auto userId = model::parseUuid(payload.value(QStringLiteral("sub")).toString());
    const auto sessionId = model::parseUuid(payload.value(QStringLiteral("sid")).toString());
    const auto role = model::fromWire<model::UserRole>(payload.value(QStringLiteral("role")).toString());
    const auto issuedAt = wholeSeconds(payload.value(QStringLiteral("iat")));
    const auto expiresAt = wholeSeconds(payload.value(QStringLiteral("exp")));
    const QJsonValue tokenId = payload.value(QStringLiteral("jti"));
    if (!userId || userId->isNull() || !sessionId || sessionId->isNull() || !role || !issuedAt || !expiresAt
        || !tokenId.isString() || tokenId.toString().isEmpty())
        return std::nullopt;
    claims.userId = *userId;
    claims.sessionId = *sessionId;
    claims.role = *role;
    claims.issuedAt = *issuedAt;
    claims.expiresAt = *expiresAt;
    claims.tokenId = tokenId.toString();
    return claims;
}

} // namespace

TokenService::TokenService(const crypto::SecretBytes &masterKey, const Clock &clock) : m_clock(clock)
{
    auto derived = crypto::hkdfSha256(masterKey.view(), {}, kKeyInfo, kKeyLength);
    if (derived)
        m_key = std::move(derived).value();
    else
        // Fail closed: with no key every issue() and verify() fails.
        qCCritical(lcToken) << "cannot derive the token key:" << crypto::errorString(derived.error());
}

Result<QByteArray, TokenError> TokenService::issue(
    const QUuid &userId, model::UserRole role, const QUuid &sessionId) const
{
    const qint64 now = m_clock.nowUtc().toSecsSinceEpoch();
    const QJsonObject payload {{QStringLiteral("sub"), model::uuidToWire(userId)},
        {QStringLiteral("sid"), model::uuidToWire(sessionId)}, {QStringLiteral("role"), model::toWire(role)},
        {QStringLiteral("iat"), now}, {QStringLiteral("exp"), now + kLifetimeSeconds},
        {QStringLiteral("jti"), model::uuidToWire(QUuid::createUuid())}};
    return signRaw(kHeaderJson.toByteArray(), QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

Result<QByteArray, TokenError> TokenService::signRaw(
    const QByteArray &headerJson, const QByteArray &payloadJson) const
{
    if (m_key.isEmpty())
        return TokenError::SigningFailed;
    const QByteArray signingInput = encode(headerJson) + '.' + encode(payloadJson);
    const auto signature = crypto::hmacSha256(m_key.view(), signingInput);
    if (!signature)
        return TokenError::SigningFailed;
    return QByteArray(signingInput + '.' + encode(signature.value()));
}

Result<AccessClaims, TokenError> TokenService::verify(QByteArrayView token) const
{
    if (token.size() > kMaxTokenBytes)
        return TokenError::Oversized;
    QList<QByteArrayView> segments;
    qsizetype start = 0;
    for (qsizetype dot = token.indexOf('.'); dot >= 0; dot = token.indexOf('.', start)) {
        segments.append(token.sliced(start, dot - start));
        start = dot + 1;
    }
    segments.append(token.sliced(start));
    if (segments.size() != 3)
        return TokenError::WrongSegmentCount;

    // The header first: a foreign algorithm is refused before anything else is looked at.
    const auto header = decode(segments[0]);
    if (!header)
        return TokenError::MalformedEncoding;
    if (*header != kHeaderJson) {
        // Say why, for the log and the tests: a foreign algorithm or just junk.
        const auto headerObject = parseObject(*header);
        if (!headerObject)
            return TokenError::MalformedHeader;
        if (headerObject->value(QStringLiteral("alg")).toString() != QStringLiteral("HS256"))
            return TokenError::UnsupportedAlgorithm;
        return TokenError::MalformedHeader;
    }
    const auto payload = decode(segments[1]);
    const auto signature = decode(segments[2]);
    if (!payload || !signature)
        return TokenError::MalformedEncoding;

    if (m_key.isEmpty())
        return TokenError::BadSignature;
    const qsizetype signingInputLength = segments[0].size() + 1 + segments[1].size();
    const auto expected = crypto::hmacSha256(m_key.view(), token.first(signingInputLength));
    if (!expected || !crypto::constantTimeEquals(expected.value(), *signature))
        return TokenError::BadSignature;

    const auto payloadObject = parseObject(*payload);
    if (!payloadObject)
        return TokenError::MalformedClaims;
    const auto claims = readClaims(*payloadObject);
    if (!claims)
        return TokenError::MalformedClaims;

    const qint64 now = m_clock.nowUtc().toSecsSinceEpoch();
    if (claims->expiresAt <= now)
        return TokenError::Expired;
    if (claims->issuedAt > now + kAllowedClockSkewSeconds)
        return TokenError::IssuedInFuture;
    return *claims;
}

} // namespace vw::server::auth
