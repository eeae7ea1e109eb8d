#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace vw::load {

enum class WsOpcode : quint8 { Continuation = 0, Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 };

// One complete WebSocket message (fragments joined) or control frame.
struct WsMessage
{
    WsOpcode opcode = WsOpcode::Text;
    QByteArray payload;
};

// RFC 6455 client side, just what the lean load socket needs: the upgrade request, masked
// frames out, unmasked (server) frames in. Kept apart from the socket so it is plain data in,
// data out.
namespace websocket {

QByteArray upgradeRequest(const QString &host, int port, const QString &pathAndQuery, const QByteArray &key);
// The Sec-WebSocket-Accept value the server must answer `key` with.
QByteArray expectedAccept(const QByteArray &key);
// Client frames must be masked (RFC 6455 5.3); the key need not be unpredictable here, since
// no proxy sits between the load generator and the server.
QByteArray encodeClientFrame(WsOpcode opcode, QByteArrayView payload, quint32 maskKey);

} // namespace websocket

// Splits the server's byte stream into messages.
class WsFrameReader
{
public:
    explicit WsFrameReader(qint64 maxMessageBytes = 16 * 1024 * 1024) : m_maxMessageBytes(maxMessageBytes) { }

    void append(const QByteArray &bytes);
    // The next complete message, or empty when more bytes are needed or the stream is broken.
    std::optional<WsMessage> next();
    // Set once the stream broke the protocol; nothing more is returned after that.
    const QString &error() const { return m_error; }

private:
    std::optional<WsMessage> fail(const QString &why);

    qint64 m_maxMessageBytes;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    // A fragmented data message under way.
    std::optional<WsOpcode> m_fragmentOpcode;
    QByteArray m_fragments;
    QString m_error;
};

} // namespace vw::load
