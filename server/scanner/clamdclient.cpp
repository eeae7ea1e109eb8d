#include "server/scanner/clamdclient.h"

#include <QBuffer>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QTcpSocket>
#include <QtEndian>

#include <algorithm>
#include <limits>
#include <memory>

namespace vw::server::scanner {

namespace {

Q_LOGGING_CATEGORY(lcScanner, "vw.scanner")

// INSTREAM chunk size. Bigger chunks scanned no faster (30 MiB in ~0.3 s either way); each
// scan holds one chunk in memory.
constexpr qint64 kChunkBytes = 64 * 1024;
// clamd's answers are one short line; anything longer is not clamd.
constexpr qsizetype kMaxReplyBytes = 4096;
// How much of an answer we do not understand goes into an error, for the operator.
constexpr qsizetype kShownReplyBytes = 80;

QString kindName(ScanError::Kind kind)
{
    switch (kind) {
    case ScanError::Kind::Unreachable:
        return QStringLiteral("unreachable");
    case ScanError::Kind::Timeout:
        return QStringLiteral("timeout");
    case ScanError::Kind::Protocol:
        return QStringLiteral("protocol");
    case ScanError::Kind::TooLarge:
        return QStringLiteral("too-large");
    case ScanError::Kind::ClamdError:
        return QStringLiteral("clamd-error");
    }
    return QStringLiteral("unknown");
}

int remainingMs(const QDeadlineTimer &deadline)
{
    return static_cast<int>(std::clamp<qint64>(deadline.remainingTime(), 0, std::numeric_limits<int>::max()));
}

// A reply we did not expect, made safe for a log line.
QString shownReply(const QByteArray &reply)
{
    QString shown;
    for (const char c : reply.left(kShownReplyBytes))
        shown += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('?');
    if (reply.size() > kShownReplyBytes)
        shown += QStringLiteral("...");
    return shown;
}

// One connection to clamd over a Unix or TCP socket, driven by the blocking waitFor* calls.
// Whatever clamd sends is copied out of the socket as soon as Qt reads it: clamd answers a
// too-long stream and closes at once, and when our next write then fails Qt aborts the socket
// and discards its read buffer, answer included.
class Connection
{
public:
    Connection(const ClamdAddress &address, const QDeadlineTimer &deadline)
        : m_address(address), m_deadline(deadline)
    {
        if (address.kind == ClamdAddress::Kind::Unix) {
            m_local = std::make_unique<QLocalSocket>();
            m_device = m_local.get();
        } else {
            m_tcp = std::make_unique<QTcpSocket>();
            // clamd is a local service: never send a scan through an HTTP/SOCKS proxy.
            m_tcp->setProxy(QNetworkProxy::NoProxy);
            m_device = m_tcp.get();
        }
        QObject::connect(m_device, &QIODevice::readyRead, m_device, [this] { collect(); });
        QObject::connect(m_device, &QIODevice::aboutToClose, m_device, [this] { collect(); });
    }

    ~Connection()
    {
        QObject::disconnect(m_device, nullptr, m_device, nullptr);
        if (m_local)
            m_local->abort();
        else
            m_tcp->abort();
    }

    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    Status<ScanError> open()
    {
        bool connected = false;
        if (m_local) {
            m_local->connectToServer(m_address.path, QIODevice::ReadWrite);
            connected = m_local->state() == QLocalSocket::ConnectedState
                || m_local->waitForConnected(remainingMs(m_deadline));
        } else {
            m_tcp->connectToHost(m_address.host, m_address.port, QIODevice::ReadWrite);
            connected = m_tcp->waitForConnected(remainingMs(m_deadline));
        }
        if (connected)
            return Status<ScanError>::success();
        if (m_deadline.hasExpired())
            return error(ScanError::Kind::Unreachable,
                QStringLiteral("clamd at %1 did not accept a connection in time").arg(m_address.toString()));
        return error(ScanError::Kind::Unreachable,
            QStringLiteral("cannot connect to clamd at %1: %2").arg(m_address.toString(), connectError()));
    }

    // Queues `bytes` and waits until the socket took them. Succeeds early when clamd answered
    // before the stream was complete (hasReply()).
    Status<ScanError> send(const QByteArray &bytes)
    {
        if (!isConnected() || m_device->write(bytes) != bytes.size())
            return lost();
        while (m_device->bytesToWrite() > 0 && !hasReply()) {
            if (m_deadline.hasExpired())
                return timedOut();
            if (m_device->waitForBytesWritten(remainingMs(m_deadline)))
                continue;
            if (hasReply())
                break;
            if (m_deadline.hasExpired())
                return timedOut();
            return lost();
        }
        return Status<ScanError>::success();
    }

    bool hasReply() const { return m_overflow || m_received.contains('\0'); }

    // clamd's NUL-terminated answer, without the NUL.
    Result<QByteArray, ScanError> readReply()
    {
        while (!hasReply() && isConnected()) {
            if (m_device->waitForReadyRead(remainingMs(m_deadline)))
                continue;
            if (m_deadline.hasExpired())
                return timedOut();
            break; // closed, or failed: what arrived so far decides below
        }
        if (m_overflow)
            return error(ScanError::Kind::Protocol,
                QStringLiteral("clamd at %1 sent more than %2 bytes without ending its answer")
                    .arg(m_address.toString())
                    .arg(kMaxReplyBytes));
        const qsizetype end = m_received.indexOf('\0');
        if (end >= 0)
            return m_received.left(end);
        // clamd always ends its z-command answers with a NUL; a peer that closed after an
        // unterminated answer still said something worth parsing.
        if (!m_received.isEmpty())
            return m_received;
        return error(ScanError::Kind::Unreachable,
            QStringLiteral("clamd at %1 closed the connection without answering").arg(m_address.toString()));
    }

    ScanError error(ScanError::Kind kind, const QString &detail) const { return ScanError {kind, detail}; }

private:
    ScanError timedOut() const
    {
        return error(ScanError::Kind::Timeout,
            QStringLiteral("clamd at %1 did not answer in time").arg(m_address.toString()));
    }

    ScanError lost() const
    {
        return error(ScanError::Kind::Unreachable,
            QStringLiteral("the connection to clamd at %1 was lost: %2")
                .arg(m_address.toString(), m_device->errorString()));
    }

    // Qt words a missing Unix socket as "Invalid name"; say what the operator should check.
    QString connectError() const
    {
        if (!m_local)
            return m_tcp->errorString();
        switch (m_local->error()) {
        case QLocalSocket::ServerNotFoundError:
            return QStringLiteral("no socket at that path (is clamd running?)");
        case QLocalSocket::ConnectionRefusedError:
            return QStringLiteral("connection refused (is clamd running?)");
        case QLocalSocket::SocketAccessError:
            return QStringLiteral("permission denied on the socket");
        default:
            return m_local->errorString();
        }
    }

    bool isConnected() const
    {
        return m_local ? m_local->state() == QLocalSocket::ConnectedState
                       : m_tcp->state() == QAbstractSocket::ConnectedState;
    }

    void collect()
    {
        if (!m_device->isOpen())
            return;
        m_received += m_device->readAll();
        if (m_received.size() > kMaxReplyBytes) {
            m_overflow = true;
            m_received.truncate(kMaxReplyBytes);
        }
    }

    const ClamdAddress &m_address;
    const QDeadlineTimer &m_deadline;
    std::unique_ptr<QLocalSocket> m_local;
    std::unique_ptr<QTcpSocket> m_tcp;
    QIODevice *m_device = nullptr;
    QByteArray m_received;
    bool m_overflow = false;
};

Result<ScanVerdict, ScanError> parseScanReply(const QByteArray &reply, const ClamdAddress &address)
{
    static const QByteArray streamPrefix("stream: ");
    static const QByteArray found(" FOUND");
    static const QByteArray failed(" ERROR");
    const QByteArray answer = reply.startsWith(streamPrefix) ? reply.mid(streamPrefix.size()) : reply;
    if (answer == "OK")
        return ScanVerdict {};
    if (answer.endsWith(found) && answer.size() > found.size())
        return ScanVerdict {true, QString::fromUtf8(answer.chopped(found.size()))};
    if (answer.endsWith(failed)) {
        const QString message = QString::fromUtf8(answer.chopped(failed.size())).trimmed();
        if (answer.contains("size limit exceeded"))
            return ScanError {ScanError::Kind::TooLarge,
                QStringLiteral("clamd at %1 refused the stream: %2").arg(address.toString(), message)};
        return ScanError {ScanError::Kind::ClamdError,
            QStringLiteral("clamd at %1 could not scan the stream: %2").arg(address.toString(), message)};
    }
    return ScanError {ScanError::Kind::Protocol,
        QStringLiteral("clamd at %1 gave an answer we do not understand: %2")
            .arg(address.toString(), shownReply(reply))};
}

// Streams `content` as INSTREAM chunks (4-byte big-endian length, then the bytes) and the
// zero-length chunk that ends it, unless clamd answered first. Counts the bytes sent.
Status<ScanError> streamContent(
    Connection &connection, QIODevice &content, const QDeadlineTimer &deadline, qint64 *sent)
{
    QByteArray frame(4 + kChunkBytes, Qt::Uninitialized);
    while (!connection.hasReply()) {
        const qint64 read = content.read(frame.data() + 4, kChunkBytes);
        if (read < 0)
            return connection.error(ScanError::Kind::Protocol,
                QStringLiteral("cannot read the content to scan after %1 bytes: %2")
                    .arg(*sent)
                    .arg(content.errorString()));
        if (read == 0) {
            // A sequential device (a socket, a pipe) may just not have its next bytes yet.
            if (content.isSequential() && !deadline.hasExpired()
                && content.waitForReadyRead(remainingMs(deadline)))
                continue;
            if (deadline.hasExpired())
                return ScanError {ScanError::Kind::Timeout,
                    QStringLiteral("the content to scan did not arrive in time (%1 bytes read)").arg(*sent)};
            break;
        }
        qToBigEndian(static_cast<quint32>(read), frame.data());
        if (auto status = connection.send(QByteArray::fromRawData(frame.constData(), 4 + read)); !status)
            return status;
        *sent += read;
    }
    if (connection.hasReply())
        return Status<ScanError>::success();
    return connection.send(QByteArray(4, '\0'));
}

} // namespace

ClamdClient::ClamdClient(ClamdAddress address, int timeoutMs)
    : m_address(std::move(address)), m_timeoutMs(timeoutMs)
{ }

Result<ScanVerdict, ScanError> ClamdClient::scan(QIODevice &content) const
{
    QElapsedTimer elapsed;
    elapsed.start();
    const QDeadlineTimer deadline(m_timeoutMs);
    qint64 sent = 0;

    const auto result = [&]() -> Result<ScanVerdict, ScanError> {
        if (!content.isReadable())
            return ScanError {
                ScanError::Kind::Protocol, QStringLiteral("the content to scan is not open for reading")};
        Connection connection(m_address, deadline);
        if (auto opened = connection.open(); !opened)
            return opened.error();
        if (auto command = connection.send(QByteArray("zINSTREAM\0", 10)); !command)
            return command.error();
        if (auto streamed = streamContent(connection, content, deadline, &sent); !streamed)
            return streamed.error();
        auto reply = connection.readReply();
        if (!reply)
            return reply.error();
        return parseScanReply(reply.value(), m_address);
    }();

    if (!result) {
        qCWarning(lcScanner).noquote()
            << "scan failed:" << kindName(result.error().kind) << "clamd" << m_address.toString()
            << "bytes sent" << sent << "after" << elapsed.elapsed() << "ms";
    } else if (result->infected) {
        qCInfo(lcScanner).noquote() << "scan: infected:" << result->signature << "clamd"
                                    << m_address.toString() << "bytes" << sent << "in" << elapsed.elapsed()
                                    << "ms";
    } else {
        qCDebug(lcScanner).noquote() << "scan: clean, clamd" << m_address.toString() << "bytes" << sent
                                     << "in" << elapsed.elapsed() << "ms";
    }
    return result;
}

Result<ScanVerdict, ScanError> ClamdClient::scan(const QByteArray &content) const
{
    QBuffer buffer;
    buffer.setData(content);
    buffer.open(QIODevice::ReadOnly);
    return scan(buffer);
}

Status<ScanError> ClamdClient::ping() const
{
    const QDeadlineTimer deadline(m_timeoutMs);
    const auto result = [&]() -> Status<ScanError> {
        Connection connection(m_address, deadline);
        if (auto opened = connection.open(); !opened)
            return opened;
        if (auto command = connection.send(QByteArray("zPING\0", 6)); !command)
            return command;
        auto reply = connection.readReply();
        if (!reply)
            return reply.error();
        if (reply.value() != "PONG")
            return ScanError {ScanError::Kind::Protocol,
                QStringLiteral("clamd at %1 answered PING with: %2")
                    .arg(m_address.toString(), shownReply(*reply))};
        return Status<ScanError>::success();
    }();
    if (!result)
        qCDebug(lcScanner).noquote() << "ping failed:" << kindName(result.error().kind) << "clamd"
                                     << m_address.toString();
    return result;
}

const ClamdAddress &ClamdClient::address() const
{
    return m_address;
}

int ClamdClient::timeoutMs() const
{
    return m_timeoutMs;
}

} // namespace vw::server::scanner
