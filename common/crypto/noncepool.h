#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArray>

namespace vw::crypto {

// The largest value one call hands out; IVs are 12 bytes, ids 15-16.
inline constexpr qsizetype kMaxNonceBytes = 64;

// Public random values (AES-GCM IVs, stream nonces, the random bits of ids) from the OpenSSL
// CSPRNG, drawn in bulk: each thread keeps a few KiB of CSPRNG output and hands it out once,
// byte by byte, so a message costs one memcpy per value instead of a RAND_bytes call (its
// locking and fork check were ~3 % of the server's CPU at peak). A forked child never reuses
// its parent's buffered bytes. Not for secrets (keys, tokens): randomSecret and randomBytes
// take those straight from the CSPRNG, so no future secret waits in memory.
// n must be 0..kMaxNonceBytes.
Result<QByteArray, CryptoError> randomNonce(qsizetype n);
// The same into `out`; false when n is out of range or the CSPRNG failed.
bool fillNonce(char *out, qsizetype n);

} // namespace vw::crypto
