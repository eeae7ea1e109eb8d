#include "server/websocket/streamtransport.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace vw::server::websocket {

namespace {

Q_LOGGING_CATEGORY(lcTransport, "vw.websocket.transport")

// One read per wake-up, so a busy connection cannot starve the others; what is left is
// read on the next turn of the event loop.
constexpr qsizetype kReadChunkBytes = 16 * 1024;

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

} // namespace

std::unique_ptr<StreamTransport> StreamTransport::adopt(
    std::unique_ptr<QTcpSocket> socket, qint64 maxQueuedBytes)
{
    if (!qobject_cast<QSslSocket *>(socket.get()) && socket->bytesToWrite() == 0) {
        // A second descriptor for the same connection; the QTcpSocket (and with it its
        // buffers, notifiers and QtHttpServer's request object) then goes. abort() closes
        // only its own descriptor: no shutdown(), so the connection stays up on ours.
        const int descriptor = ::fcntl(static_cast<int>(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        if (descriptor >= 0) {
            socket->abort();
            // Later: this runs inside the socket's own readyRead.
            socket.release()->deleteLater();
            return std::make_unique<DescriptorTransport>(descriptor, maxQueuedBytes);
        }
        qCWarning(lcTransport) << "cannot duplicate a socket descriptor (errno" << errno
                               << "): keeping the QTcpSocket";
    }
    return std::make_unique<DeviceTransport>(std::move(socket), maxQueuedBytes);
}

DescriptorTransport::DescriptorTransport(int descriptor, qint64 maxQueuedBytes)
    : m_descriptor(descriptor),
      m_maxQueuedBytes(maxQueuedBytes),
      m_reactor(DescriptorReactor::forCurrentThread()),
      m_handle(m_reactor.attach(*this))
{ }

DescriptorTransport::~DescriptorTransport()
{
    closeDescriptor();
    m_reactor.detach(m_handle); // drops calls still posted for this transport
}

void DescriptorTransport::start(TransportListener &listener)
{
    m_listener = &listener;
    watchDescriptor();
}

void DescriptorTransport::watchDescriptor()
{
    if (m_ended)
        return;
    if (!m_reactor.watch(m_handle, m_descriptor, m_listener != nullptr, m_waitingToWrite))
        endLater();
}

void DescriptorTransport::descriptorReadable()
{
    if (m_ended)
        return;
    char buffer[kReadChunkBytes];
    const ssize_t received = ::recv(m_descriptor, buffer, sizeof buffer, 0);
    if (received > 0) {
        m_listener->bytesReceived(QByteArrayView(buffer, received));
        return;
    }
    if (received < 0 && wouldBlock(errno))
        return;
    end(); // 0: the peer closed; < 0: reset or another error
}

void DescriptorTransport::descriptorWritable()
{
    writeQueued();
}

bool DescriptorTransport::write(QByteArrayView head, QByteArrayView body)
{
    if (m_ended)
        return false;
    m_queue.append(head).append(body);
    // Sent from the event loop, so the frames one turn of it produces for this connection
    // (an ack burst, a fan-out) leave in one system call, as QAbstractSocket's buffering did.
    if (!m_flushScheduled && !m_waitingToWrite) {
        m_flushScheduled = true;
        m_reactor.post(m_handle, [this] {
            m_flushScheduled = false;
            writeQueued();
        });
    }
    return !overLimit();
}

bool DescriptorTransport::overLimit()
{
    if (bytesToWrite() <= m_maxQueuedBytes)
        return false;
    qCInfo(lcTransport) << "dropping a connection whose peer stopped reading:" << bytesToWrite()
                        << "bytes unsent";
    endLater();
    return true;
}

void DescriptorTransport::writeQueued()
{
    if (m_ended || bytesToWrite() == 0)
        return;
    const ssize_t sent = ::send(m_descriptor, m_queue.constData() + m_queueOffset,
        static_cast<size_t>(bytesToWrite()), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0 && !wouldBlock(errno)) {
        end();
        return;
    }
    m_queueOffset += std::max<ssize_t>(sent, 0);
    if (bytesToWrite() > 0 && m_queueOffset >= bytesToWrite()) {
        // A reader that keeps up just barely never lets the queue drain: drop what was sent
        // once it outweighs what is left (amortised: each byte is moved at most once more).
        m_queue.remove(0, m_queueOffset);
        m_queueOffset = 0;
    }
    if (bytesToWrite() > 0) {
        // The kernel's send buffer is full: go on when the peer has read some.
        if (!m_waitingToWrite) {
            m_waitingToWrite = true;
            watchDescriptor();
        }
        return;
    }
    // Drained: give the memory back.
    m_queue = QByteArray();
    m_queueOffset = 0;
    if (m_waitingToWrite) {
        m_waitingToWrite = false;
        watchDescriptor();
    }
    if (m_shutdownWhenFlushed)
        ::shutdown(m_descriptor, SHUT_WR);
}

void DescriptorTransport::shutdownWhenFlushed()
{
    if (m_ended || m_shutdownWhenFlushed)
        return;
    m_shutdownWhenFlushed = true;
    if (bytesToWrite() == 0)
        ::shutdown(m_descriptor, SHUT_WR); // else writeQueued() does once the queue drained
}

void DescriptorTransport::abort()
{
    m_ended = true;
    closeDescriptor();
}

void DescriptorTransport::closeDescriptor()
{
    if (m_descriptor < 0)
        return;
    // Out of the epoll set first: a closed descriptor must never be waited on.
    (void)m_reactor.watch(m_handle, m_descriptor, false, false);
    ::close(m_descriptor);
    m_descriptor = -1;
    m_queue = QByteArray();
    m_queueOffset = 0;
}

void DescriptorTransport::end()
{
    if (m_ended)
        return;
    m_ended = true;
    closeDescriptor();
    if (m_listener)
        m_listener->transportEnded();
}

void DescriptorTransport::endLater()
{
    if (m_ended)
        return;
    m_ended = true;
    closeDescriptor();
    // Dropped if the transport goes first (detach() in the destructor).
    m_reactor.post(m_handle, [this] {
        if (m_listener)
            m_listener->transportEnded();
    });
}

DeviceTransport::DeviceTransport(std::unique_ptr<QTcpSocket> socket, qint64 maxQueuedBytes)
    : m_socket(std::move(socket)), m_maxQueuedBytes(maxQueuedBytes)
{ }

DeviceTransport::~DeviceTransport()
{
    if (m_socket) {
        stopListening();
        m_socket->abort();
    }
}

void DeviceTransport::stopListening()
{
    // Only our own connections: QtHttpServer frees its request object on destroyed().
    QTcpSocket *socket = m_socket.get();
    QObject::disconnect(socket, &QIODevice::readyRead, socket, nullptr);
    QObject::disconnect(socket, &QAbstractSocket::disconnected, socket, nullptr);
    QObject::disconnect(socket, &QAbstractSocket::errorOccurred, socket, nullptr);
}

void DeviceTransport::start(TransportListener &listener)
{
    m_listener = &listener;
    QTcpSocket *socket = m_socket.get();
    QObject::connect(socket, &QIODevice::readyRead, socket, [this] { readAvailable(); });
    // Queued: QAbstractSocket may report these from inside write() or abort().
    QObject::connect(
        socket, &QAbstractSocket::disconnected, socket, [this] { end(); }, Qt::QueuedConnection);
    QObject::connect(
        socket, &QAbstractSocket::errorOccurred, socket, [this] { end(); }, Qt::QueuedConnection);
    if (socket->state() != QAbstractSocket::ConnectedState)
        QMetaObject::invokeMethod(
            socket, [this] { end(); }, Qt::QueuedConnection);
    else if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(
            socket, [this] { readAvailable(); }, Qt::QueuedConnection);
}

void DeviceTransport::readAvailable()
{
    if (m_ended)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (!bytes.isEmpty())
        m_listener->bytesReceived(bytes);
}

bool DeviceTransport::write(QByteArrayView head, QByteArrayView body)
{
    if (m_ended)
        return false;
    if (!head.isEmpty())
        m_socket->write(head.data(), head.size());
    if (!body.isEmpty())
        m_socket->write(body.data(), body.size());
    if (m_socket->bytesToWrite() <= m_maxQueuedBytes)
        return true;
    qCInfo(lcTransport) << "dropping a connection whose peer stopped reading:" << m_socket->bytesToWrite()
                        << "bytes unsent";
    m_socket->abort(); // its queued disconnected() ends this transport from the event loop
    return false;
}

void DeviceTransport::shutdownWhenFlushed()
{
    if (!m_ended)
        m_socket->disconnectFromHost(); // QSslSocket sends close_notify after the data
}

void DeviceTransport::abort()
{
    m_ended = true;
    stopListening();
    m_socket->abort();
}

qint64 DeviceTransport::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void DeviceTransport::end()
{
    if (m_ended)
        return;
    m_ended = true;
    if (m_listener)
        m_listener->transportEnded();
}

} // namespace vw::server::websocket
