#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <span>

namespace vw::crypto {

inline constexpr qsizetype kHmacSha256Size = 32;

// HMAC-SHA256 (RFC 2104): blind-index tokens, signed URLs, key ids. Returns the full
// 32-byte tag; compare tags with constantTimeEquals(). Thread-safe.
Result<QByteArray, CryptoError> hmacSha256(QByteArrayView key, QByteArrayView data);

// HMAC-SHA256 under one key for many messages: the key is hashed into the inner and outer
// SHA-256 states once, so each mac() only hashes the data and the inner digest (two SHA-256
// blocks for a word). The blind index macs every word of every message; OpenSSL's EVP_MAC
// re-initialised per word cost about as much again as the hashing (perf, send path), most of
// it a provider context allocated and freed per call. One object per thread.
class HmacSha256
{
public:
    static Result<HmacSha256, CryptoError> create(QByteArrayView key);

    HmacSha256(HmacSha256 &&) noexcept;
    HmacSha256 &operator=(HmacSha256 &&) noexcept;
    // Wipes the keyed states.
    ~HmacSha256();

    // The 32-byte tag of `data`.
    Result<QByteArray, CryptoError> mac(QByteArrayView data);
    // The same tag, written to `tag` without allocating.
    void macInto(QByteArrayView data, std::span<unsigned char, kHmacSha256Size> tag);

private:
    struct KeyedStates;
    explicit HmacSha256(std::unique_ptr<KeyedStates> states);

    std::unique_ptr<KeyedStates> m_states;
};

} // namespace vw::crypto
