#include "common/crypto/noncepool.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <pthread.h>

#include <array>
#include <atomic>
#include <cstring>

namespace vw::crypto {

namespace {

// Bumped in a forked child: every thread's pool then refills before its next value, since
// the child's copy of the parent's buffer would otherwise repeat the parent's next nonces.
std::atomic<unsigned> g_forkGeneration {0};

void registerForkHandler()
{
    static const bool registered = [] {
        pthread_atfork(nullptr, nullptr, [] { g_forkGeneration.fetch_add(1, std::memory_order_relaxed); });
        return true;
    }();
    (void)registered;
}

class NoncePool
{
public:
    bool take(char *out, size_t n)
    {
        const unsigned generation = g_forkGeneration.load(std::memory_order_relaxed);
        if (generation != m_generation || m_used + n > m_bytes.size()) {
            if (RAND_bytes(m_bytes.data(), static_cast<int>(m_bytes.size())) != 1) {
                m_used = m_bytes.size(); // nothing usable: try again next time
                return false;
            }
            m_used = 0;
            m_generation = generation;
        }
        std::memcpy(out, m_bytes.data() + m_used, n);
        // Handed out once: wipe it so no later value (nor a core dump) repeats it.
        OPENSSL_cleanse(m_bytes.data() + m_used, n);
        m_used += n;
        return true;
    }

private:
    std::array<unsigned char, 4096> m_bytes {};
    size_t m_used = m_bytes.size(); // empty until the first value
    unsigned m_generation = 0;
};

} // namespace

bool fillNonce(char *out, qsizetype n)
{
    if (n < 0 || n > kMaxNonceBytes)
        return false;
    if (n == 0)
        return true;
    registerForkHandler();
    thread_local NoncePool pool;
    return pool.take(out, static_cast<size_t>(n));
}

Result<QByteArray, CryptoError> randomNonce(qsizetype n)
{
    if (n < 0 || n > kMaxNonceBytes)
        return CryptoError::InvalidInput;
    QByteArray out(n, Qt::Uninitialized);
    if (!fillNonce(out.data(), n))
        return CryptoError::RandomFailure;
    return out;
}

} // namespace vw::crypto
