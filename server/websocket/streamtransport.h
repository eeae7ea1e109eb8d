#pragma once

#include "server/core/descriptorreactor.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

class QTcpSocket;

namespace vw::server::websocket {

// Who hears from a StreamTransport. Both calls come from the event loop, never from inside
// a call into the transport, so a listener may write, close or abort from them freely.
class TransportListener
{
public:
    virtual void bytesReceived(QByteArrayView bytes) = 0;
    // The peer closed, the connection broke, a write failed or the transport was aborted.
    // Once only; nothing is received after it.
    virtual void transportEnded() = 0;

protected:
    ~TransportListener() = default;
};

// The byte stream under one WebSocket connection.
class StreamTransport
{
public:
    virtual ~StreamTransport() = default;

    // Starts reading; `listener` must outlive the transport.
    virtual void start(TransportListener &listener) = 0;
    // Sends `head` then `body`, queueing what the kernel does not take now. False when the
    // transport has ended or the queue passed its limit (a reader that stopped reading):
    // the transport then ends, and the listener hears so from the event loop.
    virtual bool write(QByteArrayView head, QByteArrayView body = {}) = 0;
    // Once everything queued is sent, ends the sending side (FIN); reading goes on until
    // the peer closes.
    virtual void shutdownWhenFlushed() = 0;
    // Drops the connection now, unsent bytes included. The listener hears nothing more
    // (the caller knows).
    virtual void abort() = 0;
    virtual qint64 bytesToWrite() const = 0;

    // The transport for an accepted socket: its descriptor alone for plain TCP (the
    // QTcpSocket goes; see DescriptorTransport), the socket itself when it carries TLS.
    static std::unique_ptr<StreamTransport> adopt(std::unique_ptr<QTcpSocket> socket, qint64 maxQueuedBytes);
};

// A plain TCP connection driven on its descriptor through the thread's DescriptorReactor
// (watched for reading, and for writing only once the kernel's send buffer was full). Output
// is queued and sent from the event loop. An idle connection holds no buffers and no
// QObject: what QAbstractSocket would keep per socket (its read and write chunks, two
// notifiers, the private object) is what made idle sockets expensive, and every notifier's
// descriptor was polled on every turn of the event loop.
class DescriptorTransport final : public StreamTransport, private ReadinessListener
{
public:
    // Takes ownership of `descriptor` (non-blocking, connected).
    DescriptorTransport(int descriptor, qint64 maxQueuedBytes);
    ~DescriptorTransport() override;

    void start(TransportListener &listener) override;
    bool write(QByteArrayView head, QByteArrayView body) override;
    void shutdownWhenFlushed() override;
    void abort() override;
    qint64 bytesToWrite() const override { return m_queue.size() - m_queueOffset; }

private:
    void descriptorReadable() override;
    void descriptorWritable() override;
    void writeQueued();
    bool overLimit();
    // Tells the reactor what to wait for now; ends the transport (later) if it cannot.
    void watchDescriptor();
    void closeDescriptor();
    // Ends the transport now (from the event loop) or later (from inside a call).
    void end();
    void endLater();

    int m_descriptor;
    const qint64 m_maxQueuedBytes;
    DescriptorReactor &m_reactor;
    const DescriptorReactor::Handle m_handle;
    QByteArray m_queue;
    qsizetype m_queueOffset = 0;
    TransportListener *m_listener = nullptr;
    bool m_flushScheduled = false;
    bool m_waitingToWrite = false; // the kernel's send buffer was full
    bool m_shutdownWhenFlushed = false;
    bool m_ended = false;
};

// A socket whose bytes need Qt's processing (TLS): the QSslSocket stays and does it.
class DeviceTransport final : public StreamTransport
{
public:
    DeviceTransport(std::unique_ptr<QTcpSocket> socket, qint64 maxQueuedBytes);
    ~DeviceTransport() override;

    void start(TransportListener &listener) override;
    bool write(QByteArrayView head, QByteArrayView body) override;
    void shutdownWhenFlushed() override;
    void abort() override;
    qint64 bytesToWrite() const override;

private:
    void readAvailable();
    void end();
    void stopListening();

    std::unique_ptr<QTcpSocket> m_socket;
    const qint64 m_maxQueuedBytes;
    TransportListener *m_listener = nullptr;
    bool m_ended = false;
};

} // namespace vw::server::websocket
