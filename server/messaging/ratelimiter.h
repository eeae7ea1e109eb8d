#pragma once

#include "common/core/clock.h"
#include "common/core/result.h"
#include "server/core/serviceerror.h"

#include <QHash>
#include <QMutex>
#include <QUuid>

namespace vw::server::messaging {

// Messages per minute per user as a token bucket: a burst of `perMinute` messages, then
// continuous refill at perMinute/60 s. One instance is shared by REST and the realtime
// gateway so both count against the same budget. 0 turns limiting off. Thread-safe.
class RateLimiter
{
    Q_DISABLE_COPY_MOVE(RateLimiter)

public:
    RateLimiter(const Clock &clock, int perMinute);

    int perMinute() const { return m_perMinute; }
    // Takes one token, or 429 "Too many messages" with the seconds until one is back.
    Status<ServiceError> acquire(const QUuid &userId);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    const Clock &m_clock;
    const int m_perMinute;
    QMutex m_mutex;
    QHash<QUuid, Bucket> m_buckets;
};

} // namespace vw::server::messaging
