#include "common/crypto/keywrap.h"

#include "common/crypto/aead.h"
#include "common/crypto/hmac.h"

namespace vw::crypto {

namespace {

constexpr QByteArrayView kKeyIdLabel("vytalwatch/key-id/v1");
constexpr QByteArrayView kWrapLabel("vytalwatch/keywrap/v1");
constexpr qsizetype kKeyIdBytes = 8;

QByteArray wrapAad(const QString &keyId)
{
    QByteArray aad = kWrapLabel.toByteArray();
    aad.append(':').append(keyId.toLatin1());
    return aad;
}

} // namespace

Result<QString, CryptoError> masterKeyId(const SecretBytes &master)
{
    if (master.size() != KeyWrap::kKeySize) {
        return CryptoError::InvalidKeyLength;
    }
    auto tag = hmacSha256(master.view(), kKeyIdLabel);
    if (!tag) {
        return tag.error();
    }
    return QString::fromLatin1(tag.value().first(kKeyIdBytes).toHex());
}

KeyWrap::KeyWrap(SecretBytes master, QString keyId) : m_master(std::move(master)), m_keyId(std::move(keyId))
{ }

Result<KeyWrap, CryptoError> KeyWrap::create(SecretBytes master)
{
    auto id = masterKeyId(master);
    if (!id) {
        return id.error();
    }
    return KeyWrap(std::move(master), std::move(id).value());
}

Result<WrappedKey, CryptoError> KeyWrap::wrap(const SecretBytes &dataKey) const
{
    if (dataKey.size() != kKeySize) {
        return CryptoError::InvalidKeyLength;
    }
    auto sealed = Aead::seal(m_master, dataKey.view(), wrapAad(m_keyId));
    if (!sealed) {
        return sealed.error();
    }
    WrappedKey wrapped;
    wrapped.keyId = m_keyId;
    wrapped.sealed = std::move(sealed).value();
    return wrapped;
}

Result<SecretBytes, CryptoError> KeyWrap::unwrap(const WrappedKey &wrapped) const
{
    if (wrapped.keyId != m_keyId) {
        return CryptoError::KeyIdMismatch;
    }
    auto opened = Aead::open(m_master, wrapped.sealed, wrapAad(m_keyId));
    if (!opened) {
        return opened.error();
    }
    SecretBytes key = SecretBytes::fromBytes(std::move(opened).value());
    if (key.size() != kKeySize) {
        return CryptoError::MalformedWrappedKey;
    }
    return key;
}

} // namespace vw::crypto
