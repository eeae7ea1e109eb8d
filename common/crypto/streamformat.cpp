#include "common/crypto/streamformat.h"

#include <QtEndian>

namespace vw::crypto::detail {

namespace {

constexpr QByteArrayView kMagic("VWS1", 4);

} // namespace

QByteArray encodeStreamHeader(qsizetype chunkSize, QByteArrayView baseNonce)
{
    QByteArray header;
    header.reserve(kStreamHeaderSize);
    header.append(kMagic);
    char size[4];
    qToBigEndian(static_cast<quint32>(chunkSize), size);
    header.append(size, sizeof size);
    header.append(baseNonce);
    return header;
}

Result<StreamHeader, CryptoError> parseStreamHeader(QByteArrayView header)
{
    if (header.size() < kStreamHeaderSize) {
        return CryptoError::Truncated;
    }
    if (header.first(kMagic.size()) != kMagic) {
        return CryptoError::MalformedHeader;
    }
    const quint32 chunkSize = qFromBigEndian<quint32>(header.data() + kMagic.size());
    if (chunkSize < kStreamMinChunkSize || chunkSize > kStreamMaxChunkSize) {
        return CryptoError::InvalidChunkSize;
    }
    StreamHeader parsed;
    parsed.chunkSize = static_cast<qsizetype>(chunkSize);
    parsed.baseNonce = header.sliced(kMagic.size() + 4, kStreamNonceSize).toByteArray();
    return parsed;
}

QByteArray streamChunkNonce(QByteArrayView baseNonce, quint64 index)
{
    QByteArray nonce = baseNonce.toByteArray();
    char counter[8];
    qToBigEndian(index, counter);
    for (int i = 0; i < 8; ++i) {
        nonce[kStreamNonceSize - 8 + i] = static_cast<char>(nonce[kStreamNonceSize - 8 + i] ^ counter[i]);
    }
    return nonce;
}

QByteArray streamChunkAad(QByteArrayView header, QByteArrayView callerAad, quint64 index, bool final)
{
    QByteArray aad;
    aad.reserve(header.size() + callerAad.size() + 9);
    aad.append(header).append(callerAad);
    char counter[8];
    qToBigEndian(index, counter);
    aad.append(counter, sizeof counter);
    aad.append(final ? '\x01' : '\x00');
    return aad;
}

} // namespace vw::crypto::detail
