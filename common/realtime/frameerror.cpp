#include "common/realtime/frameerror.h"

#include <utility>

namespace vw::realtime {

QString frameErrorCodeDescription(FrameErrorCode code)
{
    switch (code) {
    case FrameErrorCode::EmptyFrame:
        return QStringLiteral("empty frame");
    case FrameErrorCode::UnknownPacketType:
        return QStringLiteral("unknown packet type");
    case FrameErrorCode::BinaryNotSupported:
        return QStringLiteral("binary packets are not supported");
    case FrameErrorCode::UnexpectedPacketType:
        return QStringLiteral("unexpected packet type");
    case FrameErrorCode::InvalidNamespace:
        return QStringLiteral("invalid namespace");
    case FrameErrorCode::InvalidAckId:
        return QStringLiteral("invalid ack id");
    case FrameErrorCode::InvalidJson:
        return QStringLiteral("invalid JSON payload");
    case FrameErrorCode::InvalidPayload:
        return QStringLiteral("invalid payload for the packet type");
    case FrameErrorCode::ReservedEventName:
        return QStringLiteral("reserved event name");
    }
    return QStringLiteral("unknown frame error");
}

QString describeFrameChar(QChar c)
{
    const char16_t unit = c.unicode();
    if (unit >= 0x20 && unit < 0x7f)
        return QLatin1Char('\'') + c + QLatin1Char('\'');
    return QStringLiteral("U+%1").arg(unit, 4, 16, QLatin1Char('0')).toUpper();
}

FrameError::FrameError(FrameErrorCode code, QString reason) : m_code(code), m_reason(std::move(reason)) { }

QString FrameError::errorString() const
{
    return m_reason.isEmpty() ? frameErrorCodeDescription(m_code) : m_reason;
}

} // namespace vw::realtime
