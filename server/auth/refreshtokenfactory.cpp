#include "server/auth/refreshtokenfactory.h"

#include "common/crypto/random.h"
#include "common/crypto/sha256.h"

namespace vw::server::auth {

Result<RefreshToken, crypto::CryptoError> RefreshTokenFactory::generate()
{
    auto bytes = crypto::randomBytes(kRandomBytes);
    if (!bytes)
        return bytes.error();
    const QByteArray text
        = bytes.value().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return RefreshToken {QString::fromLatin1(text), hashOf(text)};
}

QString RefreshTokenFactory::hashOf(QByteArrayView token)
{
    return QString::fromLatin1(crypto::sha256(token).toHex());
}

} // namespace vw::server::auth
