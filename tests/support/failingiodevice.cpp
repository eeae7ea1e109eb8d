#include "tests/support/failingiodevice.h"

#include <algorithm>
#include <cstring>

namespace vw::test {

FailingIODevice::FailingIODevice(qint64 bytesBeforeFailure, QObject *parent)
    : QIODevice(parent), m_budget(bytesBeforeFailure)
{ }

bool FailingIODevice::isSequential() const
{
    return true;
}

qint64 FailingIODevice::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min(maxSize, m_budget - m_accepted);
    if (n <= 0) {
        setErrorString(QStringLiteral("simulated read failure"));
        return -1;
    }
    std::memset(data, 'x', static_cast<size_t>(n));
    m_accepted += n;
    return n;
}

qint64 FailingIODevice::writeData(const char *data, qint64 maxSize)
{
    Q_UNUSED(data);
    const qint64 n = std::min(maxSize, m_budget - m_accepted);
    if (n <= 0) {
        setErrorString(QStringLiteral("simulated write failure"));
        return -1;
    }
    m_accepted += n;
    return n;
}

} // namespace vw::test
