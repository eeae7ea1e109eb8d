#include "server/auth/loginthrottle.h"
#include "tests/support/manualclock.h"

#include <QTest>

using vw::server::auth::LoginThrottle;

namespace {
constexpr qint64 kMinute = 60 * 1000;
}

// Failed-login throttling per user name and per address on a manual clock: the limits, the
// sliding window, Retry-After, and that success clears the name (but not the address).
class TestLoginThrottle : public QObject
{
    Q_OBJECT
private slots:
    void blocksUsernameAfterFiveFailures()
    {
        vw::test::ManualClock clock;
        LoginThrottle throttle(clock);
        const QString ip = QStringLiteral("10.0.0.1");
        for (int i = 0; i < 5; ++i) {
            QVERIFY(!throttle.retryAfterSeconds(QStringLiteral("alice"), ip));
            throttle.recordFailure(QStringLiteral("alice"), ip);
            clock.advanceMs(kMinute);
        }
        // Blocked for the name in any spelling and from any address; other names are not.
        const auto wait = throttle.retryAfterSeconds(QStringLiteral("ALICE"), QStringLiteral("10.9.9.9"));
        QVERIFY(wait);
        // The first failure was 5 minutes ago; it leaves the 15-minute window in 10 minutes.
        QCOMPARE(*wait, 10 * 60);
        QVERIFY(!throttle.retryAfterSeconds(QStringLiteral("bob"), ip));

        clock.advanceMs(10 * kMinute - 1000);
        QCOMPARE(throttle.retryAfterSeconds(QStringLiteral("alice"), ip).value_or(0), 1);
        clock.advanceMs(1000);
        QVERIFY(!throttle.retryAfterSeconds(QStringLiteral("alice"), ip));
        // One more failure fills the window again (four old ones are still inside it).
        throttle.recordFailure(QStringLiteral("alice"), ip);
        QCOMPARE(throttle.retryAfterSeconds(QStringLiteral("alice"), ip).value_or(0), 60);
    }

    void successClearsUsernameOnly()
    {
        vw::test::ManualClock clock;
        LoginThrottle throttle(clock, LoginThrottle::Limits {3, 4, 15 * kMinute});
        const QString ip = QStringLiteral("10.0.0.2");
        for (int i = 0; i < 3; ++i)
            throttle.recordFailure(QStringLiteral("carol"), ip);
        QVERIFY(throttle.retryAfterSeconds(QStringLiteral("carol"), QStringLiteral("10.1.1.1")));
        throttle.recordSuccess(QStringLiteral("Carol"));
        QVERIFY(!throttle.retryAfterSeconds(QStringLiteral("carol"), QStringLiteral("10.1.1.1")));
        // The address still has its three failures; one more reaches its limit of four.
        throttle.recordFailure(QStringLiteral("dave"), ip);
        const auto wait = throttle.retryAfterSeconds(QStringLiteral("erin"), ip);
        QVERIFY(wait);
        QCOMPARE(*wait, 15 * 60);
    }

    void capsFailuresPerAddress()
    {
        vw::test::ManualClock clock;
        LoginThrottle throttle(clock);
        const QString ip = QStringLiteral("192.0.2.7");
        // Spraying many names (each under its own limit) still trips the per-address cap.
        for (int i = 0; i < 20; ++i) {
            QVERIFY2(!throttle.retryAfterSeconds(QStringLiteral("user%1").arg(i), ip),
                qPrintable(QString::number(i)));
            throttle.recordFailure(QStringLiteral("user%1").arg(i), ip);
        }
        QVERIFY(throttle.retryAfterSeconds(QStringLiteral("fresh-name"), ip));
        QVERIFY(!throttle.retryAfterSeconds(QStringLiteral("fresh-name"), QStringLiteral("192.0.2.8")));
        clock.advanceMs(15 * kMinute);
        QVERIFY(!throttle.retryAfterSeconds(QStringLiteral("fresh-name"), ip));
    }

    void forgetsOldEntries()
    {
        vw::test::ManualClock clock;
        LoginThrottle throttle(clock);
        // Far more distinct names than the sweep interval; after the window all are forgotten,
        // and none of them blocks anything.
        for (int i = 0; i < 3000; ++i)
            throttle.recordFailure(
                QStringLiteral("spray%1").arg(i), QStringLiteral("203.0.113.%1").arg(i % 250));
        clock.advanceMs(16 * kMinute);
        for (int i = 0; i < 1100; ++i)
            throttle.recordFailure(QStringLiteral("later%1").arg(i), QStringLiteral("198.51.100.1"));
        QVERIFY(!throttle.retryAfterSeconds(QStringLiteral("spray1"), QStringLiteral("203.0.113.1")));
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
