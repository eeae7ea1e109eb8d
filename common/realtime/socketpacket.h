#pragma once

#include "common/core/result.h"
#include "common/realtime/frameerror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

namespace vw::realtime {

// One Socket.IO v5 packet (the payload of an Engine.IO message), encoded and decoded
// byte for byte like socket.io-parser, but stricter where it would accept nonsense.
class SocketPacket
{
public:
    enum class Type {
        Connect = 0,
        Disconnect = 1,
        Event = 2,
        Ack = 3,
        ConnectError = 4,
        BinaryEvent = 5,
        BinaryAck = 6
    };

    // Number.MAX_SAFE_INTEGER: larger ids would not survive a JavaScript peer.
    static constexpr qint64 MaxAckId = 9007199254740991;
    // Our namespaces are short paths; a cap keeps hostile frames out of logs and maps.
    static constexpr qsizetype MaxNamespaceLength = 128;

    // An empty namespace means the root namespace "/". An undefined or null payload is
    // left off the wire.
    explicit SocketPacket(Type type, QString nsp = QString(),
        QJsonValue payload = QJsonValue(QJsonValue::Undefined), std::optional<qint64> ackId = std::nullopt);

    // `auth` becomes the handshake payload; without it the packet is just "0" + namespace.
    static SocketPacket connect(const QString &nsp, const std::optional<QJsonObject> &auth = std::nullopt);
    // The server's acceptance; the v4 client requires the sid.
    static SocketPacket connectAccepted(const QString &nsp, const QString &sid);
    static SocketPacket connectError(
        const QString &nsp, const QString &message, const std::optional<QJsonValue> &data = std::nullopt);
    static SocketPacket event(const QString &nsp, const QString &name, const QJsonArray &args,
        std::optional<qint64> ackId = std::nullopt);
    // The usual one-argument event: `arg` is sent as the only argument, even if it is an array.
    static SocketPacket event(const QString &nsp, const QString &name, const QJsonValue &arg,
        std::optional<qint64> ackId = std::nullopt);
    static SocketPacket ack(const QString &nsp, qint64 ackId, const QJsonArray &args);
    static SocketPacket disconnect(const QString &nsp);

    Type type() const { return m_type; }
    const QString &nsp() const { return m_nsp; }
    std::optional<qint64> ackId() const { return m_ackId; }
    const QJsonValue &payload() const { return m_payload; }
    bool hasPayload() const { return !m_payload.isUndefined() && !m_payload.isNull(); }

    // For EVENT packets; empty for other types.
    QString eventName() const;
    QJsonArray eventArgs() const;
    // For ACK packets; empty for other types.
    QJsonArray ackArgs() const;

    // Whether the packet follows the protocol rules decode() enforces (namespace syntax,
    // ack id range and placement, payload shape, reserved event names).
    Status<FrameError> validate() const;

    // The Socket.IO packet alone: type digit, "nsp," unless root, ack id, compact JSON.
    QString encode() const;
    // The whole WebSocket text frame: the packet wrapped in an Engine.IO message ("4").
    QString encodeFrame() const;

    // Decodes one untrusted Socket.IO packet, the part of a frame after the Engine.IO "4".
    static Result<SocketPacket, FrameError> decode(QStringView packet);
    // Decodes a whole untrusted text frame, which must be an Engine.IO message "4…".
    static Result<SocketPacket, FrameError> decodeFrame(QStringView frame);

    static QString typeName(Type type);

    bool operator==(const SocketPacket &other) const = default;

private:
    Type m_type;
    QString m_nsp;
    QJsonValue m_payload;
    std::optional<qint64> m_ackId;
};

} // namespace vw::realtime
