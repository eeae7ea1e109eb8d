#pragma once

#include "common/core/result.h"
#include "common/model/decodeerror.h"
#include "common/model/limits.h"
#include "common/model/wireenum.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUuid>

#include <functional>
#include <optional>

namespace vw::model {

// Length bounds for a string field, counted in UTF-16 code units like JavaScript's `length`.
struct StringLimits
{
    qsizetype minLength = 0;
    qsizetype maxLength = kMaxDecodedStringLength;
};

// Reads fields of an untrusted JSON object and keeps the FIRST error with its path, so a
// decoder (or the server's request validation) reads every field in turn and checks once:
//
//     JsonReader reader(body);
//     const QString content = reader.requireString(u"content", {.maxLength = limit});
//     const auto replyTo = reader.optionalUuid(u"replyToId");
//     if (!reader.ok())
//         return badRequest(reader.error()->message()); // "content: expected a string"
//
// "require" readers report a missing key ("is required") and a value of the wrong type,
// null included; "optional" readers give nothing for a missing key or null and report a
// value of the wrong type. After the first error every reader returns a default and
// records nothing, so the error names the first bad field. Unknown keys are ignored.
class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object);
    Q_DISABLE_COPY_MOVE(JsonReader)

    // Parses a request or response body that must be one JSON object.
    static Result<QJsonObject, DecodeError> parseObject(const QByteArray &json);

    bool ok() const { return !m_root->m_error.has_value(); }
    // The first error recorded by this reader or any nested one, if any.
    const std::optional<DecodeError> &error() const { return m_root->m_error; }
    // The path of `key` below this reader: "key", "attachments[2].key".
    QString fieldPath(QStringView key) const;
    // Records a failure of a rule of the caller's own (unless an error is already recorded).
    void fail(QStringView key, const QString &reason);

    // True when `key` is present and not null.
    bool has(QStringView key) const;
    // The raw value (undefined when missing), for fields with shapes of their own.
    QJsonValue value(QStringView key) const { return m_object.value(key); }

    QString requireString(QStringView key, StringLimits limits = {});
    std::optional<QString> optionalString(QStringView key, StringLimits limits = {});

    // Refuse the nil UUID: it is never a real id.
    QUuid requireUuid(QStringView key);
    std::optional<QUuid> optionalUuid(QStringView key);

    QDateTime requireTime(QStringView key);
    std::optional<QDateTime> optionalTime(QStringView key);

    // Only whole numbers within [min, max] ∩ ±kMaxSafeInteger: 1.5, 1e300 and "5" are refused.
    qint64 requireInt(QStringView key, qint64 min, qint64 max);
    std::optional<qint64> optionalInt(QStringView key, qint64 min, qint64 max);

    bool requireBool(QStringView key);
    std::optional<bool> optionalBool(QStringView key);

    // A string that fromWire<E>() accepts; the error lists wireValues<E>().
    template <typename E>
    E requireEnum(QStringView key, E fallback = E {});
    template <typename E>
    std::optional<E> optionalEnum(QStringView key);

    // An array of UUID strings; an element's error names it: "participantIds[1]".
    QList<QUuid> requireUuidArray(QStringView key, qsizetype maxItems = kMaxDecodedArrayItems);
    std::optional<QList<QUuid>> optionalUuidArray(
        QStringView key, qsizetype maxItems = kMaxDecodedArrayItems);

    // An object kept as it is (free-form fields such as `metadata`).
    std::optional<QJsonObject> optionalObject(QStringView key);
    // A nested object read field by field through `read`, errors prefixed with "key.".
    void requireObject(QStringView key, const std::function<void(JsonReader &)> &read);
    // Each element must be an object and is read through `read`; errors name "key[i].field".
    // Reading stops at the first error.
    void requireObjectArray(
        QStringView key, qsizetype maxItems, const std::function<void(JsonReader &)> &read);
    void optionalObjectArray(
        QStringView key, qsizetype maxItems, const std::function<void(JsonReader &)> &read);

private:
    enum class Presence { Required, Optional };

    JsonReader(const QJsonObject &object, QString path, JsonReader *root);

    // The value to check, or nothing when there is nothing to check (an earlier error, or an
    // optional key missing or null). Records "is required" for a missing required key.
    std::optional<QJsonValue> fetch(QStringView key, Presence presence);
    void failAt(const QString &path, const QString &reason);

    std::optional<QString> readString(QStringView key, Presence presence, StringLimits limits);
    std::optional<QUuid> readUuid(QStringView key, Presence presence);
    std::optional<QDateTime> readTime(QStringView key, Presence presence);
    std::optional<qint64> readInt(QStringView key, Presence presence, qint64 min, qint64 max);
    std::optional<bool> readBool(QStringView key, Presence presence);
    std::optional<QList<QUuid>> readUuidArray(QStringView key, Presence presence, qsizetype maxItems);
    void readObjectArray(QStringView key, Presence presence, qsizetype maxItems,
        const std::function<void(JsonReader &)> &read);
    std::optional<QString> readEnumText(QStringView key, Presence presence, const QStringList &allowed);
    template <typename E>
    std::optional<E> readEnum(QStringView key, Presence presence);

    QJsonObject m_object;
    QString m_path;
    // Nested readers record into the outermost one, so its error() is the first of all.
    JsonReader *m_root;
    std::optional<DecodeError> m_error;
};

// Templates must live in the header; the work is done by readEnumText().
template <typename E>
std::optional<E> JsonReader::readEnum(QStringView key, Presence presence)
{
    const QStringList allowed = wireValues<E>();
    const std::optional<QString> text = readEnumText(key, presence, allowed);
    if (!text)
        return std::nullopt;
    const std::optional<E> parsed = fromWire<E>(*text);
    if (!parsed)
        fail(key, QStringLiteral("expected one of: ") + allowed.join(QStringLiteral(", ")));
    return parsed;
}

template <typename E>
E JsonReader::requireEnum(QStringView key, E fallback)
{
    return readEnum<E>(key, Presence::Required).value_or(fallback);
}

template <typename E>
std::optional<E> JsonReader::optionalEnum(QStringView key)
{
    return readEnum<E>(key, Presence::Optional);
}

} // namespace vw::model
