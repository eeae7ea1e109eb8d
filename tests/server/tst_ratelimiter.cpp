#include "server/messaging/ratelimiter.h"

#include "tests/support/manualclock.h"

#include <QTest>

using namespace vw;
using namespace vw::server;
using namespace vw::server::messaging;

// The token bucket on a manual clock: a full burst, then refill at perMinute/60 s, per user,
// with Retry-After saying when the next message is allowed.
class TestRateLimiter : public QObject
{
    Q_OBJECT
private slots:
    void burstThenRefuse_data()
    {
        QTest::addColumn<int>("perMinute");
        QTest::addColumn<int>("retryAfter");
        QTest::newRow("60/min") << 60 << 1;
        QTest::newRow("6/min") << 6 << 10;
        QTest::newRow("1/min") << 1 << 60;
    }

    void burstThenRefuse()
    {
        QFETCH(int, perMinute);
        QFETCH(int, retryAfter);
        test::ManualClock clock;
        RateLimiter limiter(clock, perMinute);
        const QUuid user = QUuid::createUuid();
        for (int i = 0; i < perMinute; ++i)
            QVERIFY2(limiter.acquire(user).ok(), qPrintable(QString::number(i)));
        const auto refused = limiter.acquire(user);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ServiceError::Kind::TooManyRequests);
        QCOMPARE(refused.error().message, QStringLiteral("Too many messages"));
        QCOMPARE(refused.error().retryAfterSeconds, retryAfter);
        // After the advertised wait exactly one more is allowed.
        clock.advanceMs(qint64(retryAfter) * 1000);
        QVERIFY(limiter.acquire(user).ok());
        QVERIFY(!limiter.acquire(user).ok());
    }

    void usersHaveTheirOwnBuckets()
    {
        test::ManualClock clock;
        RateLimiter limiter(clock, 2);
        const QUuid a = QUuid::createUuid();
        const QUuid b = QUuid::createUuid();
        QVERIFY(limiter.acquire(a).ok());
        QVERIFY(limiter.acquire(a).ok());
        QVERIFY(!limiter.acquire(a).ok());
        QVERIFY(limiter.acquire(b).ok());
    }

    void refillIsContinuousAndCapped()
    {
        test::ManualClock clock;
        RateLimiter limiter(clock, 60);
        const QUuid user = QUuid::createUuid();
        for (int i = 0; i < 60; ++i)
            QVERIFY(limiter.acquire(user).ok());
        clock.advanceMs(500);
        QVERIFY(!limiter.acquire(user).ok());
        clock.advanceMs(500);
        QVERIFY(limiter.acquire(user).ok());
        // A long idle time refills to the burst size, not beyond.
        clock.advanceMs(3'600'000);
        for (int i = 0; i < 60; ++i)
            QVERIFY(limiter.acquire(user).ok());
        QVERIFY(!limiter.acquire(user).ok());
    }

    void zeroTurnsLimitingOff()
    {
        test::ManualClock clock;
        RateLimiter limiter(clock, 0);
        const QUuid user = QUuid::createUuid();
        for (int i = 0; i < 1000; ++i)
            QVERIFY(limiter.acquire(user).ok());
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
