#pragma once

#include "common/core/clock.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

namespace vw::server::auth {

// Slows password guessing: at most `perUsername` failed logins per user name and `perIp` per
// client address within a sliding window, after which logins are refused until the oldest
// failure leaves the window. In memory (a restart forgets), on the monotonic clock.
class LoginThrottle
{
public:
    struct Limits
    {
        int perUsername = 5;
        int perIp = 20;
        qint64 windowMs = 15 * 60 * 1000;
    };

    explicit LoginThrottle(const Clock &clock);
    LoginThrottle(const Clock &clock, Limits limits);
    Q_DISABLE_COPY_MOVE(LoginThrottle)

    // Seconds until a login for this name from this address may be tried; nothing when allowed now.
    std::optional<int> retryAfterSeconds(const QString &username, const QString &ip);
    void recordFailure(const QString &username, const QString &ip);
    // A successful login forgets the name's failures (the address keeps its count).
    void recordSuccess(const QString &username);

    const Limits &limits() const { return m_limits; }

private:
    using Failures = QHash<QString, QList<qint64>>;

    void prune(Failures &failures, const QString &key, qint64 now) const;
    std::optional<int> blockedFor(Failures &failures, const QString &key, int limit, qint64 now) const;
    void sweep(qint64 now);

    const Clock &m_clock;
    Limits m_limits;
    QMutex m_mutex;
    Failures m_byUsername;
    Failures m_byIp;
    int m_insertsSinceSweep = 0;
};

} // namespace vw::server::auth
