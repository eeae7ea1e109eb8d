#include "common/core/clock.h"
#include "tests/support/manualclock.h"

#include <QTest>

// Checks the clocks services rely on: the system clock is UTC and monotonic, and the
// manual clock moves only when told.
class TestClock : public QObject
{
    Q_OBJECT
private slots:
    void systemClockIsUtcAndMonotonic()
    {
        vw::SystemClock clock;
        QCOMPARE(clock.nowUtc().timeSpec(), Qt::UTC);
        const qint64 first = clock.monotonicMs();
        QVERIFY(clock.monotonicMs() >= first);
    }

    void manualClockMovesOnlyWhenAdvanced()
    {
        vw::test::ManualClock clock;
        const QDateTime start = clock.nowUtc();
        const qint64 startMs = clock.monotonicMs();
        QCOMPARE(clock.nowUtc(), start);
        clock.advanceMs(1500);
        QCOMPARE(clock.nowUtc(), start.addMSecs(1500));
        QCOMPARE(clock.monotonicMs(), startMs + 1500);
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
