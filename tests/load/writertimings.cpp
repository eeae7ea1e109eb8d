#include "tests/load/writertimings.h"

#include <algorithm>
#include <cmath>

namespace vw::load {

namespace {

double parseSampleValue(const QByteArray &text)
{
    if (text == "+Inf")
        return INFINITY;
    return text.toDouble();
}

double roundedMs(double seconds)
{
    return std::round(seconds * 1e6) / 1e3; // µs precision, in ms
}

QJsonObject msSummary(const HistogramReading &seconds)
{
    return QJsonObject {{QStringLiteral("p50"), roundedMs(seconds.quantile(0.5))},
        {QStringLiteral("p90"), roundedMs(seconds.quantile(0.9))},
        {QStringLiteral("p99"), roundedMs(seconds.quantile(0.99))},
        {QStringLiteral("mean"), roundedMs(seconds.mean())}};
}

} // namespace

HistogramReading HistogramReading::parse(const QByteArray &metricsText, const QByteArray &metric)
{
    HistogramReading reading;
    const QByteArray bucketPrefix = metric + "_bucket{le=\"";
    const QByteArray countPrefix = metric + "_count ";
    const QByteArray sumPrefix = metric + "_sum ";
    for (const QByteArray &line : metricsText.split('\n')) {
        if (line.startsWith(bucketPrefix)) {
            const qsizetype boundEnd = line.indexOf('"', bucketPrefix.size());
            const qsizetype valueStart = line.lastIndexOf(' ');
            if (boundEnd < 0 || valueStart < 0)
                continue;
            const double bound
                = parseSampleValue(line.mid(bucketPrefix.size(), boundEnd - bucketPrefix.size()));
            if (std::isinf(bound))
                continue; // the same number as _count
            reading.upperBounds.push_back(bound);
            reading.cumulativeCounts.push_back(parseSampleValue(line.mid(valueStart + 1)));
        } else if (line.startsWith(countPrefix)) {
            reading.count = parseSampleValue(line.mid(countPrefix.size()));
        } else if (line.startsWith(sumPrefix)) {
            reading.sum = parseSampleValue(line.mid(sumPrefix.size()));
        }
    }
    return reading;
}

HistogramReading HistogramReading::since(const HistogramReading &earlier) const
{
    HistogramReading delta = *this;
    if (earlier.upperBounds != upperBounds)
        return delta; // a different server (restarted?): the later reading is all there is
    for (size_t i = 0; i < delta.cumulativeCounts.size(); ++i)
        delta.cumulativeCounts[i] -= earlier.cumulativeCounts[i];
    delta.count -= earlier.count;
    delta.sum -= earlier.sum;
    return delta;
}

double HistogramReading::quantile(double q) const
{
    if (count <= 0 || upperBounds.empty())
        return 0;
    const double rank = q * count;
    double lowerBound = 0;
    double below = 0;
    for (size_t i = 0; i < upperBounds.size(); ++i) {
        if (cumulativeCounts[i] >= rank) {
            const double inBucket = cumulativeCounts[i] - below;
            const double fraction = inBucket > 0 ? (rank - below) / inBucket : 0;
            return lowerBound + (upperBounds[i] - lowerBound) * std::clamp(fraction, 0.0, 1.0);
        }
        lowerBound = upperBounds[i];
        below = cumulativeCounts[i];
    }
    return upperBounds.back();
}

QJsonObject writerTimingsBetween(const QByteArray &before, const QByteArray &after)
{
    const auto delta = [&](const QByteArray &metric) {
        return HistogramReading::parse(after, metric).since(HistogramReading::parse(before, metric));
    };
    const HistogramReading batches = delta("vytalwatch_store_batch_writes");
    const HistogramReading commits = delta("vytalwatch_store_commit_duration_seconds");
    const HistogramReading writes = delta("vytalwatch_store_write_duration_seconds");
    return QJsonObject {{QStringLiteral("commits"), batches.count}, {QStringLiteral("writes"), batches.sum},
        {QStringLiteral("writesPerCommit"), std::round(batches.mean() * 10) / 10},
        {QStringLiteral("commitMs"), msSummary(commits)}, {QStringLiteral("writeMs"), msSummary(writes)}};
}

std::unique_ptr<PendingGet> startMetricsScrape(
    QNetworkAccessManager &network, const QUrl &serverUrl, const QString &adminToken)
{
    QUrl url = serverUrl;
    url.setPath(QStringLiteral("/metrics"));
    return std::make_unique<PendingGet>(network, url, adminToken);
}

} // namespace vw::load
