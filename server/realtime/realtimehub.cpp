#include "server/realtime/realtimehub.h"

#include "server/realtime/engineconnection.h"
#include "server/realtime/eventframe.h"

namespace vw::server::realtime {

RealtimeHub::~RealtimeHub()
{
    qDeleteAll(m_sockets);
}

ClientSocket &RealtimeHub::add(std::unique_ptr<ClientSocket> socket)
{
    ClientSocket *raw = socket.release();
    m_sockets.insert(raw->id(), raw);
    return *raw;
}

std::unique_ptr<ClientSocket> RealtimeHub::remove(SocketId id)
{
    m_rooms.leaveAll(id);
    return std::unique_ptr<ClientSocket>(m_sockets.take(id));
}

ClientSocket *RealtimeHub::find(SocketId id) const
{
    return m_sockets.value(id, nullptr);
}

QList<ClientSocket *> RealtimeHub::all() const
{
    return m_sockets.values();
}

int RealtimeHub::authenticatedCount() const
{
    int count = 0;
    for (const ClientSocket *socket : m_sockets)
        count += socket->isAuthenticated() ? 1 : 0;
    return count;
}

QList<ClientSocket *> RealtimeHub::socketsOf(
    const QList<QUuid> &userIds, const QList<QString> &extraRooms) const
{
    QList<QString> rooms = extraRooms;
    rooms.reserve(rooms.size() + userIds.size());
    for (const QUuid &userId : userIds)
        rooms.append(RoomRegistry::userRoom(userId));
    QList<ClientSocket *> sockets;
    for (const SocketId id : m_rooms.membersOfAny(rooms)) {
        ClientSocket *socket = find(id);
        if (socket && socket->isAuthenticated() && socket->engine().isOpen())
            sockets.append(socket);
    }
    return sockets;
}

void RealtimeHub::send(
    const QList<ClientSocket *> &sockets, const EventFrame &frame, const QUuid &excludedUser)
{
    const QByteArray encoded = frame.frame();
    for (ClientSocket *socket : sockets) {
        if (!excludedUser.isNull() && socket->principal().userId == excludedUser)
            continue;
        socket->engine().sendUtf8Frame(encoded);
    }
}

} // namespace vw::server::realtime
