#pragma once

#include "tests/load/pendingget.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <vector>

namespace vw::load {

// One Prometheus histogram read from /metrics: cumulative counts per upper bound.
struct HistogramReading
{
    std::vector<double> upperBounds;
    std::vector<double> cumulativeCounts;
    double count = 0;
    double sum = 0;

    // `metric`'s `_bucket`, `_count` and `_sum` lines in a /metrics body (empty when absent).
    static HistogramReading parse(const QByteArray &metricsText, const QByteArray &metric);
    // What was observed between two readings of the same histogram.
    HistogramReading since(const HistogramReading &earlier) const;
    // The q-quantile estimated the way Prometheus' histogram_quantile() does: linearly inside
    // the bucket it falls in; in the +Inf bucket, the highest finite bound.
    double quantile(double q) const;
    double mean() const { return count > 0 ? sum / count : 0; }
};

// The group-commit writer's histograms between two /metrics scrapes, as the JSON the result
// line carries: commits, writes per commit, COMMIT time and time to durable (ms). They say how
// much of a run's latency was the disk's, which the client-side percentiles cannot.
QJsonObject writerTimingsBetween(const QByteArray &before, const QByteArray &after);

// GET /metrics with an admin's token, started at one end of the measured window and read later.
std::unique_ptr<PendingGet> startMetricsScrape(
    QNetworkAccessManager &network, const QUrl &serverUrl, const QString &adminToken);

} // namespace vw::load
