#pragma once

#include <QJsonObject>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace vw::load {

// Collects latency samples (nanoseconds) and answers nearest-rank percentiles. Every sample is
// kept: a few million qint64 are cheap, and exact tails (p99.9) are the point of a load test.
class LatencyRecorder
{
public:
    void reserve(std::size_t count) { m_samples.reserve(count); }
    void add(qint64 nanoseconds);
    // Takes the other recorder's samples, so per-thread recorders can be combined at the end.
    void merge(const LatencyRecorder &other);

    std::size_t count() const { return m_samples.size(); }
    // Nearest rank: the smallest sample that at least `percent` % of all samples do not exceed.
    // Empty when there are no samples; `percent` is clamped to [0, 100].
    std::optional<qint64> percentile(double percent) const;
    std::optional<qint64> min() const;
    std::optional<qint64> max() const;
    std::optional<double> mean() const;

    // {count, p50, p90, p99, p999, min, max, mean} in milliseconds; only count when empty.
    QJsonObject toJsonMs() const;

private:
    void sortIfNeeded() const;

    // Sorted lazily on the first query: recording stays O(1) on the hot path.
    mutable std::vector<qint64> m_samples;
    mutable bool m_sorted = true;
};

} // namespace vw::load
