#include "server/metrics/histogram.h"

#include <QLocale>

#include <algorithm>

namespace vw::server::metrics {

QString formatSampleValue(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

Histogram::Histogram(std::vector<double> upperBounds)
    : m_upperBounds(std::move(upperBounds)), m_counts(m_upperBounds.size(), 0)
{ }

void Histogram::observe(double value)
{
    // The first bound the value does not exceed (Prometheus buckets are "le").
    const auto bound = std::lower_bound(m_upperBounds.cbegin(), m_upperBounds.cend(), value);
    std::lock_guard lock(m_mutex);
    if (bound != m_upperBounds.cend())
        ++m_counts[static_cast<size_t>(bound - m_upperBounds.cbegin())];
    ++m_count;
    m_sum += value;
}

Histogram::Snapshot Histogram::snapshot() const
{
    Snapshot snapshot;
    snapshot.upperBounds = m_upperBounds;
    snapshot.cumulativeCounts.reserve(m_counts.size());
    std::lock_guard lock(m_mutex);
    quint64 running = 0;
    for (const quint64 count : m_counts) {
        running += count;
        snapshot.cumulativeCounts.push_back(running);
    }
    snapshot.count = m_count;
    snapshot.sum = m_sum;
    return snapshot;
}

QStringList Histogram::render(const QString &name, const QString &help, const Snapshot &snapshot)
{
    QStringList lines;
    lines << QStringLiteral("# HELP %1 %2").arg(name, help)
          << QStringLiteral("# TYPE %1 histogram").arg(name);
    for (size_t i = 0; i < snapshot.upperBounds.size(); ++i) {
        lines << QStringLiteral("%1_bucket{le=\"%2\"} %3")
                     .arg(name)
                     .arg(snapshot.upperBounds[i])
                     .arg(snapshot.cumulativeCounts[i]);
    }
    lines << QStringLiteral("%1_bucket{le=\"+Inf\"} %2").arg(name).arg(snapshot.count)
          << QStringLiteral("%1_sum %2").arg(name, formatSampleValue(snapshot.sum))
          << QStringLiteral("%1_count %2").arg(name).arg(snapshot.count);
    return lines;
}

} // namespace vw::server::metrics
