#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QUuid>

#include <vector>

namespace vw::server::realtime {

// Identifies one WebSocket connection for the lifetime of the gateway (never reused).
using SocketId = quint64;

// Socket.IO rooms: named sets of sockets. Every authenticated socket is in its user's room
// (all of that user's devices) and its session's room (to kick it when the session is
// revoked); conversation rooms are joined on request after a participation check.
class RoomRegistry
{
public:
    static QString userRoom(const QUuid &userId);
    static QString sessionRoom(const QUuid &sessionId);
    static QString conversationRoom(const QUuid &conversationId);

    void join(const QString &room, SocketId socket);
    void leave(const QString &room, SocketId socket);
    // Removes the socket from every room it is in (on disconnect).
    void leaveAll(SocketId socket);

    bool contains(const QString &room, SocketId socket) const;
    QList<SocketId> members(const QString &room) const;
    // Each socket once, however many of the rooms it is in (socket.io's to([a, b])).
    QSet<SocketId> membersOfAny(const QList<QString> &rooms) const;
    int roomCount() const { return static_cast<int>(m_rooms.size()); }

private:
    // Small vectors, not QSets: a room holds a user's few devices and a socket is in a few
    // rooms, and each QSet costs a 1 KiB block however few it holds; with tens of thousands
    // of idle sockets that was ~2 KiB of every socket's memory.
    QHash<QString, std::vector<SocketId>> m_rooms;
    QHash<SocketId, std::vector<QString>> m_roomsOfSocket;
};

} // namespace vw::server::realtime
