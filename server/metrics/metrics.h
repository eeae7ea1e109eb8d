#pragma once

#include "server/metrics/histogram.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <array>
#include <functional>

namespace vw::server::metrics {

// The server's counters in Prometheus text format (GET /metrics): requests by route and
// status, a request latency histogram, messages stored, and the counters, gauges and
// histograms other parts register. Thread-safe, so a writer thread can count too.
class Metrics
{
public:
    // Upper bounds of the latency histogram, in seconds.
    static constexpr std::array<double, 12> kLatencyBuckets {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

    // `route` is the route pattern ("/messaging/conversations/:id"), never the raw path, so
    // ids do not explode the label space.
    void recordRequest(const QByteArray &method, const QString &route, int status, double seconds);
    void addMessagesStored(qint64 count = 1);
    // A value read when /metrics is rendered (open connections, sockets, ...).
    void registerGauge(const QString &name, const QString &help, std::function<double()> read);
    // The same for a count that only grows (Prometheus computes rates from counters only).
    void registerCounter(const QString &name, const QString &help, std::function<double()> read);
    // A histogram owned elsewhere, which must outlive this object's rendering.
    void registerHistogram(const QString &name, const QString &help, const Histogram *histogram);

    QByteArray renderPrometheus() const;

private:
    struct Reading
    {
        QString name;
        QString help;
        QString type; // "gauge" or "counter"
        std::function<double()> read;
    };
    struct RegisteredHistogram
    {
        QString name;
        QString help;
        const Histogram *histogram;
    };

    mutable QMutex m_mutex;
    QHash<QString, qint64> m_requestCounts; // key: method \x1f route \x1f status
    Histogram m_requestSeconds {std::vector<double>(kLatencyBuckets.cbegin(), kLatencyBuckets.cend())};
    qint64 m_messagesStored = 0;
    QList<Reading> m_readings;
    QList<RegisteredHistogram> m_histograms;
};

} // namespace vw::server::metrics
