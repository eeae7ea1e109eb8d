#include "app/client/reconnectpolicy.h"

#include <QTest>

#include <climits>
#include <cmath>

using vw::client::ReconnectPolicy;

// The backoff between realtime reconnect attempts: it grows, stops at the cap, stays inside
// its jitter band and never overflows, however long a clinic's network stays down.
class TestReconnectPolicy : public QObject
{
    Q_OBJECT
private slots:
    void growsExponentiallyUpToTheCap_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<int>("expected");
        // random01 = 0.5 cancels the jitter, leaving the nominal delay.
        QTest::newRow("first retry") << 0 << 500;
        QTest::newRow("second") << 1 << 1000;
        QTest::newRow("third") << 2 << 2000;
        QTest::newRow("fourth") << 3 << 4000;
        QTest::newRow("fifth") << 4 << 8000;
        QTest::newRow("sixth") << 5 << 16000;
        QTest::newRow("capped (32000 nominal)") << 6 << 30000;
        QTest::newRow("stays capped") << 7 << 30000;
        QTest::newRow("attempt 30") << 30 << 30000;
    }

    void growsExponentiallyUpToTheCap()
    {
        QFETCH(int, attempt);
        QFETCH(int, expected);
        QCOMPARE(ReconnectPolicy().delayForAttempt(attempt, 0.5), expected);
    }

    void jitterBounds_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<double>("random01");
        QTest::addColumn<int>("expected");
        QTest::newRow("attempt 0, low end") << 0 << 0.0 << 250;
        QTest::newRow("attempt 0, middle") << 0 << 0.5 << 500;
        QTest::newRow("attempt 0, high end") << 0 << 1.0 << 750;
        QTest::newRow("attempt 3, low end") << 3 << 0.0 << 2000;
        QTest::newRow("attempt 3, middle") << 3 << 0.5 << 4000;
        QTest::newRow("attempt 3, high end") << 3 << 1.0 << 6000;
        // At the cap the band is [15000, 30000]: 150% of the cap is clamped to the cap.
        QTest::newRow("capped, low end") << 10 << 0.0 << 15000;
        QTest::newRow("capped, middle") << 10 << 0.5 << 30000;
        QTest::newRow("capped, high end") << 10 << 1.0 << 30000;
        QTest::newRow("attempt 5, high end (24000)") << 5 << 1.0 << 24000;
        QTest::newRow("random below 0 is clamped") << 0 << -3.0 << 250;
        QTest::newRow("random above 1 is clamped") << 0 << 7.0 << 750;
    }

    void jitterBounds()
    {
        QFETCH(int, attempt);
        QFETCH(double, random01);
        QFETCH(int, expected);
        QCOMPARE(ReconnectPolicy().delayForAttempt(attempt, random01), expected);
    }

    void everyDelayStaysWithinTheBand()
    {
        const ReconnectPolicy policy;
        for (int attempt = 0; attempt <= 40; ++attempt) {
            const double nominal = qMin(500.0 * std::pow(2.0, attempt), 30000.0);
            for (int step = 0; step <= 100; ++step) {
                const int delay = policy.delayForAttempt(attempt, step / 100.0);
                QVERIFY2(delay >= qRound(nominal * 0.5) && delay <= qMin(qRound(nominal * 1.5), 30000),
                    qPrintable(
                        QStringLiteral("attempt %1, random %2: %3 ms").arg(attempt).arg(step).arg(delay)));
            }
        }
    }

    void noOverflowForLargeAttempts_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::newRow("100") << 100;
        QTest::newRow("1100 (pow is infinite)") << 1100;
        QTest::newRow("INT_MAX") << INT_MAX;
    }

    void noOverflowForLargeAttempts()
    {
        QFETCH(int, attempt);
        const ReconnectPolicy policy;
        QCOMPARE(policy.delayForAttempt(attempt, 0.0), 15000);
        QCOMPARE(policy.delayForAttempt(attempt, 0.5), 30000);
        QCOMPARE(policy.delayForAttempt(attempt, 1.0), 30000);
    }

    void withoutJitterTheRandomNumberIsIgnored()
    {
        ReconnectPolicy policy;
        policy.jitter = 0.0;
        QCOMPARE(policy.delayForAttempt(2, 0.0), 2000);
        QCOMPARE(policy.delayForAttempt(2, 1.0), 2000);
    }

    void customSettings()
    {
        ReconnectPolicy policy;
        policy.initialDelayMs = 100;
        policy.maxDelayMs = 1000;
        policy.multiplier = 3.0;
        policy.jitter = 0.0;
        QCOMPARE(policy.delayForAttempt(0, 0.3), 100);
        QCOMPARE(policy.delayForAttempt(1, 0.3), 300);
        QCOMPARE(policy.delayForAttempt(2, 0.3), 900);
        QCOMPARE(policy.delayForAttempt(3, 0.3), 1000);
    }

    void nonsenseSettingsStayInRange()
    {
        ReconnectPolicy negative;
        negative.initialDelayMs = -5;
        negative.maxDelayMs = -1;
        QCOMPARE(negative.delayForAttempt(0, 1.0), 0);

        ReconnectPolicy shrinking;
        shrinking.multiplier = -2.0;
        QCOMPARE(shrinking.delayForAttempt(1, 1.0), 0);

        ReconnectPolicy wild;
        wild.jitter = 5.0; // clamped to 1: the band is [0, 2x nominal]
        QCOMPARE(wild.delayForAttempt(0, 0.0), 0);
        QCOMPARE(wild.delayForAttempt(0, 1.0), 1000);

        QCOMPARE(ReconnectPolicy().delayForAttempt(-4, 0.5), 500);
    }
};

QTEST_APPLESS_MAIN(TestReconnectPolicy)
#include "tst_reconnectpolicy.moc"
