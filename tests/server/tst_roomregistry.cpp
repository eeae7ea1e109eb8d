#include "server/realtime/pendingdeliveries.h"
#include "server/realtime/presencetracker.h"
#include "server/realtime/roomregistry.h"

#include <QTest>

using namespace vw::server::realtime;

// The gateway's bookkeeping: rooms (join, leave, union without duplicates, cleanup on
// disconnect), presence counted per device, and the bounded table of delivery acks.
class TestRoomRegistry : public QObject
{
    Q_OBJECT
private slots:
    void joinLeaveAndMembers()
    {
        RoomRegistry rooms;
        const QString room = RoomRegistry::conversationRoom(QUuid::createUuid());
        rooms.join(room, 1);
        rooms.join(room, 2);
        rooms.join(room, 2);
        QVERIFY(rooms.contains(room, 1));
        QCOMPARE(rooms.members(room).size(), 2);
        rooms.leave(room, 1);
        QVERIFY(!rooms.contains(room, 1));
        QCOMPARE(rooms.members(room), QList<SocketId> {2});
        rooms.leave(room, 2);
        QCOMPARE(rooms.roomCount(), 0); // empty rooms do not linger
    }

    void unionCountsEachSocketOnce()
    {
        RoomRegistry rooms;
        const QUuid user = QUuid::createUuid();
        const QString userRoom = RoomRegistry::userRoom(user);
        const QString conversationRoom = RoomRegistry::conversationRoom(QUuid::createUuid());
        rooms.join(userRoom, 1);
        rooms.join(userRoom, 2);
        rooms.join(conversationRoom, 2);
        rooms.join(conversationRoom, 3);
        QCOMPARE(rooms.membersOfAny({userRoom, conversationRoom}), (QSet<SocketId> {1, 2, 3}));
        QCOMPARE(rooms.membersOfAny({RoomRegistry::userRoom(QUuid::createUuid())}), QSet<SocketId> {});
    }

    void leaveAllForgetsTheSocketEverywhere()
    {
        RoomRegistry rooms;
        const QString a = RoomRegistry::userRoom(QUuid::createUuid());
        const QString b = RoomRegistry::sessionRoom(QUuid::createUuid());
        rooms.join(a, 7);
        rooms.join(b, 7);
        rooms.join(b, 8);
        rooms.leaveAll(7);
        QVERIFY(!rooms.contains(a, 7));
        QVERIFY(!rooms.contains(b, 7));
        QCOMPARE(rooms.members(b), QList<SocketId> {8});
        QCOMPARE(rooms.roomCount(), 1);
    }

    void roomNamesDoNotCollide()
    {
        const QUuid id = QUuid::createUuid();
        QVERIFY(RoomRegistry::userRoom(id) != RoomRegistry::conversationRoom(id));
        QVERIFY(RoomRegistry::userRoom(id) != RoomRegistry::sessionRoom(id));
    }

    void presenceCountsDevices()
    {
        PresenceTracker presence;
        const QUuid user = QUuid::createUuid();
        QVERIFY(!presence.isOnline(user));
        QVERIFY(presence.addSocket(user)); // first device: came online
        QVERIFY(!presence.addSocket(user)); // second device: already online
        QCOMPARE(presence.socketCount(user), 2);
        QVERIFY(!presence.removeSocket(user)); // one device left
        QVERIFY(presence.isOnline(user));
        QVERIFY(presence.removeSocket(user)); // last device: went offline
        QVERIFY(!presence.isOnline(user));
        QVERIFY(!presence.removeSocket(user)); // unknown: no change
        QCOMPARE(presence.onlineUsers(), 0);
    }

    void deliveriesAreTakenOnceAndBounded()
    {
        PendingDeliveries deliveries(3);
        QList<HandedOver> messages;
        QList<qint64> ackIds;
        for (int i = 0; i < 4; ++i) {
            messages.append(HandedOver {QUuid::createUuid(), QUuid::createUuid(), QUuid::createUuid()});
            ackIds.append(deliveries.add(messages.last()));
        }
        const auto messageIdOf = [&](qint64 ackId) -> std::optional<QUuid> {
            const auto taken = deliveries.take(ackId);
            return taken ? std::optional<QUuid>(taken->messageId) : std::nullopt;
        };
        QCOMPARE(deliveries.size(), 3);
        QCOMPARE(messageIdOf(ackIds[0]), std::nullopt); // the oldest was forgotten
        const auto second = deliveries.take(ackIds[2]);
        QVERIFY(second);
        QCOMPARE(second->messageId, messages[2].messageId);
        QCOMPARE(second->conversationId, messages[2].conversationId);
        QCOMPARE(second->senderId, messages[2].senderId);
        QCOMPARE(messageIdOf(ackIds[2]), std::nullopt); // an ack counts once
        QCOMPARE(messageIdOf(12345), std::nullopt);
        QCOMPARE(messageIdOf(ackIds[3]), std::optional<QUuid>(messages[3].messageId));
        QVERIFY(ackIds[1] != ackIds[2]);
    }
};

QTEST_APPLESS_MAIN(TestRoomRegistry)
#include "tst_roomregistry.moc"
