#include "server/realtime/typingtracker.h"

#include <QTest>

using namespace vw::server::realtime;

namespace {
constexpr int kTimeoutMs = 6000;
constexpr int kRelayMs = 2000;
} // namespace

// Which typing reports are relayed (start, stop, a refresh at most every relay interval)
// and which indicators are cleared by the timeout or by the user going offline.
class TestTypingTracker : public QObject
{
    Q_OBJECT
private slots:
    void startIsRelayedAndRepeatsAreThrottled()
    {
        TypingTracker tracker(kTimeoutMs, kRelayMs);
        const QUuid conversation = QUuid::createUuid();
        const QUuid user = QUuid::createUuid();
        QVERIFY(tracker.report(conversation, user, true, 1000));
        QVERIFY(!tracker.report(conversation, user, true, 1500));
        QVERIFY(!tracker.report(conversation, user, true, 2999));
        QVERIFY(tracker.report(conversation, user, true, 3000)); // relay interval passed
        QVERIFY(!tracker.report(conversation, user, true, 3100));
        QCOMPARE(tracker.activeCount(), 1);
    }

    void stopIsRelayedOnlyWhenSomeoneWasTyping()
    {
        TypingTracker tracker(kTimeoutMs, kRelayMs);
        const QUuid conversation = QUuid::createUuid();
        const QUuid user = QUuid::createUuid();
        QVERIFY(!tracker.report(conversation, user, false, 0));
        QVERIFY(tracker.report(conversation, user, true, 10));
        QVERIFY(tracker.report(conversation, user, false, 20)); // at once, despite the throttle
        QVERIFY(!tracker.report(conversation, user, false, 30));
        QCOMPARE(tracker.activeCount(), 0);
    }

    void usersAndConversationsAreIndependent()
    {
        TypingTracker tracker(kTimeoutMs, kRelayMs);
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        const QUuid alice = QUuid::createUuid();
        const QUuid bob = QUuid::createUuid();
        QVERIFY(tracker.report(a, alice, true, 0));
        QVERIFY(tracker.report(a, bob, true, 1));
        QVERIFY(tracker.report(b, alice, true, 2));
        QCOMPARE(tracker.activeCount(), 3);
    }

    void unrefreshedIndicatorsExpire()
    {
        TypingTracker tracker(kTimeoutMs, kRelayMs);
        const QUuid conversation = QUuid::createUuid();
        const QUuid quiet = QUuid::createUuid();
        const QUuid busy = QUuid::createUuid();
        QVERIFY(tracker.report(conversation, quiet, true, 0));
        QVERIFY(tracker.report(conversation, busy, true, 0));
        QVERIFY(!tracker.report(conversation, busy, true, 1000)); // refreshed, not relayed
        QVERIFY(tracker.expire(kTimeoutMs - 1).isEmpty());
        const auto expired = tracker.expire(kTimeoutMs);
        QCOMPARE(expired, (QList<TypingChange> {{conversation, quiet, false}}));
        QCOMPARE(tracker.activeCount(), 1);
        QVERIFY(tracker.expire(1000 + kTimeoutMs - 1).isEmpty());
        QCOMPARE(tracker.expire(1000 + kTimeoutMs), (QList<TypingChange> {{conversation, busy, false}}));
        // An expired indicator starts afresh: the next report is relayed.
        QVERIFY(tracker.report(conversation, quiet, true, 20000));
    }

    void clearingAUserEndsAllTheirIndicators()
    {
        TypingTracker tracker(kTimeoutMs, kRelayMs);
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        const QUuid leaving = QUuid::createUuid();
        const QUuid staying = QUuid::createUuid();
        QVERIFY(tracker.report(a, leaving, true, 0));
        QVERIFY(tracker.report(b, leaving, true, 0));
        QVERIFY(tracker.report(a, staying, true, 0));
        auto cleared = tracker.clearUser(leaving);
        QCOMPARE(cleared.size(), 2);
        for (const TypingChange &change : cleared) {
            QCOMPARE(change.userId, leaving);
            QVERIFY(!change.isTyping);
        }
        QCOMPARE(tracker.activeCount(), 1);
        QVERIFY(tracker.clearUser(leaving).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestTypingTracker)
#include "tst_typingtracker.moc"
