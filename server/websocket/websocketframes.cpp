#include "server/websocket/websocketframes.h"

#include <QtEndian>

namespace vw::server::websocket {

namespace {

constexpr qsizetype kMaxControlPayload = 125;
constexpr qsizetype kMaxCloseReason = kMaxControlPayload - 2;

bool isKnownOpcode(quint8 opcode)
{
    switch (static_cast<Opcode>(opcode)) {
    case Opcode::Continuation:
    case Opcode::Text:
    case Opcode::Binary:
    case Opcode::Close:
    case Opcode::Ping:
    case Opcode::Pong:
        return true;
    }
    return false;
}

bool isControl(Opcode opcode)
{
    return (static_cast<quint8>(opcode) & 0x8) != 0;
}

// The codes a peer may put in a close frame (RFC 6455 7.4; 1012–1014 registered since).
bool isValidReceivedCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

} // namespace

void FrameDecoder::append(QByteArrayView bytes)
{
    if (m_violation || bytes.isEmpty())
        return;
    m_buffer.append(bytes);
}

std::optional<IncomingMessage> FrameDecoder::needMoreBytes()
{
    // What was read goes now, so only an incomplete frame stays buffered (a peer cutting
    // every write one byte into its next frame must not grow the buffer).
    if (m_offset > 0) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    return std::nullopt;
}

std::optional<IncomingMessage> FrameDecoder::fail(CloseCode code, const QString &reason)
{
    m_violation = ProtocolViolation {code, reason};
    m_buffer.clear();
    m_fragments.clear();
    m_offset = 0;
    return std::nullopt;
}

std::optional<IncomingMessage> FrameDecoder::next()
{
    while (!m_violation) {
        const auto *data = reinterpret_cast<const uchar *>(m_buffer.constData()) + m_offset;
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 2)
            return needMoreBytes();
        const bool fin = (data[0] & 0x80) != 0;
        if ((data[0] & 0x70) != 0)
            return fail(
                CloseCode::ProtocolError, QStringLiteral("reserved bits set (no extension was agreed)"));
        if (!isKnownOpcode(data[0] & 0x0F))
            return fail(CloseCode::ProtocolError, QStringLiteral("unknown opcode"));
        const auto opcode = static_cast<Opcode>(data[0] & 0x0F);
        if ((data[1] & 0x80) == 0)
            return fail(CloseCode::ProtocolError, QStringLiteral("client frame not masked"));

        qsizetype headerBytes = 2;
        quint64 length = data[1] & 0x7F;
        if (length == 126) {
            headerBytes += 2;
            if (available < headerBytes)
                return needMoreBytes();
            length = qFromBigEndian<quint16>(data + 2);
        } else if (length == 127) {
            headerBytes += 8;
            if (available < headerBytes)
                return needMoreBytes();
            length = qFromBigEndian<quint64>(data + 2);
            if ((length >> 63) != 0)
                return fail(CloseCode::ProtocolError, QStringLiteral("frame length out of range"));
        }
        if (isControl(opcode)) {
            if (!fin)
                return fail(CloseCode::ProtocolError, QStringLiteral("fragmented control frame"));
            if (length > quint64(kMaxControlPayload))
                return fail(CloseCode::ProtocolError, QStringLiteral("control frame longer than 125 bytes"));
        } else if (opcode == Opcode::Continuation && !m_fragmentedOpcode) {
            return fail(CloseCode::ProtocolError, QStringLiteral("continuation without a message"));
        } else if (opcode != Opcode::Continuation && m_fragmentedOpcode) {
            return fail(CloseCode::ProtocolError, QStringLiteral("new message inside a fragmented one"));
        } else if (length > quint64(m_maxMessageBytes - m_fragments.size())) {
            // Refused on the header, so nothing beyond the limit is ever buffered.
            return fail(CloseCode::MessageTooBig,
                QStringLiteral("message larger than %1 bytes").arg(m_maxMessageBytes));
        }
        const uchar *mask = data + headerBytes;
        headerBytes += 4;
        if (available < headerBytes || quint64(available - headerBytes) < length)
            return needMoreBytes();

        const auto payloadBytes = static_cast<qsizetype>(length);
        QByteArray payload(payloadBytes, Qt::Uninitialized);
        const uchar *masked = data + headerBytes;
        char *out = payload.data();
        for (qsizetype i = 0; i < payloadBytes; ++i)
            out[i] = static_cast<char>(masked[i] ^ mask[i & 3]);
        m_offset += headerBytes + payloadBytes;
        if (m_offset == m_buffer.size()) {
            m_buffer.clear();
            m_offset = 0;
        }

        if (isControl(opcode))
            return finishControl(opcode, std::move(payload));
        if (!fin) {
            if (!m_fragmentedOpcode)
                m_fragmentedOpcode = opcode;
            m_fragments.append(payload);
            continue;
        }
        IncomingMessage message;
        if (opcode == Opcode::Continuation) {
            message.opcode = *m_fragmentedOpcode;
            m_fragments.append(payload);
            message.payload = std::move(m_fragments);
            m_fragments = QByteArray();
            m_fragmentedOpcode.reset();
        } else {
            message.opcode = opcode;
            message.payload = std::move(payload);
        }
        if (message.opcode == Opcode::Text && !QByteArrayView(message.payload).isValidUtf8())
            return fail(CloseCode::InvalidPayload, QStringLiteral("text message is not UTF-8"));
        return message;
    }
    return std::nullopt;
}

std::optional<IncomingMessage> FrameDecoder::finishControl(Opcode opcode, QByteArray payload)
{
    IncomingMessage message;
    message.opcode = opcode;
    if (opcode != Opcode::Close) {
        message.payload = std::move(payload);
        return message;
    }
    if (payload.size() == 1)
        return fail(CloseCode::ProtocolError, QStringLiteral("close frame with a one-byte payload"));
    if (payload.size() >= 2) {
        const auto code = qFromBigEndian<quint16>(payload.constData());
        if (!isValidReceivedCloseCode(code))
            return fail(CloseCode::ProtocolError, QStringLiteral("invalid close code %1").arg(code));
        const QByteArrayView reason = QByteArrayView(payload).sliced(2);
        if (!reason.isValidUtf8())
            return fail(CloseCode::InvalidPayload, QStringLiteral("close reason is not UTF-8"));
        message.closeCode = static_cast<CloseCode>(code);
        message.closeReason = reason.toByteArray();
    }
    return message;
}

FrameHeader::FrameHeader(Opcode opcode, qint64 payloadBytes)
{
    auto *out = reinterpret_cast<uchar *>(m_bytes.data());
    out[0] = static_cast<uchar>(0x80 | static_cast<quint8>(opcode));
    if (payloadBytes < 126) {
        out[1] = static_cast<uchar>(payloadBytes);
        m_size = 2;
    } else if (payloadBytes <= 0xFFFF) {
        out[1] = 126;
        qToBigEndian<quint16>(static_cast<quint16>(payloadBytes), out + 2);
        m_size = 4;
    } else {
        out[1] = 127;
        qToBigEndian<quint64>(static_cast<quint64>(payloadBytes), out + 2);
        m_size = 10;
    }
}

QByteArray encodeFrame(Opcode opcode, QByteArrayView payload)
{
    const FrameHeader header(opcode, payload.size());
    QByteArray frame;
    frame.reserve(header.bytes().size() + payload.size());
    frame.append(header.bytes()).append(payload);
    return frame;
}

QByteArray closePayload(CloseCode code, const QString &reason)
{
    QByteArray text = reason.toUtf8();
    if (text.size() > kMaxCloseReason) {
        qsizetype cut = kMaxCloseReason;
        // Never split a multi-byte character: back up to the start of the one cut through.
        while (cut > 0 && (static_cast<uchar>(text.at(cut)) & 0xC0) == 0x80)
            --cut;
        text.truncate(cut);
    }
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian<quint16>(static_cast<quint16>(code), payload.data());
    return payload.append(text);
}

} // namespace vw::server::websocket
