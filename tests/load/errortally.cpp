#include "tests/load/errortally.h"

namespace vw::load {

void ErrorTally::add(const QString &kind, qint64 count)
{
    if (count > 0)
        m_counts[kind] += count;
}

void ErrorTally::merge(const ErrorTally &other, const QString &prefix)
{
    for (auto it = other.m_counts.cbegin(); it != other.m_counts.cend(); ++it)
        add(prefix + it.key(), it.value());
}

qint64 ErrorTally::total() const
{
    qint64 sum = 0;
    for (const qint64 count : m_counts)
        sum += count;
    return sum;
}

QJsonObject ErrorTally::toJson() const
{
    QJsonObject json;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        json.insert(it.key(), it.value());
    return json;
}

} // namespace vw::load
