#include "common/realtime/engineopen.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <optional>
#include <utility>

namespace vw::realtime {

namespace {

// Timers take int milliseconds; anything larger is not a timing a real server sends.
constexpr qint64 MaxTimingMs = 2147483647;
// Number.MAX_SAFE_INTEGER: the largest integer a JavaScript peer can send exactly.
constexpr qint64 MaxSafeInteger = 9007199254740991;

QString compactJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// A JSON string literal, escaped exactly as QJsonDocument does elsewhere.
QString jsonString(const QString &text)
{
    const QString wrapped = compactJson(QJsonArray {text});
    return wrapped.mid(1, wrapped.size() - 2);
}

FrameError invalidOpen(const QString &why)
{
    return FrameError(
        FrameErrorCode::InvalidPayload, QStringLiteral("invalid Engine.IO open payload: ") + why);
}

std::optional<qint64> integerIn(const QJsonValue &value, qint64 low, qint64 high)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || number < static_cast<double>(low)
        || number > static_cast<double>(high)) {
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

} // namespace

EngineOpen::EngineOpen(
    QString sid, qint64 pingIntervalMs, qint64 pingTimeoutMs, qint64 maxPayload, QStringList upgrades)
    : m_sid(std::move(sid)),
      m_upgrades(std::move(upgrades)),
      m_pingIntervalMs(pingIntervalMs),
      m_pingTimeoutMs(pingTimeoutMs),
      m_maxPayload(maxPayload)
{ }

QString EngineOpen::encode() const
{
    return QStringLiteral("{\"sid\":") + jsonString(m_sid) + QStringLiteral(",\"upgrades\":")
        + compactJson(QJsonArray::fromStringList(m_upgrades)) + QStringLiteral(",\"pingInterval\":")
        + QString::number(m_pingIntervalMs) + QStringLiteral(",\"pingTimeout\":")
        + QString::number(m_pingTimeoutMs) + QStringLiteral(",\"maxPayload\":")
        + QString::number(m_maxPayload) + QLatin1Char('}');
}

EnginePacket EngineOpen::toPacket() const
{
    return EnginePacket(EnginePacket::Type::Open, encode());
}

Result<EngineOpen, FrameError> EngineOpen::decode(QStringView payload)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return FrameError(FrameErrorCode::InvalidJson,
            QStringLiteral("invalid JSON in Engine.IO open payload at offset %1: %2")
                .arg(parseError.offset)
                .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return invalidOpen(QStringLiteral("not a JSON object"));
    const QJsonObject object = document.object();

    const QJsonValue sid = object.value(QLatin1StringView("sid"));
    if (!sid.isString() || sid.toString().isEmpty())
        return invalidOpen(QStringLiteral("\"sid\" must be a non-empty string"));

    const std::optional<qint64> interval
        = integerIn(object.value(QLatin1StringView("pingInterval")), 1, MaxTimingMs);
    if (!interval)
        return invalidOpen(QStringLiteral("\"pingInterval\" must be a positive integer of milliseconds"));
    const std::optional<qint64> timeout
        = integerIn(object.value(QLatin1StringView("pingTimeout")), 1, MaxTimingMs);
    if (!timeout)
        return invalidOpen(QStringLiteral("\"pingTimeout\" must be a positive integer of milliseconds"));

    qint64 maxPayload = 0;
    const QJsonValue maxPayloadValue = object.value(QLatin1StringView("maxPayload"));
    if (!maxPayloadValue.isUndefined()) {
        const std::optional<qint64> parsed = integerIn(maxPayloadValue, 0, MaxSafeInteger);
        if (!parsed)
            return invalidOpen(QStringLiteral("\"maxPayload\" must be a non-negative integer"));
        maxPayload = *parsed;
    }

    QStringList upgrades;
    const QJsonValue upgradesValue = object.value(QLatin1StringView("upgrades"));
    if (!upgradesValue.isUndefined()) {
        if (!upgradesValue.isArray())
            return invalidOpen(QStringLiteral("\"upgrades\" must be an array of strings"));
        const QJsonArray list = upgradesValue.toArray();
        for (const QJsonValue &entry : list) {
            if (!entry.isString())
                return invalidOpen(QStringLiteral("\"upgrades\" must be an array of strings"));
            upgrades.append(entry.toString());
        }
    }

    return EngineOpen(sid.toString(), *interval, *timeout, maxPayload, std::move(upgrades));
}

Result<EngineOpen, FrameError> EngineOpen::fromPacket(const EnginePacket &packet)
{
    if (packet.type() != EnginePacket::Type::Open) {
        return FrameError(FrameErrorCode::UnexpectedPacketType,
            QStringLiteral("expected an Engine.IO open packet, got %1")
                .arg(EnginePacket::typeName(packet.type())));
    }
    return decode(packet.payload());
}

} // namespace vw::realtime
