#include "common/crypto/wrappedkey.h"

#include <QLatin1StringView>
#include <QList>

namespace vw::crypto {

namespace {

constexpr QLatin1StringView kVersion("v1");
constexpr qsizetype kKeyIdLength = 16;
constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool isKeyId(QStringView text)
{
    if (text.size() != kKeyIdLength) {
        return false;
    }
    for (const QChar c : text) {
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
        if (!hex) {
            return false;
        }
    }
    return true;
}

bool isAscii(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7f) {
            return false;
        }
    }
    return true;
}

} // namespace

QString WrappedKey::toString() const
{
    return kVersion + u':' + keyId + u':' + QString::fromLatin1(sealed.toBase64(kEncoding));
}

Result<WrappedKey, CryptoError> WrappedKey::parse(QStringView text)
{
    if (!isAscii(text)) {
        return CryptoError::MalformedWrappedKey;
    }
    const auto parts = text.split(u':');
    if (parts.size() != 3 || parts[0] != kVersion || !isKeyId(parts[1])) {
        return CryptoError::MalformedWrappedKey;
    }
    const QByteArray encoded = parts[2].toLatin1();
    auto decoded
        = QByteArray::fromBase64Encoding(encoded, kEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kSealedSize) {
        return CryptoError::MalformedWrappedKey;
    }
    // Only one spelling is accepted, so a stored value compares equal to its re-encoding.
    if (decoded.decoded.toBase64(kEncoding) != encoded) {
        return CryptoError::MalformedWrappedKey;
    }
    WrappedKey key;
    key.keyId = parts[1].toString();
    key.sealed = std::move(decoded.decoded);
    return key;
}

} // namespace vw::crypto
