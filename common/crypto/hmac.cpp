#include "common/crypto/hmac.h"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but they are the only
// OpenSSL interface whose state can be copied without an allocation (EVP_MD_CTX_copy_ex
// duplicates a provider context each time). They use the same SHA extensions as EVP.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>

namespace vw::crypto {

namespace {
constexpr size_t kBlockSize = SHA256_CBLOCK; // 64
}

// The SHA-256 states after hashing (key XOR ipad) and (key XOR opad): RFC 2104's keyed start.
struct HmacSha256::KeyedStates
{
    SHA256_CTX inner;
    SHA256_CTX outer;

    ~KeyedStates() { OPENSSL_cleanse(this, sizeof(*this)); }
};

HmacSha256::HmacSha256(std::unique_ptr<KeyedStates> states) : m_states(std::move(states)) { }
HmacSha256::HmacSha256(HmacSha256 &&) noexcept = default;
HmacSha256 &HmacSha256::operator=(HmacSha256 &&) noexcept = default;
HmacSha256::~HmacSha256() = default;

Result<HmacSha256, CryptoError> HmacSha256::create(QByteArrayView key)
{
    // A key longer than a block is replaced by its digest (RFC 2104, section 2).
    std::array<unsigned char, kBlockSize> block {};
    if (static_cast<size_t>(key.size()) > kBlockSize) {
        SHA256(reinterpret_cast<const unsigned char *>(key.data()), static_cast<size_t>(key.size()),
            block.data());
    } else if (!key.isEmpty()) {
        std::copy(key.begin(), key.end(), block.begin());
    }
    auto states = std::make_unique<KeyedStates>();
    std::array<unsigned char, kBlockSize> pad {};
    for (size_t i = 0; i < kBlockSize; ++i)
        pad[i] = block[i] ^ 0x36;
    const bool innerKeyed
        = SHA256_Init(&states->inner) == 1 && SHA256_Update(&states->inner, pad.data(), pad.size()) == 1;
    for (size_t i = 0; i < kBlockSize; ++i)
        pad[i] = block[i] ^ 0x5c;
    const bool outerKeyed
        = SHA256_Init(&states->outer) == 1 && SHA256_Update(&states->outer, pad.data(), pad.size()) == 1;
    OPENSSL_cleanse(block.data(), block.size());
    OPENSSL_cleanse(pad.data(), pad.size());
    if (!innerKeyed || !outerKeyed)
        return CryptoError::BackendFailure;
    return HmacSha256(std::move(states));
}

void HmacSha256::macInto(QByteArrayView data, std::span<unsigned char, kHmacSha256Size> tag)
{
    // SHA256_Update/Final cannot fail on a valid state (they only hash).
    SHA256_CTX work = m_states->inner;
    SHA256_Update(&work, data.data(), static_cast<size_t>(data.size()));
    std::array<unsigned char, SHA256_DIGEST_LENGTH> innerDigest {};
    SHA256_Final(innerDigest.data(), &work);
    work = m_states->outer;
    SHA256_Update(&work, innerDigest.data(), innerDigest.size());
    SHA256_Final(tag.data(), &work);
    OPENSSL_cleanse(&work, sizeof(work));
}

Result<QByteArray, CryptoError> HmacSha256::mac(QByteArrayView data)
{
    QByteArray tag(kHmacSha256Size, Qt::Uninitialized);
    macInto(data,
        std::span<unsigned char, kHmacSha256Size>(
            reinterpret_cast<unsigned char *>(tag.data()), kHmacSha256Size));
    return tag;
}

Result<QByteArray, CryptoError> hmacSha256(QByteArrayView key, QByteArrayView data)
{
    auto keyed = HmacSha256::create(key);
    if (!keyed) {
        return keyed.error();
    }
    return keyed.value().mac(data);
}

} // namespace vw::crypto
