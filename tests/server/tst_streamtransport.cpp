// DescriptorTransport on a real connected socket pair: bytes both ways in order, output
// queued behind a full kernel buffer and drained as the peer reads, a peer that stops
// reading dropped at the queue limit, FIN after the queue, the peer's close reported.
#include "server/websocket/streamtransport.h"
#include "tests/support/localsocketpair.h"
#include "tests/support/recordingtransportlistener.h"

#include <QTest>

#include <memory>
#include <utility>

#include <sys/socket.h>
#include <unistd.h>

using vw::server::websocket::DescriptorTransport;
using vw::test::LocalSocketPair;
using vw::test::RecordingTransportListener;

namespace {

constexpr int kWaitMs = 5000;

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char('a' + (i * 7 + i / 251) % 26);
    return bytes;
}

} // namespace

class TestStreamTransport : public QObject
{
    Q_OBJECT

private slots:
    void bytesFlowBothWaysInOrder()
    {
        LocalSocketPair pair;
        QVERIFY(pair.ours >= 0);
        RecordingTransportListener listener;
        DescriptorTransport transport(std::exchange(pair.ours, -1), 1 << 20);
        transport.start(listener);

        QVERIFY(transport.write("head|", "body|"));
        QVERIFY(transport.write("second", {}));
        // Sent from the event loop, in one go.
        QCOMPARE(pair.readPeer(), QByteArray());
        QByteArray atPeer;
        QTRY_VERIFY_WITH_TIMEOUT((atPeer += pair.readPeer()) == "head|body|second", kWaitMs);
        QCOMPARE(transport.bytesToWrite(), 0);

        QCOMPARE(::send(pair.peer, "from the peer", 13, MSG_NOSIGNAL), ssize_t(13));
        QTRY_COMPARE_WITH_TIMEOUT(listener.received, QByteArray("from the peer"), kWaitMs);
        QCOMPARE(listener.ended, 0);
    }

    // More than the kernel takes at once: the rest waits and follows as the peer reads.
    void aFullSendBufferQueuesAndDrainsInOrder()
    {
        LocalSocketPair pair;
        RecordingTransportListener listener;
        DescriptorTransport transport(std::exchange(pair.ours, -1), 64 << 20);
        transport.start(listener);
        const QByteArray big = pattern(8 << 20);
        for (qsizetype offset = 0; offset < big.size(); offset += 1 << 20)
            QVERIFY(transport.write(QByteArrayView(big).sliced(offset, 1 << 20), {}));
        QByteArray atPeer;
        QTRY_VERIFY_WITH_TIMEOUT((atPeer += pair.readPeer()).size() == big.size(), 20000);
        QVERIFY(atPeer == big);
        QTRY_COMPARE_WITH_TIMEOUT(transport.bytesToWrite(), 0, kWaitMs);
        QCOMPARE(listener.ended, 0);
    }

    // A peer that stopped reading: past the queue limit writes are refused and the transport
    // ends, reported from the event loop (not from inside write()).
    void aPeerThatStopsReadingIsDroppedAtTheLimit()
    {
        LocalSocketPair pair;
        RecordingTransportListener listener;
        DescriptorTransport transport(std::exchange(pair.ours, -1), 256 * 1024);
        transport.start(listener);
        const QByteArray chunk = pattern(64 * 1024);
        bool refused = false;
        for (int i = 0; i < 1000 && !refused; ++i) {
            refused = !transport.write(chunk, {});
            if (!refused)
                QTest::qWait(1); // let queued output go until the kernel buffer is full
        }
        QVERIFY(refused);
        QCOMPARE(listener.ended, 0); // not from inside write()
        QTRY_COMPARE_WITH_TIMEOUT(listener.ended, 1, kWaitMs);
        QVERIFY(!transport.write("more", {}));
        QByteArray drained;
        QTRY_VERIFY_WITH_TIMEOUT(pair.peerSawEnd(drained), kWaitMs); // our descriptor is closed
    }

    void shutdownWhenFlushedSendsTheQueueThenEndOfStream()
    {
        LocalSocketPair pair;
        RecordingTransportListener listener;
        DescriptorTransport transport(std::exchange(pair.ours, -1), 1 << 20);
        transport.start(listener);
        QVERIFY(transport.write("last words", {}));
        transport.shutdownWhenFlushed();
        QByteArray atPeer;
        QTRY_VERIFY_WITH_TIMEOUT(pair.peerSawEnd(atPeer), kWaitMs);
        QCOMPARE(atPeer, QByteArray("last words"));
        // Reading goes on after our FIN until the peer closes too.
        QCOMPARE(::send(pair.peer, "bye", 3, MSG_NOSIGNAL), ssize_t(3));
        QTRY_COMPARE_WITH_TIMEOUT(listener.received, QByteArray("bye"), kWaitMs);
        ::shutdown(pair.peer, SHUT_WR);
        QTRY_COMPARE_WITH_TIMEOUT(listener.ended, 1, kWaitMs);
    }

    void thePeersCloseIsReportedOnce()
    {
        LocalSocketPair pair;
        RecordingTransportListener listener;
        DescriptorTransport transport(std::exchange(pair.ours, -1), 1 << 20);
        transport.start(listener);
        ::close(pair.peer);
        pair.peer = -1;
        QTRY_COMPARE_WITH_TIMEOUT(listener.ended, 1, kWaitMs);
        QTest::qWait(50);
        QCOMPARE(listener.ended, 1);
        QVERIFY(!transport.write("too late", {}));
    }

    void abortClosesAtOnceAndSaysNothing()
    {
        LocalSocketPair pair;
        RecordingTransportListener listener;
        DescriptorTransport transport(std::exchange(pair.ours, -1), 1 << 20);
        transport.start(listener);
        QVERIFY(transport.write("never sent", {}));
        transport.abort();
        QByteArray atPeer;
        QTRY_VERIFY_WITH_TIMEOUT(pair.peerSawEnd(atPeer), kWaitMs);
        QCOMPARE(atPeer, QByteArray()); // the queued bytes were dropped
        QTest::qWait(50);
        QCOMPARE(listener.ended, 0);
    }
};

QTEST_GUILESS_MAIN(TestStreamTransport)
#include "tst_streamtransport.moc"
