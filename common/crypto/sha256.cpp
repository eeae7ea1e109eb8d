#include "common/crypto/sha256.h"

#include <openssl/evp.h>

#include <QIODevice>

namespace vw::crypto {

namespace {

struct MdDeleter
{
    void operator()(EVP_MD *md) const { EVP_MD_free(md); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};

constexpr qsizetype kDeviceReadSize = 64 * 1024;

// Fetched once per process; EVP_MD objects are immutable and shareable between threads.
const EVP_MD *sha256Md()
{
    static const std::unique_ptr<EVP_MD, MdDeleter> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
    return md.get();
}

} // namespace

struct Sha256::State
{
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx;
    bool failed = false;

    void start() { failed = !ctx || !sha256Md() || EVP_DigestInit_ex2(ctx.get(), sha256Md(), nullptr) != 1; }
};

QByteArray sha256(QByteArrayView data)
{
    const EVP_MD *md = sha256Md();
    if (!md) {
        return {};
    }
    QByteArray digest(kSha256Size, Qt::Uninitialized);
    unsigned int length = 0;
    const int rc = EVP_Digest(data.data(), static_cast<size_t>(data.size()),
        reinterpret_cast<unsigned char *>(digest.data()), &length, md, nullptr);
    if (rc != 1 || length != kSha256Size) {
        return {};
    }
    return digest;
}

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    m_state->ctx.reset(EVP_MD_CTX_new());
    m_state->start();
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256 &&other) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&other) noexcept = default;

void Sha256::addData(QByteArrayView data)
{
    // A moved-from hasher has no state; using it is a caller bug but must not crash.
    if (!m_state || m_state->failed || data.isEmpty()) {
        return;
    }
    if (EVP_DigestUpdate(m_state->ctx.get(), data.data(), static_cast<size_t>(data.size())) != 1) {
        m_state->failed = true;
    }
}

Status<CryptoError> Sha256::addData(QIODevice &device)
{
    QByteArray buffer(kDeviceReadSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = device.read(buffer.data(), buffer.size());
        if (n < 0) {
            return CryptoError::IoError;
        }
        if (n == 0) {
            return Status<CryptoError>::success();
        }
        addData(QByteArrayView(buffer.constData(), n));
    }
}

Result<QByteArray, CryptoError> Sha256::result()
{
    if (!m_state) {
        return CryptoError::InvalidState;
    }
    if (m_state->failed) {
        m_state->start();
        return CryptoError::BackendFailure;
    }
    QByteArray digest(kSha256Size, Qt::Uninitialized);
    unsigned int length = 0;
    const bool good
        = EVP_DigestFinal_ex(m_state->ctx.get(), reinterpret_cast<unsigned char *>(digest.data()), &length)
            == 1
        && length == kSha256Size;
    m_state->start();
    if (!good) {
        return CryptoError::BackendFailure;
    }
    return digest;
}

} // namespace vw::crypto
