#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <array>
#include <functional>

namespace vw::server::metrics {

// The server's counters in Prometheus text format (GET /metrics): requests by route and
// status, a request latency histogram, messages stored, and gauges other parts register.
// Thread-safe, so a writer thread can count too.
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

    QByteArray renderPrometheus() const;

private:
    struct Gauge
    {
        QString name;
        QString help;
        std::function<double()> read;
    };

    mutable QMutex m_mutex;
    QHash<QString, qint64> m_requestCounts; // key: method \x1f route \x1f status
    std::array<qint64, kLatencyBuckets.size()> m_bucketCounts {};
    qint64 m_latencyCount = 0;
    double m_latencySum = 0;
    qint64 m_messagesStored = 0;
    QList<Gauge> m_gauges;
};

} // namespace vw::server::metrics
