#pragma once

#include "server/core/presencesource.h"

#include <QHash>
#include <QUuid>

namespace vw::server::realtime {

// Counts each user's authenticated sockets, so a user with a phone and a desktop goes
// offline only when the last of them disconnects.
class PresenceTracker : public PresenceSource
{
public:
    // True when this is the user's first socket (they just came online).
    bool addSocket(const QUuid &userId);
    // True when this was the user's last socket (they just went offline).
    bool removeSocket(const QUuid &userId);

    bool isOnline(const QUuid &userId) const override;
    int socketCount(const QUuid &userId) const;
    int onlineUsers() const { return static_cast<int>(m_sockets.size()); }

private:
    QHash<QUuid, int> m_sockets;
};

} // namespace vw::server::realtime
