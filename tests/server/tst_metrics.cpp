#include "server/metrics/histogram.h"
#include "server/metrics/metrics.h"

#include <QTest>

using vw::server::metrics::Histogram;
using vw::server::metrics::Metrics;

namespace {

// The line of `text` that starts with `prefix` (empty if none).
QByteArray lineStarting(const QByteArray &text, const QByteArray &prefix)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(prefix))
            return line;
    }
    return {};
}

} // namespace

// The Prometheus text /metrics renders: what a scraper and the load generator's report parse.
class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void histogramBucketsAreCumulativeAndIncludeTheirBound()
    {
        Histogram histogram({0.001, 0.01, 0.1});
        histogram.observe(0.0005);
        histogram.observe(0.001); // on the bound: "le" means at or under
        histogram.observe(0.05);
        histogram.observe(7.0); // over every bound: only +Inf and the count see it
        const Histogram::Snapshot snapshot = histogram.snapshot();
        QCOMPARE(snapshot.cumulativeCounts, (std::vector<quint64> {2, 2, 3}));
        QCOMPARE(snapshot.count, 4u);
        QCOMPARE(snapshot.sum, 0.0005 + 0.001 + 0.05 + 7.0);

        const QByteArray text
            = Histogram::render(QStringLiteral("t_seconds"), QStringLiteral("Test."), snapshot)
                  .join(QLatin1Char('\n'))
                  .toUtf8();
        QVERIFY(text.contains("# TYPE t_seconds histogram\n"));
        QVERIFY(text.contains("t_seconds_bucket{le=\"0.001\"} 2\n"));
        QVERIFY(text.contains("t_seconds_bucket{le=\"0.01\"} 2\n"));
        QVERIFY(text.contains("t_seconds_bucket{le=\"0.1\"} 3\n"));
        QVERIFY(text.contains("t_seconds_bucket{le=\"+Inf\"} 4\n"));
        QVERIFY(text.contains("t_seconds_count 4"));
    }

    void sumsAndCountersKeepAllTheirDigits()
    {
        // Six significant digits (QString::arg's default) would print 1.23457e+06: a rate
        // computed from it stands still for a thousand increments.
        Histogram histogram({1.0});
        for (int i = 0; i < 3; ++i)
            histogram.observe(411522.3);
        const QByteArray text
            = Histogram::render(QStringLiteral("h"), QStringLiteral("H."), histogram.snapshot())
                  .join(QLatin1Char('\n'))
                  .toUtf8();
        QCOMPARE(lineStarting(text, "h_sum "), QByteArray("h_sum 1234566.9"));

        Metrics metrics;
        metrics.registerCounter(QStringLiteral("c_total"), QStringLiteral("C."), [] { return 1234567.0; });
        const QByteArray rendered = metrics.renderPrometheus();
        QVERIFY(rendered.contains("# TYPE c_total counter\n"));
        QCOMPARE(lineStarting(rendered, "c_total "), QByteArray("c_total 1234567"));
    }

    void gaugesCountersAndHistogramsAreTypedApart()
    {
        Metrics metrics;
        Histogram histogram({0.5});
        histogram.observe(0.25);
        metrics.registerGauge(QStringLiteral("g_open"), QStringLiteral("G."), [] { return 3.0; });
        metrics.registerCounter(QStringLiteral("c_total"), QStringLiteral("C."), [] { return 5.0; });
        metrics.registerHistogram(QStringLiteral("h_seconds"), QStringLiteral("H."), &histogram);
        const QByteArray text = metrics.renderPrometheus();
        QVERIFY(text.contains("# TYPE g_open gauge\ng_open 3\n"));
        QVERIFY(text.contains("# TYPE c_total counter\nc_total 5\n"));
        QVERIFY(text.contains("# TYPE h_seconds histogram\n"));
        QVERIFY(text.contains("h_seconds_bucket{le=\"0.5\"} 1\n"));
        // Rendered when asked, not when registered: a later observation shows.
        histogram.observe(1.0);
        QVERIFY(metrics.renderPrometheus().contains("h_seconds_bucket{le=\"+Inf\"} 2\n"));
    }

    void requestLatencyKeepsItsHistogram()
    {
        Metrics metrics;
        metrics.recordRequest("GET", QStringLiteral("/healthz"), 200, 0.003);
        const QByteArray text = metrics.renderPrometheus();
        QVERIFY(text.contains("# TYPE vytalwatch_http_request_duration_seconds histogram\n"));
        QVERIFY(text.contains("vytalwatch_http_request_duration_seconds_bucket{le=\"0.0025\"} 0\n"));
        QVERIFY(text.contains("vytalwatch_http_request_duration_seconds_bucket{le=\"0.005\"} 1\n"));
        QVERIFY(text.contains("vytalwatch_http_request_duration_seconds_count 1"));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
