#pragma once

#include "common/core/result.h"
#include "common/realtime/frameerror.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace vw::realtime {

// One Engine.IO v4 packet as carried by one WebSocket text frame: a type digit
// followed by the payload ("2" is a ping, "4…" carries a Socket.IO packet).
class EnginePacket
{
public:
    enum class Type { Open = 0, Close = 1, Ping = 2, Pong = 3, Message = 4, Upgrade = 5, Noop = 6 };

    explicit EnginePacket(Type type, QString payload = QString());

    static EnginePacket message(QString payload);

    Type type() const { return m_type; }
    const QString &payload() const { return m_payload; }

    QString encode() const;

    // Decodes an untrusted text frame. Like engine.io-parser, any payload is kept as is
    // for every type; a frame starting with 'b' (base64 binary) is refused.
    static Result<EnginePacket, FrameError> decode(QStringView frame);
    // Binary WebSocket frames carry raw binary messages, which we do not support; the
    // transport hands them here so that the refusal is reported like any other error.
    static Result<EnginePacket, FrameError> decodeBinary(QByteArrayView frame);

    static QString typeName(Type type);

    bool operator==(const EnginePacket &other) const = default;

private:
    Type m_type;
    QString m_payload;
};

} // namespace vw::realtime
