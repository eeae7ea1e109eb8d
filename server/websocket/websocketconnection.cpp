#include "server/websocket/websocketconnection.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

namespace vw::server::websocket {

namespace {

Q_LOGGING_CATEGORY(lcWebSocket, "vw.websocket")

} // namespace

WebSocketConnection::WebSocketConnection(std::unique_ptr<StreamTransport> transport,
    http::ConnectionTicket ticket, QByteArray requestTarget, QByteArray userAgent, qint64 maxMessageBytes,
    QObject *parent)
    : QObject(parent),
      m_transport(std::move(transport)),
      m_ticket(std::move(ticket)),
      m_requestTarget(std::move(requestTarget)),
      m_userAgent(std::move(userAgent)),
      m_decoder(maxMessageBytes)
{ }

WebSocketConnection::~WebSocketConnection()
{
    if (m_state != State::Ended)
        m_transport->abort();
}

std::unique_ptr<WebSocketConnection> WebSocketConnection::adopt(
    http::UpgradedConnection &&upgraded, qint64 maxMessageBytes)
{
    auto transport = StreamTransport::adopt(std::move(upgraded.socket), kMaxQueuedBytes);
    const QByteArray reply = upgraded.upgrade.switchingProtocolsReply();
    auto connection = std::make_unique<WebSocketConnection>(std::move(transport), std::move(upgraded.ticket),
        std::move(upgraded.upgrade.target), std::move(upgraded.upgrade.userAgent), maxMessageBytes);
    connection->start(reply, upgraded.earlyBytes);
    return connection;
}

void WebSocketConnection::start(QByteArrayView reply, QByteArrayView earlyBytes)
{
    m_transport->start(*this);
    m_transport->write(reply);
    if (earlyBytes.isEmpty())
        return;
    m_decoder.append(earlyBytes);
    QMetaObject::invokeMethod(
        this, [this] { bytesReceived({}); }, Qt::QueuedConnection);
}

void WebSocketConnection::sendText(QByteArrayView utf8)
{
    if (m_state != State::Open)
        return;
    const FrameHeader header(Opcode::Text, utf8.size());
    m_transport->write(header.bytes(), utf8);
}

void WebSocketConnection::sendText(const QString &text)
{
    if (m_state == State::Open)
        sendText(QByteArrayView(text.toUtf8()));
}

void WebSocketConnection::sendControl(Opcode opcode, QByteArrayView payload)
{
    const FrameHeader header(opcode, payload.size());
    m_transport->write(header.bytes(), payload);
}

void WebSocketConnection::close(CloseCode code, const QString &reason)
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    m_closeCode = code;
    m_closeSent = true;
    sendControl(Opcode::Close, closePayload(code, reason));
    abortAfterGracePeriod();
}

void WebSocketConnection::abortAfterGracePeriod()
{
    // A peer that never completes the closing handshake must not hold the connection.
    QTimer::singleShot(kCloseGraceMs, this, [this] {
        if (m_state != State::Ended)
            abort();
    });
}

void WebSocketConnection::abort()
{
    if (m_state == State::Ended)
        return;
    if (m_closeCode == CloseCode::NoStatus)
        m_closeCode = CloseCode::Abnormal;
    m_transport->abort();
    finish();
}

void WebSocketConnection::bytesReceived(QByteArrayView bytes)
{
    if (m_state == State::Ended)
        return;
    m_decoder.append(bytes);
    while (m_state != State::Ended) {
        std::optional<IncomingMessage> message = m_decoder.next();
        if (!message)
            break;
        handle(std::move(*message));
    }
    if (m_state == State::Ended || !m_decoder.violation())
        return;
    const ProtocolViolation &violation = *m_decoder.violation();
    if (m_state == State::Open) {
        qCInfo(lcWebSocket).noquote()
            << "closing the WebSocket from" << peerAddress() << ":" << violation.reason;
        close(violation.code, violation.reason);
    }
    // Nothing more from this peer can be read; the close frame is the last word.
    m_transport->shutdownWhenFlushed();
}

void WebSocketConnection::handle(IncomingMessage &&message)
{
    switch (message.opcode) {
    case Opcode::Text:
        if (m_state == State::Open)
            emit textMessageReceived(QString::fromUtf8(message.payload));
        return;
    case Opcode::Binary:
        if (m_state == State::Open)
            emit binaryMessageReceived();
        return;
    case Opcode::Ping:
        if (m_state == State::Open)
            sendControl(Opcode::Pong, message.payload);
        return;
    case Opcode::Pong:
        return;
    case Opcode::Close:
        if (!m_closeSent) {
            // The peer began: answer with its code (RFC 6455 5.5.1), then end our side.
            m_closeCode = message.closeCode;
            m_closeSent = true;
            m_state = State::Closing;
            sendControl(Opcode::Close,
                message.closeCode == CloseCode::NoStatus
                    ? QByteArrayView()
                    : QByteArrayView(closePayload(message.closeCode, {})));
            abortAfterGracePeriod();
        }
        // Either way the handshake is complete: the server closes the TCP connection first.
        m_transport->shutdownWhenFlushed();
        return;
    case Opcode::Continuation:
        return; // never a whole message
    }
}

void WebSocketConnection::transportEnded()
{
    if (m_state == State::Ended)
        return;
    if (m_closeCode == CloseCode::NoStatus && !m_closeSent)
        m_closeCode = CloseCode::Abnormal;
    finish();
}

void WebSocketConnection::finish()
{
    m_state = State::Ended;
    emit disconnected();
}

} // namespace vw::server::websocket
