#include "common/realtime/socketpacket.h"

#include "common/realtime/enginepacket.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <array>
#include <utility>

namespace vw::realtime {

namespace {

using Type = SocketPacket::Type;

// socket.io-parser refuses these as event names: the libraries give them their own meaning.
constexpr std::array<QLatin1StringView, 6> ReservedEventNames = {
    QLatin1StringView("connect"),
    QLatin1StringView("connect_error"),
    QLatin1StringView("disconnect"),
    QLatin1StringView("disconnecting"),
    QLatin1StringView("newListener"),
    QLatin1StringView("removeListener"),
};

// Namespaces come from URL paths (the client sends the path of io('…/messaging')), so we
// accept RFC 3986 path characters only. socket.io-parser takes anything up to the ',';
// we refuse control characters, quotes, brackets and non-ASCII so that a namespace can be
// logged and compared safely and a missing ',' before a payload is reported as such.
bool isNamespaceChar(QChar c)
{
    const char16_t unit = c.unicode();
    if ((unit >= u'a' && unit <= u'z') || (unit >= u'A' && unit <= u'Z') || (unit >= u'0' && unit <= u'9'))
        return true;
    switch (unit) {
    case u'/':
    case u'-':
    case u'.':
    case u'_':
    case u'~':
    case u'!':
    case u'$':
    case u'&':
    case u'\'':
    case u'(':
    case u')':
    case u'*':
    case u'+':
    case u';':
    case u'=':
    case u':':
    case u'@':
    case u'%':
        return true;
    default:
        return false;
    }
}

bool startsJson(QChar c)
{
    return c == QLatin1Char('[') || c == QLatin1Char('{') || c == QLatin1Char('"');
}

FrameError namespaceCharError(QChar c)
{
    if (startsJson(c))
        return FrameError(
            FrameErrorCode::InvalidNamespace, QStringLiteral("namespace not terminated by ','"));
    return FrameError(FrameErrorCode::InvalidNamespace,
        QStringLiteral("invalid character %1 in namespace").arg(describeFrameChar(c)));
}

FrameError namespaceTooLong()
{
    return FrameError(FrameErrorCode::InvalidNamespace,
        QStringLiteral("namespace longer than %1 characters").arg(SocketPacket::MaxNamespaceLength));
}

Status<FrameError> validateNamespace(QStringView nsp)
{
    if (nsp.isEmpty() || nsp.front() != QLatin1Char('/'))
        return FrameError(FrameErrorCode::InvalidNamespace, QStringLiteral("namespace must start with '/'"));
    if (nsp.size() > SocketPacket::MaxNamespaceLength)
        return namespaceTooLong();
    for (const QChar c : nsp) {
        if (!isNamespaceChar(c))
            return namespaceCharError(c);
    }
    return Status<FrameError>::success();
}

FrameError payloadError(Type type, const QString &why)
{
    return FrameError(
        FrameErrorCode::InvalidPayload, SocketPacket::typeName(type) + QStringLiteral(" payload ") + why);
}

Status<FrameError> validatePayload(Type type, const QJsonValue &payload, bool hasPayload)
{
    switch (type) {
    case Type::Connect:
        if (hasPayload && !payload.isObject())
            return payloadError(type, QStringLiteral("must be a JSON object"));
        return Status<FrameError>::success();
    case Type::Disconnect:
        if (hasPayload)
            return payloadError(type, QStringLiteral("must be empty"));
        return Status<FrameError>::success();
    case Type::ConnectError:
        // socket.io-parser still takes a bare string from pre-v5 servers; v5 always sends an
        // object with "message", and so do we.
        if (!payload.isObject())
            return payloadError(type, QStringLiteral("must be a JSON object"));
        return Status<FrameError>::success();
    case Type::Event: {
        if (!payload.isArray())
            return payloadError(type, QStringLiteral("must be a JSON array"));
        const QJsonArray array = payload.toArray();
        if (array.isEmpty())
            return payloadError(type, QStringLiteral("must start with the event name"));
        // socket.io-parser also allows a number here; no client of ours emits one.
        if (!array.first().isString())
            return payloadError(type, QStringLiteral("must start with a string event name"));
        const QString name = array.first().toString();
        for (const QLatin1StringView reserved : ReservedEventNames) {
            if (name == reserved) {
                return FrameError(FrameErrorCode::ReservedEventName,
                    QStringLiteral("reserved event name \"%1\"").arg(reserved));
            }
        }
        return Status<FrameError>::success();
    }
    case Type::Ack:
        if (!payload.isArray())
            return payloadError(type, QStringLiteral("must be a JSON array"));
        return Status<FrameError>::success();
    case Type::BinaryEvent:
    case Type::BinaryAck:
        break;
    }
    return FrameError(FrameErrorCode::BinaryNotSupported, QStringLiteral("binary packets are not supported"));
}

Status<FrameError> validateAckId(Type type, std::optional<qint64> ackId)
{
    if (ackId && (*ackId < 0 || *ackId > SocketPacket::MaxAckId)) {
        return FrameError(
            FrameErrorCode::InvalidAckId, QStringLiteral("ack id outside 0..%1").arg(SocketPacket::MaxAckId));
    }
    if (type == Type::Ack && !ackId)
        return FrameError(FrameErrorCode::InvalidAckId, QStringLiteral("ACK packet without an ack id"));
    if (ackId && type != Type::Event && type != Type::Ack) {
        return FrameError(FrameErrorCode::InvalidAckId,
            SocketPacket::typeName(type) + QStringLiteral(" packet cannot carry an ack id"));
    }
    return Status<FrameError>::success();
}

// Compact JSON of any value, written by QJsonDocument so escaping matches everywhere.
QString compactJson(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

Result<QJsonValue, FrameError> parsePayload(QStringView text)
{
    // Socket.IO payloads are always arrays or objects; refusing anything else up front
    // also covers signs on ack ids ("42-1[…]") and a namespace without its leading '/'.
    if (text.front() != QLatin1Char('[') && text.front() != QLatin1Char('{')) {
        return FrameError(FrameErrorCode::InvalidPayload,
            QStringLiteral("expected a JSON array or object, found %1").arg(describeFrameChar(text.front())));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return FrameError(FrameErrorCode::InvalidJson,
            QStringLiteral("invalid JSON payload at byte %1: %2")
                .arg(parseError.offset)
                .arg(parseError.errorString()));
    }
    if (document.isArray())
        return QJsonValue(document.array());
    return QJsonValue(document.object());
}

} // namespace

SocketPacket::SocketPacket(Type type, QString nsp, QJsonValue payload, std::optional<qint64> ackId)
    : m_type(type),
      m_nsp(nsp.isEmpty() ? QStringLiteral("/") : std::move(nsp)),
      m_payload(std::move(payload)),
      m_ackId(ackId)
{ }

SocketPacket SocketPacket::connect(const QString &nsp, const std::optional<QJsonObject> &auth)
{
    return SocketPacket(Type::Connect, nsp, auth ? QJsonValue(*auth) : QJsonValue(QJsonValue::Undefined));
}

SocketPacket SocketPacket::connectAccepted(const QString &nsp, const QString &sid)
{
    return SocketPacket(Type::Connect, nsp, QJsonObject {{QStringLiteral("sid"), sid}});
}

SocketPacket SocketPacket::connectError(
    const QString &nsp, const QString &message, const std::optional<QJsonValue> &data)
{
    QJsonObject body {{QStringLiteral("message"), message}};
    if (data && !data->isUndefined())
        body.insert(QStringLiteral("data"), *data);
    return SocketPacket(Type::ConnectError, nsp, body);
}

SocketPacket SocketPacket::event(
    const QString &nsp, const QString &name, const QJsonArray &args, std::optional<qint64> ackId)
{
    QJsonArray payload {name};
    for (const QJsonValue &arg : args)
        payload.append(arg);
    return SocketPacket(Type::Event, nsp, payload, ackId);
}

SocketPacket SocketPacket::event(
    const QString &nsp, const QString &name, const QJsonValue &arg, std::optional<qint64> ackId)
{
    return SocketPacket(Type::Event, nsp, QJsonArray {name, arg}, ackId);
}

SocketPacket SocketPacket::ack(const QString &nsp, qint64 ackId, const QJsonArray &args)
{
    return SocketPacket(Type::Ack, nsp, args, ackId);
}

SocketPacket SocketPacket::disconnect(const QString &nsp)
{
    return SocketPacket(Type::Disconnect, nsp);
}

QString SocketPacket::eventName() const
{
    if (m_type != Type::Event)
        return QString();
    return m_payload.toArray().at(0).toString();
}

QJsonArray SocketPacket::eventArgs() const
{
    if (m_type != Type::Event)
        return QJsonArray();
    QJsonArray args = m_payload.toArray();
    if (!args.isEmpty())
        args.removeFirst();
    return args;
}

QJsonArray SocketPacket::ackArgs() const
{
    if (m_type != Type::Ack)
        return QJsonArray();
    return m_payload.toArray();
}

Status<FrameError> SocketPacket::validate() const
{
    if (m_type == Type::BinaryEvent || m_type == Type::BinaryAck)
        return FrameError(
            FrameErrorCode::BinaryNotSupported, QStringLiteral("binary packets are not supported"));
    if (Status<FrameError> status = validateNamespace(m_nsp); !status)
        return status;
    if (Status<FrameError> status = validateAckId(m_type, m_ackId); !status)
        return status;
    return validatePayload(m_type, m_payload, hasPayload());
}

QString SocketPacket::encode() const
{
    QString out = QString::number(static_cast<int>(m_type));
    if (m_nsp != QLatin1StringView("/"))
        out += m_nsp + QLatin1Char(',');
    if (m_ackId)
        out += QString::number(*m_ackId);
    if (hasPayload())
        out += compactJson(m_payload);
    return out;
}

QString SocketPacket::encodeFrame() const
{
    return QString::number(static_cast<int>(EnginePacket::Type::Message)) + encode();
}

Result<SocketPacket, FrameError> SocketPacket::decode(QStringView packet)
{
    if (packet.isEmpty())
        return FrameError(FrameErrorCode::EmptyFrame, QStringLiteral("empty Socket.IO packet"));

    const QChar typeChar = packet.front();
    if (typeChar < QLatin1Char('0') || typeChar > QLatin1Char('6')) {
        return FrameError(FrameErrorCode::UnknownPacketType,
            QStringLiteral("unknown Socket.IO packet type %1").arg(describeFrameChar(typeChar)));
    }
    const auto type = static_cast<Type>(typeChar.unicode() - u'0');
    if (type == Type::BinaryEvent || type == Type::BinaryAck)
        return FrameError(
            FrameErrorCode::BinaryNotSupported, QStringLiteral("binary packets are not supported"));

    // Namespace: from a leading '/' up to ',' or the end, as socket.io-parser reads it.
    qsizetype pos = 1;
    QString nsp = QStringLiteral("/");
    if (pos < packet.size() && packet[pos] == QLatin1Char('/')) {
        const qsizetype start = pos;
        while (pos < packet.size() && packet[pos] != QLatin1Char(',')) {
            if (!isNamespaceChar(packet[pos]))
                return namespaceCharError(packet[pos]);
            if (pos - start >= MaxNamespaceLength)
                return namespaceTooLong();
            ++pos;
        }
        nsp = packet.sliced(start, pos - start).toString();
        if (pos < packet.size())
            ++pos; // the ','
    }

    // Ack id: plain decimal digits, no sign, at most Number.MAX_SAFE_INTEGER.
    std::optional<qint64> ackId;
    if (pos < packet.size() && packet[pos] >= QLatin1Char('0') && packet[pos] <= QLatin1Char('9')) {
        qint64 value = 0;
        while (pos < packet.size() && packet[pos] >= QLatin1Char('0') && packet[pos] <= QLatin1Char('9')) {
            const int digit = packet[pos].unicode() - u'0';
            if (value > (MaxAckId - digit) / 10)
                return FrameError(
                    FrameErrorCode::InvalidAckId, QStringLiteral("ack id larger than %1").arg(MaxAckId));
            value = value * 10 + digit;
            ++pos;
        }
        ackId = value;
    }

    QJsonValue payload(QJsonValue::Undefined);
    if (pos < packet.size()) {
        Result<QJsonValue, FrameError> parsed = parsePayload(packet.sliced(pos));
        if (!parsed)
            return parsed.error();
        payload = std::move(parsed).value();
    }

    SocketPacket decoded(type, std::move(nsp), std::move(payload), ackId);
    if (Status<FrameError> status = decoded.validate(); !status)
        return status.error();
    return decoded;
}

Result<SocketPacket, FrameError> SocketPacket::decodeFrame(QStringView frame)
{
    // The Engine.IO layer is one character; decoding only that keeps the error reporting
    // in one place without copying the rest of the frame.
    const Result<EnginePacket, FrameError> engine
        = EnginePacket::decode(frame.first(qMin<qsizetype>(1, frame.size())));
    if (!engine)
        return engine.error();
    if (engine->type() != EnginePacket::Type::Message) {
        return FrameError(FrameErrorCode::UnexpectedPacketType,
            QStringLiteral("expected an Engine.IO message, got %1")
                .arg(EnginePacket::typeName(engine->type())));
    }
    if (frame.size() == 1) {
        return FrameError(
            FrameErrorCode::EmptyFrame, QStringLiteral("Engine.IO message carries no Socket.IO packet"));
    }
    return decode(frame.sliced(1));
}

QString SocketPacket::typeName(Type type)
{
    switch (type) {
    case Type::Connect:
        return QStringLiteral("CONNECT");
    case Type::Disconnect:
        return QStringLiteral("DISCONNECT");
    case Type::Event:
        return QStringLiteral("EVENT");
    case Type::Ack:
        return QStringLiteral("ACK");
    case Type::ConnectError:
        return QStringLiteral("CONNECT_ERROR");
    case Type::BinaryEvent:
        return QStringLiteral("BINARY_EVENT");
    case Type::BinaryAck:
        return QStringLiteral("BINARY_ACK");
    }
    return QStringLiteral("UNKNOWN");
}

} // namespace vw::realtime
