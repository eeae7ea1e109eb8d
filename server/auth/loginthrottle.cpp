#include "server/auth/loginthrottle.h"

#include <QMutexLocker>

namespace vw::server::auth {

namespace {
// Every so many failures, forget keys whose failures all left the window, so a spray of
// distinct names cannot grow the tables without bound.
constexpr int kSweepEvery = 1024;

QString usernameKey(const QString &username)
{
    return username.toLower();
}
} // namespace

LoginThrottle::LoginThrottle(const Clock &clock) : LoginThrottle(clock, Limits {}) { }

LoginThrottle::LoginThrottle(const Clock &clock, Limits limits) : m_clock(clock), m_limits(limits) { }

void LoginThrottle::prune(Failures &failures, const QString &key, qint64 now) const
{
    auto it = failures.find(key);
    if (it == failures.end())
        return;
    QList<qint64> &times = it.value();
    while (!times.isEmpty() && now - times.first() >= m_limits.windowMs)
        times.removeFirst();
    if (times.isEmpty())
        failures.erase(it);
}

std::optional<int> LoginThrottle::blockedFor(
    Failures &failures, const QString &key, int limit, qint64 now) const
{
    prune(failures, key, now);
    const auto it = failures.constFind(key);
    if (limit <= 0 || it == failures.constEnd() || it->size() < limit)
        return std::nullopt;
    // Free again when enough failures have aged out to bring the count below the limit.
    const qint64 freeAt = it->at(it->size() - limit) + m_limits.windowMs;
    const qint64 waitMs = freeAt - now;
    return static_cast<int>(qMax<qint64>(1, (waitMs + 999) / 1000));
}

std::optional<int> LoginThrottle::retryAfterSeconds(const QString &username, const QString &ip)
{
    QMutexLocker locker(&m_mutex);
    const qint64 now = m_clock.monotonicMs();
    const auto byName = blockedFor(m_byUsername, usernameKey(username), m_limits.perUsername, now);
    const auto byIp = blockedFor(m_byIp, ip, m_limits.perIp, now);
    if (byName && byIp)
        return qMax(*byName, *byIp);
    return byName ? byName : byIp;
}

void LoginThrottle::recordFailure(const QString &username, const QString &ip)
{
    QMutexLocker locker(&m_mutex);
    const qint64 now = m_clock.monotonicMs();
    const QString name = usernameKey(username);
    prune(m_byUsername, name, now);
    prune(m_byIp, ip, now);
    QList<qint64> &nameTimes = m_byUsername[name];
    nameTimes.append(now);
    // Only the newest `limit` failures matter for the decision.
    while (nameTimes.size() > qMax(1, m_limits.perUsername))
        nameTimes.removeFirst();
    QList<qint64> &ipTimes = m_byIp[ip];
    ipTimes.append(now);
    while (ipTimes.size() > qMax(1, m_limits.perIp))
        ipTimes.removeFirst();
    if (++m_insertsSinceSweep >= kSweepEvery)
        sweep(now);
}

void LoginThrottle::recordSuccess(const QString &username)
{
    QMutexLocker locker(&m_mutex);
    m_byUsername.remove(usernameKey(username));
}

void LoginThrottle::sweep(qint64 now)
{
    m_insertsSinceSweep = 0;
    for (Failures *failures : {&m_byUsername, &m_byIp}) {
        const QStringList keys = failures->keys();
        for (const QString &key : keys)
            prune(*failures, key, now);
    }
}

} // namespace vw::server::auth
