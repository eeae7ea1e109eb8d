// ParkedSocket on real loopback TCP connections: a parked socket's read notifier is off (Qt
// polls it no more) and its descriptor waits in the thread's epoll set; the next bytes or the
// peer's FIN give it back to Qt, which reads them as if nothing had happened.
#include "server/core/descriptorreactor.h"
#include "server/http/parkedsocket.h"

#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using vw::server::DescriptorReactor;
using vw::server::http::ParkedSocket;

namespace {

constexpr int kWaitMs = 10000;

// The accepted (server) side and the connecting (client) side of one loopback connection.
struct TcpPair
{
    TcpPair()
    {
        if (!listener.listen(QHostAddress::LocalHost))
            return;
        client.connectToHost(QHostAddress::LocalHost, listener.serverPort());
        if (listener.waitForNewConnection(kWaitMs))
            accepted.reset(listener.nextPendingConnection());
        if (accepted)
            accepted->setParent(nullptr);
    }

    QTcpServer listener;
    QTcpSocket client;
    std::unique_ptr<QTcpSocket> accepted;
};

// Whether Qt's read notifier for the socket's descriptor is enabled (what poll() is given).
bool readNotifierEnabled(const QTcpSocket &socket)
{
    for (const QSocketNotifier *notifier : socket.findChildren<QSocketNotifier *>()) {
        if (notifier->type() == QSocketNotifier::Read && notifier->socket() == socket.socketDescriptor())
            return notifier->isEnabled();
    }
    return false;
}

} // namespace

class TestParkedSocket : public QObject
{
    Q_OBJECT

private slots:
    void aParkedSocketIsPolledByTheReactorNotByQt()
    {
        TcpPair pair;
        QVERIFY(pair.accepted);
        QVERIFY(readNotifierEnabled(*pair.accepted));
        const qsizetype watchedBefore = DescriptorReactor::forCurrentThread().watchedCount();

        ParkedSocket parking;
        int wakes = 0;
        QVERIFY(parking.park(*pair.accepted, [&] { ++wakes; }));
        QVERIFY(parking.isParked());
        QVERIFY(!readNotifierEnabled(*pair.accepted));
        QCOMPARE(DescriptorReactor::forCurrentThread().watchedCount(), watchedBefore + 1);

        QByteArray read;
        connect(pair.accepted.get(), &QIODevice::readyRead, this, [&] { read += pair.accepted->readAll(); });
        pair.client.write("GET / HTTP/1.1\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(wakes, 1, kWaitMs);
        QVERIFY(!parking.isParked());
        QVERIFY(readNotifierEnabled(*pair.accepted));
        QCOMPARE(DescriptorReactor::forCurrentThread().watchedCount(), watchedBefore);
        // Qt reads the bytes that woke it, all of them.
        QTRY_COMPARE_WITH_TIMEOUT(read, QByteArray("GET / HTTP/1.1\r\n"), kWaitMs);
        QCOMPARE(wakes, 1);
    }

    void aPeerThatHangsUpWakesItAndQtSeesTheEnd()
    {
        TcpPair pair;
        QVERIFY(pair.accepted);
        ParkedSocket parking;
        int wakes = 0;
        QVERIFY(parking.park(*pair.accepted, [&] { ++wakes; }));
        bool disconnected = false;
        connect(pair.accepted.get(), &QAbstractSocket::disconnected, this, [&] { disconnected = true; });
        pair.client.disconnectFromHost();
        QTRY_VERIFY_WITH_TIMEOUT(disconnected, kWaitMs);
        QCOMPARE(wakes, 1);
        QVERIFY(!parking.isParked());
    }

    void aSocketWithUnreadBytesIsNotParked()
    {
        TcpPair pair;
        QVERIFY(pair.accepted);
        pair.client.write("x");
        QVERIFY(pair.client.waitForBytesWritten(kWaitMs));
        QVERIFY(pair.accepted->waitForReadyRead(kWaitMs));
        QCOMPARE(pair.accepted->bytesAvailable(), 1);
        ParkedSocket parking;
        QVERIFY(!parking.park(*pair.accepted, [] {}));
        QVERIFY(!parking.isParked());
        QVERIFY(readNotifierEnabled(*pair.accepted));
    }

    void unparkingOrDestroyingGivesTheSocketBack()
    {
        TcpPair pair;
        QVERIFY(pair.accepted);
        const qsizetype watchedBefore = DescriptorReactor::forCurrentThread().watchedCount();
        int wakes = 0;
        {
            ParkedSocket parking;
            QVERIFY(parking.park(*pair.accepted, [&] { ++wakes; }));
            QVERIFY(!parking.park(*pair.accepted, [&] { ++wakes; })); // once is enough
            parking.unpark();
            QVERIFY(readNotifierEnabled(*pair.accepted));
            QCOMPARE(DescriptorReactor::forCurrentThread().watchedCount(), watchedBefore);
            QVERIFY(parking.park(*pair.accepted, [&] { ++wakes; }));
            QVERIFY(!readNotifierEnabled(*pair.accepted));
        }
        QVERIFY(readNotifierEnabled(*pair.accepted));
        QCOMPARE(DescriptorReactor::forCurrentThread().watchedCount(), watchedBefore);
        // Nobody is told about bytes that arrive after: the socket is Qt's again.
        pair.client.write("y");
        QVERIFY(pair.client.waitForBytesWritten(kWaitMs));
        QVERIFY(pair.accepted->waitForReadyRead(kWaitMs));
        QCOMPARE(pair.accepted->readAll(), QByteArray("y"));
        QCOMPARE(wakes, 0);
    }
};

QTEST_GUILESS_MAIN(TestParkedSocket)
#include "tst_parkedsocket.moc"
