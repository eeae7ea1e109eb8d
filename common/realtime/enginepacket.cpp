#include "common/realtime/enginepacket.h"

#include <utility>

namespace vw::realtime {

EnginePacket::EnginePacket(Type type, QString payload) : m_type(type), m_payload(std::move(payload)) { }

EnginePacket EnginePacket::message(QString payload)
{
    return EnginePacket(Type::Message, std::move(payload));
}

QString EnginePacket::encode() const
{
    return QString::number(static_cast<int>(m_type)) + m_payload;
}

Result<EnginePacket, FrameError> EnginePacket::decode(QStringView frame)
{
    if (frame.isEmpty())
        return FrameError(FrameErrorCode::EmptyFrame, QStringLiteral("empty Engine.IO frame"));
    const QChar first = frame.front();
    if (first == QLatin1Char('b')) {
        return FrameError(FrameErrorCode::BinaryNotSupported,
            QStringLiteral("base64 binary Engine.IO packets are not supported"));
    }
    const char16_t digit = first.unicode();
    if (digit < u'0' || digit > u'6') {
        return FrameError(FrameErrorCode::UnknownPacketType,
            QStringLiteral("unknown Engine.IO packet type %1").arg(describeFrameChar(first)));
    }
    return EnginePacket(static_cast<Type>(digit - u'0'), frame.sliced(1).toString());
}

Result<EnginePacket, FrameError> EnginePacket::decodeBinary(QByteArrayView frame)
{
    return FrameError(FrameErrorCode::BinaryNotSupported,
        QStringLiteral("binary Engine.IO frames are not supported (%1 bytes)").arg(frame.size()));
}

QString EnginePacket::typeName(Type type)
{
    switch (type) {
    case Type::Open:
        return QStringLiteral("open");
    case Type::Close:
        return QStringLiteral("close");
    case Type::Ping:
        return QStringLiteral("ping");
    case Type::Pong:
        return QStringLiteral("pong");
    case Type::Message:
        return QStringLiteral("message");
    case Type::Upgrade:
        return QStringLiteral("upgrade");
    case Type::Noop:
        return QStringLiteral("noop");
    }
    return QStringLiteral("unknown");
}

} // namespace vw::realtime
