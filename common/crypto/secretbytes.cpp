#include "common/crypto/secretbytes.h"

#include "common/crypto/constanttime.h"
#include "common/crypto/sodiumruntime.h"

#include <openssl/crypto.h>
#include <sodium.h>

#include <cstring>
#include <utility>

namespace vw::crypto {

namespace {

constexpr const char *kBase64Ignore = " \t\r\n";

} // namespace

SecretBytes::SecretBytes(qsizetype n)
{
    if (n > 0) {
        m_data = std::make_unique<char[]>(static_cast<size_t>(n));
        m_size = n;
    }
}

SecretBytes::~SecretBytes()
{
    wipe();
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_data(std::move(other.m_data)), m_size(std::exchange(other.m_size, 0))
{ }

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_data = std::move(other.m_data);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

void SecretBytes::wipe()
{
    if (m_data && m_size > 0) {
        OPENSSL_cleanse(m_data.get(), static_cast<size_t>(m_size));
    }
    m_data.reset();
    m_size = 0;
}

SecretBytes SecretBytes::fromBytes(QByteArray &&bytes)
{
    // Detach so that wiping below never destroys data another QByteArray still uses.
    bytes.detach();
    SecretBytes secret = fromView(bytes);
    if (!bytes.isEmpty()) {
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    }
    return secret;
}

SecretBytes SecretBytes::fromView(QByteArrayView bytes)
{
    SecretBytes secret(bytes.size());
    if (!bytes.isEmpty()) {
        std::memcpy(secret.data(), bytes.data(), static_cast<size_t>(bytes.size()));
    }
    return secret;
}

Result<SecretBytes, CryptoError> SecretBytes::fromBase64(QByteArrayView base64)
{
    if (!detail::ensureSodium()) {
        return CryptoError::BackendFailure;
    }
    if (base64.isEmpty()) {
        return SecretBytes();
    }
    // libsodium looks characters up in the ignore list with strchr(), which matches NUL.
    if (base64.contains('\0')) {
        return CryptoError::InvalidInput;
    }
    // An upper bound on the decoded size; the exact size is only known after decoding.
    SecretBytes scratch(base64.size() / 4 * 3 + 3);
    size_t decoded = 0;
    // A null end pointer makes libsodium reject input it cannot consume completely.
    const int rc = sodium_base642bin(reinterpret_cast<unsigned char *>(scratch.data()),
        static_cast<size_t>(scratch.size()), base64.data(), static_cast<size_t>(base64.size()), kBase64Ignore,
        &decoded, nullptr, sodium_base64_VARIANT_ORIGINAL);
    if (rc != 0) {
        return CryptoError::InvalidInput;
    }
    return fromView(scratch.view().first(static_cast<qsizetype>(decoded)));
}

SecretBytes SecretBytes::clone() const
{
    return fromView(view());
}

SecretBytes SecretBytes::toBase64() const
{
    if (isEmpty()) {
        return SecretBytes();
    }
    const size_t encodedLen
        = sodium_base64_ENCODED_LEN(static_cast<size_t>(m_size), sodium_base64_VARIANT_ORIGINAL);
    // encodedLen counts the terminating NUL, which is not part of the text.
    SecretBytes scratch(static_cast<qsizetype>(encodedLen));
    sodium_bin2base64(scratch.data(), encodedLen, reinterpret_cast<const unsigned char *>(constData()),
        static_cast<size_t>(m_size), sodium_base64_VARIANT_ORIGINAL);
    return fromView(scratch.view().first(static_cast<qsizetype>(encodedLen - 1)));
}

bool SecretBytes::equals(const SecretBytes &other) const
{
    return constantTimeEquals(view(), other.view());
}

} // namespace vw::crypto
