#include "tests/load/websocketframing.h"

#include <QCryptographicHash>

namespace vw::load {

namespace websocket {

QByteArray upgradeRequest(const QString &host, int port, const QString &pathAndQuery, const QByteArray &key)
{
    return "GET " + pathAndQuery.toUtf8() + " HTTP/1.1\r\nHost: " + host.toUtf8() + ':'
        + QByteArray::number(port) + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
        + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

QByteArray expectedAccept(const QByteArray &key)
{
    return QCryptographicHash::hash(
        QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1)
        .toBase64();
}

QByteArray encodeClientFrame(WsOpcode opcode, QByteArrayView payload, quint32 maskKey)
{
    const qsizetype length = payload.size();
    QByteArray frame;
    frame.reserve(length + 14);
    frame.append(char(0x80 | quint8(opcode))); // FIN: we never fragment
    if (length < 126) {
        frame.append(char(0x80 | length));
    } else if (length <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        frame.append(char(length >> 8));
        frame.append(char(length & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(length) >> shift) & 0xFF));
    }
    const char mask[4] = {char(maskKey >> 24), char(maskKey >> 16), char(maskKey >> 8), char(maskKey)};
    frame.append(mask, 4);
    const qsizetype start = frame.size();
    frame.resize(start + length);
    char *out = frame.data() + start;
    const char *in = payload.data();
    for (qsizetype i = 0; i < length; ++i)
        out[i] = char(in[i] ^ mask[i & 3]);
    return frame;
}

} // namespace websocket

void WsFrameReader::append(const QByteArray &bytes)
{
    // Drop what was consumed once it dominates, so the buffer does not grow with the stream.
    if (m_offset > 0 && m_offset >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

std::optional<WsMessage> WsFrameReader::fail(const QString &why)
{
    m_error = why;
    m_buffer.clear();
    m_offset = 0;
    return std::nullopt;
}

std::optional<WsMessage> WsFrameReader::next()
{
    while (m_error.isEmpty()) {
        const auto *data = reinterpret_cast<const quint8 *>(m_buffer.constData()) + m_offset;
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 2)
            return std::nullopt;
        const bool fin = data[0] & 0x80;
        const auto opcode = static_cast<WsOpcode>(data[0] & 0x0F);
        const bool masked = data[1] & 0x80;
        quint64 length = data[1] & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4)
                return std::nullopt;
            length = (quint64(data[2]) << 8) | data[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                return std::nullopt;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | data[2 + i];
            header = 10;
        }
        if (masked)
            return fail(QStringLiteral("masked frame from the server"));
        if (length > quint64(m_maxMessageBytes))
            return fail(QStringLiteral("frame of %1 bytes").arg(length));
        if (available < header + qsizetype(length))
            return std::nullopt;
        QByteArray payload(reinterpret_cast<const char *>(data + header), qsizetype(length));
        m_offset += header + qsizetype(length);

        switch (opcode) {
        case WsOpcode::Close:
        case WsOpcode::Ping:
        case WsOpcode::Pong:
            // Control frames may arrive between the fragments of a data message.
            return WsMessage {opcode, payload};
        case WsOpcode::Text:
        case WsOpcode::Binary:
            if (m_fragmentOpcode)
                return fail(QStringLiteral("new message inside a fragmented one"));
            if (fin)
                return WsMessage {opcode, payload};
            m_fragmentOpcode = opcode;
            m_fragments = payload;
            continue;
        case WsOpcode::Continuation:
            if (!m_fragmentOpcode)
                return fail(QStringLiteral("continuation without a message"));
            m_fragments.append(payload);
            if (m_fragments.size() > m_maxMessageBytes)
                return fail(QStringLiteral("fragmented message too large"));
            if (!fin)
                continue;
            {
                WsMessage message {*m_fragmentOpcode, std::exchange(m_fragments, QByteArray())};
                m_fragmentOpcode.reset();
                return message;
            }
        }
        return fail(QStringLiteral("unknown opcode %1").arg(int(opcode)));
    }
    return std::nullopt;
}

} // namespace vw::load
