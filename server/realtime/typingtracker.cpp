#include "server/realtime/typingtracker.h"

namespace vw::server::realtime {

TypingTracker::TypingTracker(int timeoutMs, int relayIntervalMs)
    : m_timeoutMs(timeoutMs), m_relayIntervalMs(relayIntervalMs)
{ }

bool TypingTracker::report(const QUuid &conversationId, const QUuid &userId, bool isTyping, qint64 nowMs)
{
    const Key key {conversationId, userId};
    const auto it = m_active.find(key);
    if (!isTyping) {
        if (it == m_active.end())
            return false; // nobody was shown typing: nothing to take back
        m_active.erase(it);
        return true;
    }
    if (it == m_active.end()) {
        m_active.insert(key, Entry {nowMs, nowMs});
        return true;
    }
    it->lastReportMs = nowMs;
    if (nowMs - it->lastRelayMs < m_relayIntervalMs)
        return false;
    it->lastRelayMs = nowMs;
    return true;
}

QList<TypingChange> TypingTracker::expire(qint64 nowMs)
{
    QList<TypingChange> expired;
    for (auto it = m_active.begin(); it != m_active.end();) {
        if (nowMs - it->lastReportMs >= m_timeoutMs) {
            expired.append({it.key().first, it.key().second, false});
            it = m_active.erase(it);
        } else {
            ++it;
        }
    }
    return expired;
}

QList<TypingChange> TypingTracker::clearUser(const QUuid &userId)
{
    QList<TypingChange> cleared;
    for (auto it = m_active.begin(); it != m_active.end();) {
        if (it.key().second == userId) {
            cleared.append({it.key().first, userId, false});
            it = m_active.erase(it);
        } else {
            ++it;
        }
    }
    return cleared;
}

} // namespace vw::server::realtime
