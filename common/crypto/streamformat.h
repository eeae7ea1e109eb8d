#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArray>
#include <QByteArrayView>

namespace vw::crypto {

// Chunked AES-256-GCM ("STREAM" construction) for files:
//   header  = "VWS1" || chunk size (4 bytes, big-endian) || base nonce (12 random bytes)
//   chunk i = AES-256-GCM(plaintext chunk i) || tag (16)
//             nonce = base nonce XOR (0^4 || i as 8 bytes big-endian)
//             AAD   = header || caller AAD || i (8 bytes big-endian) || final flag (1 byte)
// Every chunk but the last holds exactly `chunk size` plaintext bytes; the last (possibly
// empty) carries the final flag. The header is in the AAD so that no header byte, including
// the chunk size, can be changed without detection.
inline constexpr qsizetype kStreamHeaderSize = 20;
inline constexpr qsizetype kStreamNonceSize = 12;
inline constexpr qsizetype kStreamDefaultChunkSize = 64 * 1024;
inline constexpr qsizetype kStreamMinChunkSize = 1024;
inline constexpr qsizetype kStreamMaxChunkSize = 16 * 1024 * 1024;

} // namespace vw::crypto

// Encoding helpers shared by the stream encryptor and decryptor; internal to common/crypto.
namespace vw::crypto::detail {

// The parsed, validated fields of a stream header.
struct StreamHeader
{
    qsizetype chunkSize = 0;
    QByteArray baseNonce;
};

QByteArray encodeStreamHeader(qsizetype chunkSize, QByteArrayView baseNonce);
// Checks the magic and that the chunk size is within kStreamMinChunkSize..kStreamMaxChunkSize,
// so nothing is allocated from an untrusted size.
Result<StreamHeader, CryptoError> parseStreamHeader(QByteArrayView header);
QByteArray streamChunkNonce(QByteArrayView baseNonce, quint64 index);
QByteArray streamChunkAad(QByteArrayView header, QByteArrayView callerAad, quint64 index, bool final);

} // namespace vw::crypto::detail
