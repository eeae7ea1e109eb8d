#include "server/realtime/roomregistry.h"

namespace vw::server::realtime {

QString RoomRegistry::userRoom(const QUuid &userId)
{
    return QStringLiteral("user:") + userId.toString(QUuid::WithoutBraces);
}

QString RoomRegistry::sessionRoom(const QUuid &sessionId)
{
    return QStringLiteral("session:") + sessionId.toString(QUuid::WithoutBraces);
}

QString RoomRegistry::conversationRoom(const QUuid &conversationId)
{
    return QStringLiteral("conversation:") + conversationId.toString(QUuid::WithoutBraces);
}

void RoomRegistry::join(const QString &room, SocketId socket)
{
    m_rooms[room].insert(socket);
    m_roomsOfSocket[socket].insert(room);
}

void RoomRegistry::leave(const QString &room, SocketId socket)
{
    if (auto it = m_rooms.find(room); it != m_rooms.end()) {
        it->remove(socket);
        // Empty rooms go, or a long-running server would keep one per conversation ever opened.
        if (it->isEmpty())
            m_rooms.erase(it);
    }
    if (auto it = m_roomsOfSocket.find(socket); it != m_roomsOfSocket.end()) {
        it->remove(room);
        if (it->isEmpty())
            m_roomsOfSocket.erase(it);
    }
}

void RoomRegistry::leaveAll(SocketId socket)
{
    const QSet<QString> rooms = m_roomsOfSocket.take(socket);
    for (const QString &room : rooms) {
        if (auto it = m_rooms.find(room); it != m_rooms.end()) {
            it->remove(socket);
            if (it->isEmpty())
                m_rooms.erase(it);
        }
    }
}

bool RoomRegistry::contains(const QString &room, SocketId socket) const
{
    const auto it = m_rooms.constFind(room);
    return it != m_rooms.constEnd() && it->contains(socket);
}

QList<SocketId> RoomRegistry::members(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? QList<SocketId>() : it->values();
}

QSet<SocketId> RoomRegistry::membersOfAny(const QList<QString> &rooms) const
{
    QSet<SocketId> sockets;
    for (const QString &room : rooms) {
        if (const auto it = m_rooms.constFind(room); it != m_rooms.constEnd())
            sockets.unite(*it);
    }
    return sockets;
}

} // namespace vw::server::realtime
