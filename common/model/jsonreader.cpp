#include "common/model/jsonreader.h"

#include "common/model/wire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace vw::model {

namespace {

QString elementPath(const QString &arrayPath, qsizetype index)
{
    return arrayPath + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString describeIntRange(qint64 min, qint64 max)
{
    if (min <= -kMaxSafeInteger && max >= kMaxSafeInteger)
        return QStringLiteral("expected an integer");
    if (min == 0 && max >= kMaxSafeInteger)
        return QStringLiteral("expected a non-negative integer");
    if (min == 1 && max >= kMaxSafeInteger)
        return QStringLiteral("expected a positive integer");
    if (max >= kMaxSafeInteger)
        return QStringLiteral("expected an integer of at least %1").arg(min);
    if (min <= -kMaxSafeInteger)
        return QStringLiteral("expected an integer of at most %1").arg(max);
    return QStringLiteral("expected an integer between %1 and %2").arg(min).arg(max);
}

QString tooManyItems(qsizetype maxItems)
{
    return QStringLiteral("must have at most %1 items").arg(maxItems);
}

} // namespace

JsonReader::JsonReader(const QJsonObject &object) : m_object(object), m_root(this) { }

JsonReader::JsonReader(const QJsonObject &object, QString path, JsonReader *root)
    : m_object(object), m_path(std::move(path)), m_root(root)
{ }

Result<QJsonObject, DecodeError> JsonReader::parseObject(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return DecodeError {QString(),
            QStringLiteral("malformed JSON: %1 at offset %2")
                .arg(parseError.errorString())
                .arg(parseError.offset)};
    }
    if (!document.isObject())
        return DecodeError {QString(), QStringLiteral("expected a JSON object")};
    return document.object();
}

QString JsonReader::fieldPath(QStringView key) const
{
    if (m_path.isEmpty())
        return key.toString();
    return m_path + QLatin1Char('.') + key;
}

void JsonReader::fail(QStringView key, const QString &reason)
{
    failAt(fieldPath(key), reason);
}

void JsonReader::failAt(const QString &path, const QString &reason)
{
    if (ok())
        m_root->m_error = DecodeError {path, reason};
}

bool JsonReader::has(QStringView key) const
{
    const QJsonValue found = m_object.value(key);
    return !found.isUndefined() && !found.isNull();
}

std::optional<QJsonValue> JsonReader::fetch(QStringView key, Presence presence)
{
    if (!ok())
        return std::nullopt;
    const QJsonValue found = m_object.value(key);
    if (found.isUndefined()) {
        if (presence == Presence::Required)
            fail(key, QStringLiteral("is required"));
        return std::nullopt;
    }
    // A required field that is null falls through and fails its type check.
    if (found.isNull() && presence == Presence::Optional)
        return std::nullopt;
    return found;
}

std::optional<QString> JsonReader::readString(QStringView key, Presence presence, StringLimits limits)
{
    const std::optional<QJsonValue> found = fetch(key, presence);
    if (!found)
        return std::nullopt;
    if (!found->isString()) {
        fail(key, QStringLiteral("expected a string"));
        return std::nullopt;
    }
    QString text = found->toString();
    if (text.size() < limits.minLength) {
        fail(key,
            limits.minLength == 1 ? QStringLiteral("must not be empty")
                                  : QStringLiteral("must be at least %1 characters").arg(limits.minLength));
        return std::nullopt;
    }
    if (text.size() > limits.maxLength) {
        fail(key, QStringLiteral("must be at most %1 characters").arg(limits.maxLength));
        return std::nullopt;
    }
    return text;
}

QString JsonReader::requireString(QStringView key, StringLimits limits)
{
    return readString(key, Presence::Required, limits).value_or(QString());
}

std::optional<QString> JsonReader::optionalString(QStringView key, StringLimits limits)
{
    return readString(key, Presence::Optional, limits);
}

std::optional<QUuid> JsonReader::readUuid(QStringView key, Presence presence)
{
    const std::optional<QJsonValue> found = fetch(key, presence);
    if (!found)
        return std::nullopt;
    const std::optional<QUuid> uuid = found->isString() ? parseUuid(found->toString()) : std::nullopt;
    if (!uuid) {
        fail(key, QStringLiteral("expected a UUID"));
        return std::nullopt;
    }
    if (uuid->isNull()) {
        fail(key, QStringLiteral("must not be the nil UUID"));
        return std::nullopt;
    }
    return uuid;
}

QUuid JsonReader::requireUuid(QStringView key)
{
    return readUuid(key, Presence::Required).value_or(QUuid());
}

std::optional<QUuid> JsonReader::optionalUuid(QStringView key)
{
    return readUuid(key, Presence::Optional);
}

std::optional<QDateTime> JsonReader::readTime(QStringView key, Presence presence)
{
    const std::optional<QJsonValue> found = fetch(key, presence);
    if (!found)
        return std::nullopt;
    const std::optional<QDateTime> time = found->isString() ? parseTime(found->toString()) : std::nullopt;
    if (!time)
        fail(key, QStringLiteral("expected an ISO-8601 time like 2026-11-23T10:15:30.123Z"));
    return time;
}

QDateTime JsonReader::requireTime(QStringView key)
{
    return readTime(key, Presence::Required).value_or(QDateTime());
}

std::optional<QDateTime> JsonReader::optionalTime(QStringView key)
{
    return readTime(key, Presence::Optional);
}

std::optional<qint64> JsonReader::readInt(QStringView key, Presence presence, qint64 min, qint64 max)
{
    const std::optional<QJsonValue> found = fetch(key, presence);
    if (!found)
        return std::nullopt;
    const qint64 low = std::max(min, -kMaxSafeInteger);
    const qint64 high = std::min(max, kMaxSafeInteger);
    const auto refuse = [&] {
        fail(key, describeIntRange(low, high));
        return std::nullopt;
    };
    if (!found->isDouble())
        return refuse();
    // JSON numbers are doubles to most peers: only whole numbers they can hold exactly count.
    const double number = found->toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number
        || std::fabs(number) > static_cast<double>(kMaxSafeInteger))
        return refuse();
    // Qt keeps big integer literals exact, where the double check above may have rounded them.
    const qint64 integer = found->toInteger(std::numeric_limits<qint64>::min());
    if (integer < low || integer > high)
        return refuse();
    return integer;
}

qint64 JsonReader::requireInt(QStringView key, qint64 min, qint64 max)
{
    return readInt(key, Presence::Required, min, max).value_or(0);
}

std::optional<qint64> JsonReader::optionalInt(QStringView key, qint64 min, qint64 max)
{
    return readInt(key, Presence::Optional, min, max);
}

std::optional<bool> JsonReader::readBool(QStringView key, Presence presence)
{
    const std::optional<QJsonValue> found = fetch(key, presence);
    if (!found)
        return std::nullopt;
    if (!found->isBool()) {
        fail(key, QStringLiteral("expected a boolean"));
        return std::nullopt;
    }
    return found->toBool();
}

bool JsonReader::requireBool(QStringView key)
{
    return readBool(key, Presence::Required).value_or(false);
}

std::optional<bool> JsonReader::optionalBool(QStringView key)
{
    return readBool(key, Presence::Optional);
}

std::optional<QString> JsonReader::readEnumText(
    QStringView key, Presence presence, const QStringList &allowed)
{
    const std::optional<QJsonValue> found = fetch(key, presence);
    if (!found)
        return std::nullopt;
    if (!found->isString()) {
        fail(key, QStringLiteral("expected one of: ") + allowed.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    return found->toString();
}

std::optional<QList<QUuid>> JsonReader::readUuidArray(QStringView key, Presence presence, qsizetype maxItems)
{
    const std::optional<QJsonValue> found = fetch(key, presence);
    if (!found)
        return std::nullopt;
    if (!found->isArray()) {
        fail(key, QStringLiteral("expected an array"));
        return std::nullopt;
    }
    const QJsonArray array = found->toArray();
    if (array.size() > maxItems) {
        fail(key, tooManyItems(maxItems));
        return std::nullopt;
    }
    const QString path = fieldPath(key);
    QList<QUuid> uuids;
    uuids.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        const std::optional<QUuid> uuid = element.isString() ? parseUuid(element.toString()) : std::nullopt;
        if (!uuid || uuid->isNull()) {
            failAt(elementPath(path, i),
                uuid ? QStringLiteral("must not be the nil UUID") : QStringLiteral("expected a UUID"));
            return std::nullopt;
        }
        uuids.append(*uuid);
    }
    return uuids;
}

QList<QUuid> JsonReader::requireUuidArray(QStringView key, qsizetype maxItems)
{
    return readUuidArray(key, Presence::Required, maxItems).value_or(QList<QUuid>());
}

std::optional<QList<QUuid>> JsonReader::optionalUuidArray(QStringView key, qsizetype maxItems)
{
    return readUuidArray(key, Presence::Optional, maxItems);
}

std::optional<QJsonObject> JsonReader::optionalObject(QStringView key)
{
    const std::optional<QJsonValue> found = fetch(key, Presence::Optional);
    if (!found)
        return std::nullopt;
    if (!found->isObject()) {
        fail(key, QStringLiteral("expected an object"));
        return std::nullopt;
    }
    return found->toObject();
}

void JsonReader::requireObject(QStringView key, const std::function<void(JsonReader &)> &read)
{
    const std::optional<QJsonValue> found = fetch(key, Presence::Required);
    if (!found)
        return;
    if (!found->isObject()) {
        fail(key, QStringLiteral("expected an object"));
        return;
    }
    JsonReader nested(found->toObject(), fieldPath(key), m_root);
    read(nested);
}

void JsonReader::readObjectArray(
    QStringView key, Presence presence, qsizetype maxItems, const std::function<void(JsonReader &)> &read)
{
    const std::optional<QJsonValue> found = fetch(key, presence);
    if (!found)
        return;
    if (!found->isArray()) {
        fail(key, QStringLiteral("expected an array"));
        return;
    }
    const QJsonArray array = found->toArray();
    if (array.size() > maxItems) {
        fail(key, tooManyItems(maxItems));
        return;
    }
    const QString path = fieldPath(key);
    for (qsizetype i = 0; i < array.size() && ok(); ++i) {
        const QJsonValue element = array.at(i);
        if (!element.isObject()) {
            failAt(elementPath(path, i), QStringLiteral("expected an object"));
            return;
        }
        JsonReader nested(element.toObject(), elementPath(path, i), m_root);
        read(nested);
    }
}

void JsonReader::requireObjectArray(
    QStringView key, qsizetype maxItems, const std::function<void(JsonReader &)> &read)
{
    readObjectArray(key, Presence::Required, maxItems, read);
}

void JsonReader::optionalObjectArray(
    QStringView key, qsizetype maxItems, const std::function<void(JsonReader &)> &read)
{
    readObjectArray(key, Presence::Optional, maxItems, read);
}

} // namespace vw::model
