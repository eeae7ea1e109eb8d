#include "tests/load/latencyrecorder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vw::load {

namespace {

double toMs(qint64 nanoseconds)
{
    // Microsecond resolution is plenty for the JSON and keeps the line short.
    return std::round(double(nanoseconds) / 1000.0) / 1000.0;
}

} // namespace

void LatencyRecorder::add(qint64 nanoseconds)
{
    if (m_sorted && !m_samples.empty() && nanoseconds < m_samples.back())
        m_sorted = false;
    m_samples.push_back(nanoseconds);
}

void LatencyRecorder::merge(const LatencyRecorder &other)
{
    if (other.m_samples.empty())
        return;
    m_samples.insert(m_samples.end(), other.m_samples.begin(), other.m_samples.end());
    m_sorted = false;
}

void LatencyRecorder::sortIfNeeded() const
{
    if (m_sorted)
        return;
    std::sort(m_samples.begin(), m_samples.end());
    m_sorted = true;
}

std::optional<qint64> LatencyRecorder::percentile(double percent) const
{
    if (m_samples.empty())
        return std::nullopt;
    sortIfNeeded();
    const double clamped = std::clamp(percent, 0.0, 100.0);
    const auto n = m_samples.size();
    // rank = ceil(p/100 * n); the epsilon keeps e.g. 99.9 % of 1000 at rank 999, not 1000,
    // when the product lands a hair above the integer in binary floating point.
    const double exact = clamped / 100.0 * double(n);
    auto rank = static_cast<std::size_t>(std::ceil(exact - 1e-9));
    rank = std::clamp<std::size_t>(rank, 1, n);
    return m_samples[rank - 1];
}

std::optional<qint64> LatencyRecorder::min() const
{
    if (m_samples.empty())
        return std::nullopt;
    sortIfNeeded();
    return m_samples.front();
}

std::optional<qint64> LatencyRecorder::max() const
{
    if (m_samples.empty())
        return std::nullopt;
    sortIfNeeded();
    return m_samples.back();
}

std::optional<double> LatencyRecorder::mean() const
{
    if (m_samples.empty())
        return std::nullopt;
    // long double: a sum of millions of nanosecond samples would lose digits in double.
    const long double sum = std::accumulate(m_samples.begin(), m_samples.end(), 0.0L,
        [](long double total, qint64 sample) { return total + static_cast<long double>(sample); });
    return static_cast<double>(sum / static_cast<long double>(m_samples.size()));
}

QJsonObject LatencyRecorder::toJsonMs() const
{
    QJsonObject json {{QStringLiteral("count"), qint64(m_samples.size())}};
    if (m_samples.empty())
        return json;
    json.insert(QStringLiteral("p50"), toMs(*percentile(50)));
    json.insert(QStringLiteral("p90"), toMs(*percentile(90)));
    json.insert(QStringLiteral("p99"), toMs(*percentile(99)));
    json.insert(QStringLiteral("p999"), toMs(*percentile(99.9)));
    json.insert(QStringLiteral("min"), toMs(*min()));
    json.insert(QStringLiteral("max"), toMs(*max()));
    json.insert(QStringLiteral("mean"), std::round(*mean() / 1000.0) / 1000.0);
    return json;
}

} // namespace vw::load
