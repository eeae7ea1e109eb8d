#include "server/messaging/ratelimiter.h"

#include <cmath>

namespace vw::server::messaging {

namespace {
constexpr double kMsPerMinute = 60'000.0;
// Buckets that have refilled completely carry no state; dropping them bounds memory.
constexpr qsizetype kPruneThreshold = 10'000;
} // namespace

RateLimiter::RateLimiter(const Clock &clock, int perMinute) : m_clock(clock), m_perMinute(qMax(0, perMinute))
{ }

Status<ServiceError> RateLimiter::acquire(const QUuid &userId)
{
    if (m_perMinute == 0)
        return {};
    const qint64 now = m_clock.monotonicMs();
    const double capacity = m_perMinute;
    const double perMs = capacity / kMsPerMinute;
    QMutexLocker locker(&m_mutex);
    if (m_buckets.size() > kPruneThreshold) {
        for (auto it = m_buckets.begin(); it != m_buckets.end();) {
            if (it->tokens + double(now - it->updatedMs) * perMs >= capacity)
                it = m_buckets.erase(it);
            else
                ++it;
        }
    }
    auto it = m_buckets.find(userId);
    if (it == m_buckets.end())
        it = m_buckets.insert(userId, Bucket {capacity, now});
    Bucket &bucket = *it;
    bucket.tokens = qMin(capacity, bucket.tokens + double(qMax<qint64>(0, now - bucket.updatedMs)) * perMs);
    bucket.updatedMs = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return {};
    }
    const double waitMs = (1.0 - bucket.tokens) / perMs;
    const int seconds = qMax(1, int(std::ceil(waitMs / 1000.0)));
    return ServiceError::tooManyRequests(QStringLiteral("Too many messages"), seconds);
}

} // namespace vw::server::messaging
