// DescriptorReactor on real connected socket pairs: of many watched descriptors only the
// ready one is served, write interest comes and goes, a listener may detach another one
// whose event is in the same turn, posted calls run later and in order and are dropped for
// a detached handle, a hang-up reaches the reader, a descriptor epoll refuses is reported;
// and DescriptorTransports keep their connections in the reactor, not one notifier each.
#include "server/core/descriptorreactor.h"
#include "server/websocket/streamtransport.h"
#include "tests/support/localsocketpair.h"
#include "tests/support/recordingtransportlistener.h"

#include <QTest>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using vw::server::DescriptorReactor;
using vw::server::ReadinessListener;
using vw::server::websocket::DescriptorTransport;
using vw::test::LocalSocketPair;
using vw::test::RecordingTransportListener;

namespace {

constexpr int kWaitMs = 5000;

// Counts its calls; reads what is readable (so a level-triggered wake-up does not repeat)
// and runs `onReadable` if set.
class CountingListener final : public ReadinessListener
{
public:
    explicit CountingListener(int descriptor = -1) : m_descriptor(descriptor) { }

    void descriptorReadable() override
    {
        ++readable;
        char buffer[256];
        ssize_t got = 0;
        while (m_descriptor >= 0 && (got = ::recv(m_descriptor, buffer, sizeof buffer, 0)) > 0)
            received.append(buffer, got);
        if (got == 0)
            sawEnd = true;
        if (onReadable)
            onReadable();
    }
    void descriptorWritable() override { ++writable; }

    int readable = 0;
    int writable = 0;
    bool sawEnd = false;
    QByteArray received;
    std::function<void()> onReadable;

private:
    int m_descriptor;
};

} // namespace

class TestDescriptorReactor : public QObject
{
    Q_OBJECT

private slots:
    void onlyTheReadyDescriptorIsServed()
    {
        DescriptorReactor reactor;
        QVERIFY(reactor.isUsable());
        constexpr int kPairs = 300;
        std::vector<std::unique_ptr<LocalSocketPair>> pairs;
        std::vector<std::unique_ptr<CountingListener>> listeners;
        for (int i = 0; i < kPairs; ++i) {
            pairs.push_back(std::make_unique<LocalSocketPair>());
            QVERIFY(pairs.back()->ours >= 0);
            listeners.push_back(std::make_unique<CountingListener>(pairs.back()->ours));
            const auto handle = reactor.attach(*listeners.back());
            QVERIFY(reactor.watch(handle, pairs.back()->ours, true, false));
        }
        QCOMPARE(reactor.watchedCount(), kPairs);

        QCOMPARE(::send(pairs[137]->peer, "ping", 4, MSG_NOSIGNAL), ssize_t(4));
        QTRY_COMPARE_WITH_TIMEOUT(listeners[137]->received, QByteArray("ping"), kWaitMs);
        QTest::qWait(50);
        QCOMPARE(listeners[137]->readable, 1); // read dry: no second wake-up
        for (int i = 0; i < kPairs; ++i) {
            if (i != 137)
                QCOMPARE(listeners[i]->readable + listeners[i]->writable, 0);
        }
    }

    void writeInterestComesAndGoes()
    {
        DescriptorReactor reactor;
        LocalSocketPair pair;
        CountingListener listener;
        const auto handle = reactor.attach(listener);
        QVERIFY(reactor.watch(handle, pair.ours, false, true)); // an empty send buffer has room
        QTRY_VERIFY_WITH_TIMEOUT(listener.writable > 0, kWaitMs);
        QVERIFY(reactor.watch(handle, pair.ours, false, false));
        QCOMPARE(reactor.watchedCount(), 0);
        const int calls = listener.writable;
        QTest::qWait(50);
        QCOMPARE(listener.writable, calls);
        QCOMPARE(listener.readable, 0);
    }

    // Both descriptors are ready in the same turn and each listener detaches the other (and
    // frees it): whichever runs first, the other must not be called.
    void aListenerMayDetachAnotherWhoseEventIsInTheSameTurn()
    {
        DescriptorReactor reactor;
        LocalSocketPair first;
        LocalSocketPair second;
        auto firstListener = std::make_unique<CountingListener>(first.ours);
        auto secondListener = std::make_unique<CountingListener>(second.ours);
        const auto firstHandle = reactor.attach(*firstListener);
        const auto secondHandle = reactor.attach(*secondListener);
        int calls = 0;
        firstListener->onReadable = [&] {
            ++calls;
            reactor.detach(secondHandle);
            secondListener.reset();
        };
        secondListener->onReadable = [&] {
            ++calls;
            reactor.detach(firstHandle);
            firstListener.reset();
        };
        // Ready before the reactor first looks, so both are in one epoll_wait.
        QCOMPARE(::send(first.peer, "a", 1, MSG_NOSIGNAL), ssize_t(1));
        QCOMPARE(::send(second.peer, "b", 1, MSG_NOSIGNAL), ssize_t(1));
        QVERIFY(reactor.watch(firstHandle, first.ours, true, false));
        QVERIFY(reactor.watch(secondHandle, second.ours, true, false));
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, kWaitMs);
        QTest::qWait(50);
        QCOMPARE(calls, 1);
        QCOMPARE(reactor.watchedCount(), 1);
    }

    void postedCallsRunLaterInOrderAndDieWithTheirHandle()
    {
        DescriptorReactor reactor;
        CountingListener kept;
        CountingListener dropped;
        const auto keptHandle = reactor.attach(kept);
        const auto droppedHandle = reactor.attach(dropped);
        QStringList ran;
        reactor.post(keptHandle, [&] { ran << QStringLiteral("one"); });
        reactor.post(droppedHandle, [&] { ran << QStringLiteral("dropped"); });
        reactor.post(keptHandle, [&] {
            ran << QStringLiteral("two");
            reactor.post(keptHandle, [&] { ran << QStringLiteral("next turn"); });
        });
        QVERIFY(ran.isEmpty()); // not from inside post()
        reactor.detach(droppedHandle);
        QTRY_COMPARE_WITH_TIMEOUT(ran.size(), 3, kWaitMs);
        QCOMPARE(
            ran, (QStringList {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("next turn")}));
    }

    void aHangUpReachesTheReader()
    {
        DescriptorReactor reactor;
        LocalSocketPair pair;
        CountingListener listener(pair.ours);
        const auto handle = reactor.attach(listener);
        QVERIFY(reactor.watch(handle, pair.ours, true, false));
        ::close(pair.peer);
        pair.peer = -1;
        QTRY_VERIFY_WITH_TIMEOUT(listener.sawEnd, kWaitMs);
        reactor.detach(handle);
        QCOMPARE(reactor.watchedCount(), 0);
    }

    // epoll takes no regular files: the refusal is reported and nothing is left watched.
    void aDescriptorEpollRefusesIsReported()
    {
        DescriptorReactor reactor;
        CountingListener listener;
        const int file = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        QVERIFY(file >= 0);
        const auto handle = reactor.attach(listener);
        QVERIFY(!reactor.watch(handle, file, true, false));
        QCOMPARE(reactor.watchedCount(), 0);
        ::close(file);
    }

    // The same refusal under a transport ends it, reported from the event loop.
    void aTransportWhoseDescriptorCannotBeWatchedEnds()
    {
        const int file = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        QVERIFY(file >= 0);
        RecordingTransportListener listener;
        DescriptorTransport transport(file, 1 << 20);
        transport.start(listener);
        QCOMPARE(listener.ended, 0);
        QTRY_COMPARE_WITH_TIMEOUT(listener.ended, 1, kWaitMs);
        QVERIFY(!transport.write("refused", {}));
    }

    // Idle connections cost the event loop nothing per turn: they sit in the thread's epoll
    // set, which the loop watches through one notifier, and leave it with their transport.
    void transportsWaitInTheThreadsReactor()
    {
        DescriptorReactor &reactor = DescriptorReactor::forCurrentThread();
        const qsizetype before = reactor.watchedCount();
        constexpr int kConnections = 400;
        std::vector<std::unique_ptr<LocalSocketPair>> pairs;
        std::vector<std::unique_ptr<RecordingTransportListener>> listeners;
        std::vector<std::unique_ptr<DescriptorTransport>> transports;
        for (int i = 0; i < kConnections; ++i) {
            pairs.push_back(std::make_unique<LocalSocketPair>());
            QVERIFY(pairs.back()->ours >= 0);
            listeners.push_back(std::make_unique<RecordingTransportListener>());
            transports.push_back(
                std::make_unique<DescriptorTransport>(std::exchange(pairs.back()->ours, -1), 1 << 20));
            transports.back()->start(*listeners.back());
        }
        QCOMPARE(reactor.watchedCount(), before + kConnections);
        transports.clear();
        QCOMPARE(reactor.watchedCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestDescriptorReactor)
#include "tst_descriptorreactor.moc"
