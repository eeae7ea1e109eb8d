#include "server/realtime/presencetracker.h"

namespace vw::server::realtime {

bool PresenceTracker::addSocket(const QUuid &userId)
{
    return ++m_sockets[userId] == 1;
}

bool PresenceTracker::removeSocket(const QUuid &userId)
{
    const auto it = m_sockets.find(userId);
    if (it == m_sockets.end())
        return false;
    if (--it.value() > 0)
        return false;
    m_sockets.erase(it);
    return true;
}

bool PresenceTracker::isOnline(const QUuid &userId) const
{
    return m_sockets.contains(userId);
}

int PresenceTracker::socketCount(const QUuid &userId) const
{
    return m_sockets.value(userId, 0);
}

} // namespace vw::server::realtime
