#pragma once

#include "server/realtime/clientsocket.h"
#include "server/realtime/presencetracker.h"
#include "server/realtime/roomregistry.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QUuid>

#include <functional>
#include <memory>

namespace vw::server::realtime {

class EventFrame;

// The gateway's shared state: every open socket by id, the rooms they are in and who is
// online. The gateway adds and removes sockets; the fan-out and the event handlers look
// sockets up and send through it. Single-threaded (the server's network thread).
class RealtimeHub
{
    Q_DISABLE_COPY_MOVE(RealtimeHub)

public:
    RealtimeHub() = default;
    ~RealtimeHub();

    ClientSocket &add(std::unique_ptr<ClientSocket> socket);
    // Leaves every room; presence is the gateway's business (it announces the change).
    std::unique_ptr<ClientSocket> remove(SocketId id);
    ClientSocket *find(SocketId id) const;
    QList<ClientSocket *> all() const;
    int socketCount() const { return static_cast<int>(m_sockets.size()); }
    int authenticatedCount() const;

    RoomRegistry &rooms() { return m_rooms; }
    const RoomRegistry &rooms() const { return m_rooms; }
    PresenceTracker &presence() { return m_presence; }
    const PresenceTracker &presence() const { return m_presence; }

    // Authenticated sockets of these users and of the extra rooms, each once.
    QList<ClientSocket *> socketsOf(const QList<QUuid> &userIds, const QList<QString> &extraRooms = {}) const;
    // Sends `frame` to each socket, except those whose user is `excludedUser`.
    void send(const QList<ClientSocket *> &sockets, const EventFrame &frame, const QUuid &excludedUser = {});

private:
    QHash<SocketId, ClientSocket *> m_sockets; // owned
    RoomRegistry m_rooms;
    PresenceTracker m_presence;
};

} // namespace vw::server::realtime
