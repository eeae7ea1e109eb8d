#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <array>
#include <optional>

namespace vw::server::websocket {

enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA
};

// The close codes this server sends or checks (RFC 6455 7.4.1).
enum class CloseCode : quint16 {
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    UnsupportedData = 1003,
    NoStatus = 1005, // never on the wire: a close frame without a code
    Abnormal = 1006, // never on the wire: the TCP connection ended without a close frame
    InvalidPayload = 1007, // text that is not UTF-8
    PolicyViolation = 1008,
    MessageTooBig = 1009,
    InternalError = 1011,
};

// One complete data message (its fragments joined) or one control frame, unmasked.
struct IncomingMessage
{
    Opcode opcode = Opcode::Text;
    QByteArray payload;
    // For Close: the peer's code (NoStatus when it sent none) and its reason.
    CloseCode closeCode = CloseCode::NoStatus;
    QByteArray closeReason;
};

// Why the peer's stream cannot be read any further; the connection answers with this
// code and ends.
struct ProtocolViolation
{
    CloseCode code = CloseCode::ProtocolError;
    QString reason; // for the log and the close frame; never contains payload
};

// Reads the client's side of a WebSocket (RFC 6455 5.2): frames must be masked, no
// extension is negotiated (RSV bits must be 0), control frames are at most 125 bytes and
// unfragmented, fragments of one message must not interleave with another, text must be
// UTF-8 and a message (fragments joined) at most `maxMessageBytes`. Plain data in, data out:
// no sockets. Buffers only an incomplete frame, and frees the buffer when it is consumed.
class FrameDecoder
{
public:
    explicit FrameDecoder(qint64 maxMessageBytes) : m_maxMessageBytes(maxMessageBytes) { }

    void append(QByteArrayView bytes);
    // The next complete message or control frame; empty when more bytes are needed or the
    // stream broke the protocol (then violation() says why and nothing more comes).
    std::optional<IncomingMessage> next();
    const std::optional<ProtocolViolation> &violation() const { return m_violation; }
    // Bytes held for an incomplete frame or message. Once next() came back empty this is
    // all the decoder holds.
    qint64 bufferedBytes() const { return m_buffer.size() + m_fragments.size(); }

private:
    std::optional<IncomingMessage> fail(CloseCode code, const QString &reason);
    std::optional<IncomingMessage> needMoreBytes();
    std::optional<IncomingMessage> finishControl(Opcode opcode, QByteArray payload);

    const qint64 m_maxMessageBytes;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    std::optional<Opcode> m_fragmentedOpcode; // a fragmented data message under way
    QByteArray m_fragments;
    std::optional<ProtocolViolation> m_violation;
};

// A server frame's header (FIN set, never masked): 2, 4 or 10 bytes.
class FrameHeader
{
public:
    FrameHeader(Opcode opcode, qint64 payloadBytes);
    QByteArrayView bytes() const { return QByteArrayView(m_bytes.data(), m_size); }

private:
    std::array<char, 10> m_bytes {};
    qsizetype m_size = 0;
};

// A whole server frame: header and payload in one array (control frames, tests).
QByteArray encodeFrame(Opcode opcode, QByteArrayView payload);
// A close frame's payload: the code and as much of `reason` as fits in 123 bytes of UTF-8
// (cut at a character boundary).
QByteArray closePayload(CloseCode code, const QString &reason);

} // namespace vw::server::websocket
