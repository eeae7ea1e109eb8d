#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <memory>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace vw::crypto {

inline constexpr qsizetype kSha256Size = 32;

// SHA-256 of a buffer (audit hash chain, attachment digests). Returns the 32-byte digest,
// or an empty array only if the backend fails (it cannot fail for lack of input validity).
QByteArray sha256(QByteArrayView data);

// Incremental SHA-256 for data that arrives in pieces, such as files. Not thread-safe;
// use one hasher per thread.
class Sha256
{
    Q_DISABLE_COPY(Sha256)

public:
    Sha256();
    ~Sha256();
    Sha256(Sha256 &&other) noexcept;
    Sha256 &operator=(Sha256 &&other) noexcept;

    void addData(QByteArrayView data);
    // Reads the device to its end (a read of 0 bytes counts as the end); IoError on a read failure.
    Status<CryptoError> addData(QIODevice &device);
    // The digest of everything added since construction or the previous result(); the hasher
    // then starts again from empty. Any earlier backend failure is reported here.
    Result<QByteArray, CryptoError> result();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace vw::crypto
