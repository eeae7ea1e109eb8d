#include "server/realtime/roomregistry.h"

#include <algorithm>

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

namespace {

// Adds `value` unless present; true when added.
template <typename T>
bool addOnce(std::vector<T> &values, const T &value)
{
    if (std::find(values.cbegin(), values.cend(), value) != values.cend())
        return false;
    values.push_back(value);
    return true;
}

template <typename T>
void removeValue(std::vector<T> &values, const T &value)
{
    const auto it = std::find(values.begin(), values.end(), value);
    if (it == values.end())
        return;
    *it = std::move(values.back()); // order does not matter
    values.pop_back();
}

// Removes `value` from the vector stored under `key`, and the key once its vector is empty
// (or a long-running server would keep a room per conversation ever opened).
template <typename Map, typename Key, typename T>
void removeFrom(Map &map, const Key &key, const T &value)
{
    const auto it = map.find(key);
    if (it == map.end())
        return;
    removeValue(*it, value);
    if (it->empty())
        map.erase(it);
}

} // namespace

void RoomRegistry::join(const QString &room, SocketId socket)
{
    if (addOnce(m_rooms[room], socket))
        m_roomsOfSocket[socket].push_back(room);
}

void RoomRegistry::leave(const QString &room, SocketId socket)
{
    removeFrom(m_rooms, room, socket);
    removeFrom(m_roomsOfSocket, socket, room);
}

void RoomRegistry::leaveAll(SocketId socket)
{
    const std::vector<QString> rooms = m_roomsOfSocket.take(socket);
    for (const QString &room : rooms)
        removeFrom(m_rooms, room, socket);
}

bool RoomRegistry::contains(const QString &room, SocketId socket) const
{
    const auto it = m_rooms.constFind(room);
    return it != m_rooms.constEnd() && std::find(it->cbegin(), it->cend(), socket) != it->cend();
}

QList<SocketId> RoomRegistry::members(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? QList<SocketId>() : QList<SocketId>(it->cbegin(), it->cend());
}

QSet<SocketId> RoomRegistry::membersOfAny(const QList<QString> &rooms) const
{
    QSet<SocketId> sockets;
    for (const QString &room : rooms) {
        if (const auto it = m_rooms.constFind(room); it != m_rooms.constEnd()) {
            for (const SocketId socket : *it)
                sockets.insert(socket);
        }
    }
    return sockets;
}

} // namespace vw::server::realtime
