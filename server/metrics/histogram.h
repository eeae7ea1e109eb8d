#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <mutex>
#include <vector>

namespace vw::server::metrics {

// A sample value with all its digits: QString::arg(double) keeps six, so a counter past a
// million would move in steps (and a sum would stop moving).
QString formatSampleValue(double value);

// A Prometheus histogram: how many observations fell at or under each upper bound, their
// count and their sum. Thread-safe: the group-commit writer observes on its own thread while
// the network thread renders /metrics.
class Histogram
{
public:
    // `upperBounds` ascending; "+Inf" is implied.
    explicit Histogram(std::vector<double> upperBounds);

    void observe(double value);

    struct Snapshot
    {
        std::vector<double> upperBounds;
        std::vector<quint64> cumulativeCounts; // one per upper bound, each including the ones before
        quint64 count = 0;
        double sum = 0;
    };
    Snapshot snapshot() const;

    // The `_bucket`, `_sum` and `_count` lines of metric `name`, with its HELP and TYPE.
    static QStringList render(const QString &name, const QString &help, const Snapshot &snapshot);

private:
    const std::vector<double> m_upperBounds;
    mutable std::mutex m_mutex;
    std::vector<quint64> m_counts; // per bucket, not cumulative: observe() touches one
    quint64 m_count = 0;
    double m_sum = 0;
};

} // namespace vw::server::metrics
