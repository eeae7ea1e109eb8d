#include "tests/load/latencyrecorder.h"

#include <QTest>

#include <algorithm>
#include <random>

using vw::load::LatencyRecorder;

// The percentile maths behind every latency the load generator reports: nearest rank, on
// sorted samples, with the tail percentiles (p99.9) exact at the sizes runs produce.
class TestLatencyRecorder : public QObject
{
    Q_OBJECT
private slots:
    void emptyHasNoPercentiles()
    {
        LatencyRecorder recorder;
        QCOMPARE(recorder.count(), std::size_t(0));
        QVERIFY(!recorder.percentile(50));
        QVERIFY(!recorder.min());
        QVERIFY(!recorder.mean());
        QCOMPARE(recorder.toJsonMs(), QJsonObject({{QStringLiteral("count"), 0}}));
    }

    void nearestRank_data()
    {
        QTest::addColumn<int>("samples"); // values 1..samples
        QTest::addColumn<double>("percent");
        QTest::addColumn<qint64>("expected");

        QTest::newRow("single sample, p50") << 1 << 50.0 << qint64(1);
        QTest::newRow("single sample, p99.9") << 1 << 99.9 << qint64(1);
        QTest::newRow("p0 is the minimum") << 10 << 0.0 << qint64(1);
        QTest::newRow("p100 is the maximum") << 10 << 100.0 << qint64(10);
        // ceil(0.5 * 10) = 5: nearest rank never interpolates.
        QTest::newRow("p50 of 10") << 10 << 50.0 << qint64(5);
        QTest::newRow("p50 of 11") << 11 << 50.0 << qint64(6);
        QTest::newRow("p90 of 10") << 10 << 90.0 << qint64(9);
        QTest::newRow("p91 of 10 rounds up") << 10 << 91.0 << qint64(10);
        QTest::newRow("p99 of 100") << 100 << 99.0 << qint64(99);
        // 0.999 * 1000 is 998.9999... or 999.0000...1 in binary; the rank must be 999 either way.
        QTest::newRow("p99.9 of 1000") << 1000 << 99.9 << qint64(999);
        QTest::newRow("p99.9 of 10000") << 10000 << 99.9 << qint64(9990);
        QTest::newRow("p99.9 of 999") << 999 << 99.9 << qint64(999);
        QTest::newRow("p99.9 of 100") << 100 << 99.9 << qint64(100);
        QTest::newRow("out of range percent is clamped") << 10 << 150.0 << qint64(10);
    }

    void nearestRank()
    {
        QFETCH(int, samples);
        QFETCH(double, percent);
        QFETCH(qint64, expected);
        LatencyRecorder recorder;
        for (int i = 1; i <= samples; ++i)
            recorder.add(i);
        QCOMPARE(recorder.percentile(percent), std::optional<qint64>(expected));
    }

    void orderOfArrivalDoesNotMatter()
    {
        std::vector<qint64> values(1000);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = qint64(i + 1) * 1000;
        std::mt19937 rng(42);
        std::shuffle(values.begin(), values.end(), rng);
        LatencyRecorder recorder;
        for (const qint64 value : values)
            recorder.add(value);
        QCOMPARE(recorder.percentile(50), std::optional<qint64>(500'000));
        QCOMPARE(recorder.percentile(99.9), std::optional<qint64>(999'000));
        QCOMPARE(recorder.min(), std::optional<qint64>(1000));
        QCOMPARE(recorder.max(), std::optional<qint64>(1'000'000));
    }

    void addingAfterAQueryResorts()
    {
        LatencyRecorder recorder;
        recorder.add(10);
        recorder.add(20);
        QCOMPARE(recorder.max(), std::optional<qint64>(20));
        recorder.add(5);
        QCOMPARE(recorder.min(), std::optional<qint64>(5));
        QCOMPARE(recorder.percentile(50), std::optional<qint64>(10));
    }

    void mergeCombinesThreads()
    {
        LatencyRecorder odd;
        LatencyRecorder even;
        for (int i = 1; i <= 100; ++i)
            (i % 2 ? odd : even).add(i);
        odd.merge(even);
        odd.merge(LatencyRecorder());
        QCOMPARE(odd.count(), std::size_t(100));
        QCOMPARE(odd.percentile(90), std::optional<qint64>(90));
        QCOMPARE(odd.mean(), std::optional<double>(50.5));
    }

    void jsonIsInMilliseconds()
    {
        LatencyRecorder recorder;
        for (int i = 1; i <= 1000; ++i)
            recorder.add(qint64(i) * 1'000'000); // 1 ms .. 1000 ms
        const QJsonObject json = recorder.toJsonMs();
        QCOMPARE(json.value(QStringLiteral("count")).toInteger(), 1000);
        QCOMPARE(json.value(QStringLiteral("p50")).toDouble(), 500.0);
        QCOMPARE(json.value(QStringLiteral("p90")).toDouble(), 900.0);
        QCOMPARE(json.value(QStringLiteral("p99")).toDouble(), 990.0);
        QCOMPARE(json.value(QStringLiteral("p999")).toDouble(), 999.0);
        QCOMPARE(json.value(QStringLiteral("min")).toDouble(), 1.0);
        QCOMPARE(json.value(QStringLiteral("max")).toDouble(), 1000.0);
        QCOMPARE(json.value(QStringLiteral("mean")).toDouble(), 500.5);
    }

    void subMillisecondSamplesKeepMicroseconds()
    {
        LatencyRecorder recorder;
        recorder.add(123'456); // 0.123456 ms
        QCOMPARE(recorder.toJsonMs().value(QStringLiteral("p50")).toDouble(), 0.123);
    }
};

QTEST_GUILESS_MAIN(TestLatencyRecorder)
#include "tst_latencyrecorder.moc"
