#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace vw::load {

// Errors by kind ("ackTimeout", "ackError:429", "disconnect", ...): a run is judged by the
// total, the kinds say where to look.
class ErrorTally
{
public:
    void add(const QString &kind, qint64 count = 1);
    // `prefix` tells where the other tally's errors came from ("idle:").
    void merge(const ErrorTally &other, const QString &prefix = QString());
    qint64 total() const;
    bool isEmpty() const { return m_counts.isEmpty(); }
    QJsonObject toJson() const;

private:
    QMap<QString, qint64> m_counts; // sorted, so the JSON is stable from run to run
};

} // namespace vw::load
