#include "server/metrics/metrics.h"

#include <QStringList>

namespace vw::server::metrics {

namespace {

const QChar kSeparator(0x1f);

// Prometheus label values escape backslash, double quote and newline.
QString escapeLabel(QString value)
{
    return value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('\n'), QStringLiteral("\\n"));
}

} // namespace

void Metrics::recordRequest(const QByteArray &method, const QString &route, int status, double seconds)
{
    const QString key
        = QString::fromLatin1(method) + kSeparator + route + kSeparator + QString::number(status);
    QMutexLocker lock(&m_mutex);
    ++m_requestCounts[key];
    ++m_latencyCount;
    m_latencySum += seconds;
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        if (seconds <= kLatencyBuckets[i])
            ++m_bucketCounts[i];
    }
}

void Metrics::addMessagesStored(qint64 count)
{
    QMutexLocker lock(&m_mutex);
    m_messagesStored += count;
}

void Metrics::registerGauge(const QString &name, const QString &help, std::function<double()> read)
{
    QMutexLocker lock(&m_mutex);
    m_gauges.append(Gauge {name, help, std::move(read)});
}

QByteArray Metrics::renderPrometheus() const
{
    QMutexLocker lock(&m_mutex);
    QStringList lines;
    lines << QStringLiteral(
        "# HELP vytalwatch_http_requests_total HTTP requests by method, route and status.")
          << QStringLiteral("# TYPE vytalwatch_http_requests_total counter");
    QStringList keys = m_requestCounts.keys();
    keys.sort();
    for (const QString &key : std::as_const(keys)) {
        const QStringList parts = key.split(kSeparator);
        lines << QStringLiteral("vytalwatch_http_requests_total{method=\"%1\",route=\"%2\",status=\"%3\"} %4")
                     .arg(escapeLabel(parts.value(0)), escapeLabel(parts.value(1)), parts.value(2))
                     .arg(m_requestCounts.value(key));
    }
    lines << QStringLiteral("# HELP vytalwatch_http_request_duration_seconds HTTP request latency.")
          << QStringLiteral("# TYPE vytalwatch_http_request_duration_seconds histogram");
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        lines << QStringLiteral("vytalwatch_http_request_duration_seconds_bucket{le=\"%1\"} %2")
                     .arg(kLatencyBuckets[i])
                     .arg(m_bucketCounts[i]);
    }
    lines << QStringLiteral("vytalwatch_http_request_duration_seconds_bucket{le=\"+Inf\"} %1")
                 .arg(m_latencyCount)
          << QStringLiteral("vytalwatch_http_request_duration_seconds_sum %1").arg(m_latencySum)
          << QStringLiteral("vytalwatch_http_request_duration_seconds_count %1").arg(m_latencyCount);
    lines << QStringLiteral("# HELP vytalwatch_messages_stored_total Messages committed to the store.")
          << QStringLiteral("# TYPE vytalwatch_messages_stored_total counter")
          << QStringLiteral("vytalwatch_messages_stored_total %1").arg(m_messagesStored);
    for (const Gauge &gauge : m_gauges) {
        lines << QStringLiteral("# HELP %1 %2").arg(gauge.name, gauge.help)
              << QStringLiteral("# TYPE %1 gauge").arg(gauge.name)
              << QStringLiteral("%1 %2").arg(gauge.name).arg(gauge.read());
    }
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

} // namespace vw::server::metrics
