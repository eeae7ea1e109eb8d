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
    m_requestSeconds.observe(seconds);
    QMutexLocker lock(&m_mutex);
    ++m_requestCounts[key];
}

void Metrics::addMessagesStored(qint64 count)
{
    QMutexLocker lock(&m_mutex);
    m_messagesStored += count;
}

void Metrics::registerGauge(const QString &name, const QString &help, std::function<double()> read)
{
    QMutexLocker lock(&m_mutex);
    m_readings.append(Reading {name, help, QStringLiteral("gauge"), std::move(read)});
}

void Metrics::registerCounter(const QString &name, const QString &help, std::function<double()> read)
{
    QMutexLocker lock(&m_mutex);
    m_readings.append(Reading {name, help, QStringLiteral("counter"), std::move(read)});
}

void Metrics::registerHistogram(const QString &name, const QString &help, const Histogram *histogram)
{
    QMutexLocker lock(&m_mutex);
    m_histograms.append(RegisteredHistogram {name, help, histogram});
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
    lines << Histogram::render(QStringLiteral("vytalwatch_http_request_duration_seconds"),
        QStringLiteral("HTTP request latency."), m_requestSeconds.snapshot());
    lines << QStringLiteral("# HELP vytalwatch_messages_stored_total Messages committed to the store.")
          << QStringLiteral("# TYPE vytalwatch_messages_stored_total counter")
          << QStringLiteral("vytalwatch_messages_stored_total %1").arg(m_messagesStored);
    for (const Reading &reading : m_readings) {
        lines << QStringLiteral("# HELP %1 %2").arg(reading.name, reading.help)
              << QStringLiteral("# TYPE %1 %2").arg(reading.name, reading.type)
              << QStringLiteral("%1 %2").arg(reading.name, formatSampleValue(reading.read()));
    }
    for (const RegisteredHistogram &registered : m_histograms)
        lines << Histogram::render(registered.name, registered.help, registered.histogram->snapshot());
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

} // namespace vw::server::metrics
