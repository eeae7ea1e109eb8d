#include "server/metrics/histogram.h"
#include "tests/load/writertimings.h"

#include <QTest>

using vw::load::HistogramReading;
using vw::server::metrics::Histogram;

namespace {

// A /metrics body holding `histogram` under `name`, rendered by the server's own code.
QByteArray rendered(const QString &name, const Histogram &histogram)
{
    return Histogram::render(name, QStringLiteral("Test."), histogram.snapshot())
               .join(QLatin1Char('\n'))
               .toUtf8()
        + '\n';
}

} // namespace

// The load generator's reading of the server's histograms: parsed from the text the server
// renders, subtracted across the measured window, and turned into percentiles.
class TestWriterTimings : public QObject
{
    Q_OBJECT

private slots:
    void parsesWhatTheServerRenders()
    {
        Histogram histogram({0.001, 0.01, 0.1});
        histogram.observe(0.0005);
        histogram.observe(0.005);
        histogram.observe(0.5);
        const auto reading
            = HistogramReading::parse(rendered(QStringLiteral("w_seconds"), histogram), "w_seconds");
        QCOMPARE(reading.upperBounds, (std::vector<double> {0.001, 0.01, 0.1}));
        QCOMPARE(reading.cumulativeCounts, (std::vector<double> {1, 2, 2}));
        QCOMPARE(reading.count, 3.0);
        QCOMPARE(reading.sum, 0.5055);
        // Another metric whose name starts the same is not mixed in.
        QCOMPARE(HistogramReading::parse(rendered(QStringLiteral("w_seconds_total"), histogram), "w_seconds")
                     .count,
            0.0);
    }

    void onlyTheWindowBetweenTwoReadingsCounts()
    {
        Histogram histogram({0.001, 0.01});
        for (int i = 0; i < 50; ++i)
            histogram.observe(0.009); // before the window: slow
        const QByteArray before = rendered(QStringLiteral("w"), histogram);
        for (int i = 0; i < 10; ++i)
            histogram.observe(0.0004); // inside it: fast
        const auto window = HistogramReading::parse(rendered(QStringLiteral("w"), histogram), "w")
                                .since(HistogramReading::parse(before, "w"));
        QCOMPARE(window.count, 10.0);
        QCOMPARE(window.cumulativeCounts, (std::vector<double> {10, 10}));
        QVERIFY(window.quantile(0.99) <= 0.001);
    }

    void quantilesInterpolateInsideTheirBucket()
    {
        HistogramReading reading;
        reading.upperBounds = {0.001, 0.002, 0.004};
        reading.cumulativeCounts = {0, 50, 100};
        reading.count = 100;
        // Half of the observations are in (1, 2] ms: the median is that bucket's top.
        QCOMPARE(reading.quantile(0.5), 0.002);
        // 99 % is 49/50 of the way through the (2, 4] ms bucket.
        QVERIFY(qAbs(reading.quantile(0.99) - 0.00396) < 1e-9);
        // Observations past the last bound: the last bound, not infinity.
        reading.count = 200;
        QCOMPARE(reading.quantile(0.99), 0.004);
        QCOMPARE(HistogramReading {}.quantile(0.5), 0.0);
    }

    void writerTimingsSummariseTheThreeHistograms()
    {
        Histogram batches({1, 10, 100});
        Histogram commits({0.001, 0.01});
        Histogram writes({0.001, 0.01});
        const auto body = [&]() -> QByteArray {
            return rendered(QStringLiteral("vytalwatch_store_batch_writes"), batches)
                + rendered(QStringLiteral("vytalwatch_store_commit_duration_seconds"), commits)
                + rendered(QStringLiteral("vytalwatch_store_write_duration_seconds"), writes);
        };
        const QByteArray before = body();
        for (int i = 0; i < 4; ++i) {
            batches.observe(5);
            commits.observe(0.0005);
            for (int j = 0; j < 5; ++j)
                writes.observe(0.002);
        }
        const QJsonObject timings = vw::load::writerTimingsBetween(before, body());
        QCOMPARE(timings.value(QStringLiteral("commits")).toDouble(), 4.0);
        QCOMPARE(timings.value(QStringLiteral("writes")).toDouble(), 20.0);
        QCOMPARE(timings.value(QStringLiteral("writesPerCommit")).toDouble(), 5.0);
        QCOMPARE(
            timings.value(QStringLiteral("commitMs")).toObject().value(QStringLiteral("mean")).toDouble(),
            0.5);
        const double writeP50
            = timings.value(QStringLiteral("writeMs")).toObject().value(QStringLiteral("p50")).toDouble();
        QVERIFY(writeP50 > 1.0 && writeP50 <= 10.0);
    }
};

QTEST_GUILESS_MAIN(TestWriterTimings)
#include "tst_writertimings.moc"
