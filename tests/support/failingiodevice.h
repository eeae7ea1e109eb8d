#pragma once

#include <QIODevice>

namespace vw::test {

// A QIODevice that accepts a fixed number of bytes and then fails every read and
// write, to prove that code streaming to or from a device reports I/O errors.
class FailingIODevice final : public QIODevice
{
    Q_OBJECT
public:
    explicit FailingIODevice(qint64 bytesBeforeFailure = 0, QObject *parent = nullptr);

    bool isSequential() const override;
    qint64 bytesAccepted() const { return m_accepted; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    qint64 m_budget;
    qint64 m_accepted = 0;
};

} // namespace vw::test
