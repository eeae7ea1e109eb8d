#pragma once

#include <QString>

namespace vw::realtime {

// Why a WebSocket text frame could not be decoded as an Engine.IO / Socket.IO packet.
enum class FrameErrorCode {
    EmptyFrame, // nothing to decode
    UnknownPacketType, // the type digit is not one the protocol defines
    BinaryNotSupported, // binary frames and BINARY_EVENT / BINARY_ACK attachments
    UnexpectedPacketType, // a valid packet, but not the type the caller asked to decode
    InvalidNamespace, // bad character, too long, or not terminated by ','
    InvalidAckId, // out of range for a JavaScript number, or on a packet that cannot carry one
    InvalidJson, // the payload is not well-formed JSON
    InvalidPayload, // well-formed JSON of the wrong shape for the packet type
    ReservedEventName, // an EVENT named like one of socket.io's own events
};

// A short English description of a code, for logs and for errors without a reason.
QString frameErrorCodeDescription(FrameErrorCode code);

// Quotes one character of an untrusted frame for an error reason: printable ASCII as
// 'c', anything else as U+XXXX, so a reason never carries control bytes into a log.
QString describeFrameChar(QChar c);

// An undecodable frame: the code for callers to branch on, the reason for the log.
class FrameError
{
public:
    FrameError() = default;
    explicit FrameError(FrameErrorCode code, QString reason = QString());

    FrameErrorCode code() const { return m_code; }
    const QString &reason() const { return m_reason; }
    // The reason when there is one (e.g. "unknown Socket.IO packet type '9'"), else the
    // description of the code.
    QString errorString() const;

private:
    FrameErrorCode m_code = FrameErrorCode::EmptyFrame;
    QString m_reason;
};

} // namespace vw::realtime
