#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

struct evp_mac_ctx_st;

namespace vw::crypto {

inline constexpr qsizetype kHmacSha256Size = 32;

// HMAC-SHA256 (RFC 2104): blind-index tokens, signed URLs, key ids. Returns the full
// 32-byte tag; compare tags with constantTimeEquals(). Thread-safe.
Result<QByteArray, CryptoError> hmacSha256(QByteArrayView key, QByteArrayView data);

// HMAC-SHA256 under one key for many messages: the key schedule and the digest lookup are
// done once, so each mac() only hashes (the blind index macs every word of every message;
// a fresh context per word was 40% of the send path). One object per thread.
class HmacSha256
{
public:
    static Result<HmacSha256, CryptoError> create(QByteArrayView key);

    HmacSha256(HmacSha256 &&) noexcept;
    HmacSha256 &operator=(HmacSha256 &&) noexcept;
    ~HmacSha256();

    // The 32-byte tag of `data`.
    Result<QByteArray, CryptoError> mac(QByteArrayView data);

private:
    struct ContextDeleter
    {
        void operator()(evp_mac_ctx_st *ctx) const;
    };
    explicit HmacSha256(std::unique_ptr<evp_mac_ctx_st, ContextDeleter> keyed);

    std::unique_ptr<evp_mac_ctx_st, ContextDeleter> m_ctx;
    bool m_fresh = true; // the context was just keyed: no re-initialisation needed
};

} // namespace vw::crypto
