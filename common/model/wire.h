#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QStringView>
#include <QUuid>

#include <optional>

namespace vw::model {

// Text forms of ids and times on the wire (API.md "Conventions"), and the JSON values for
// nullable fields. Parsers here are strict because their input is untrusted.

// Lower-case 8-4-4-4-12 hex with dashes and no braces.
QString uuidToWire(const QUuid &uuid);
// The same text as Latin-1 bytes (for JSON written directly).
QByteArray uuidToWireLatin1(const QUuid &uuid);
// Exactly 8-4-4-4-12 hex digits with dashes; upper-case hex is accepted (the result is the
// same QUuid). Braces, whitespace, other lengths and non-ASCII digits are refused. The nil
// UUID parses: whether it is allowed is the caller's decision.
std::optional<QUuid> parseUuid(QStringView text);

// ISO-8601 in UTC with exactly three millisecond digits and 'Z': 2026-11-23T10:15:30.123Z.
// Non-UTC input is converted to UTC. An invalid QDateTime gives an empty string; years
// outside 1..9999 are not representable on the wire.
QString timeToWire(const QDateTime &time);
// The same text as Latin-1 bytes (for JSON written directly).
QByteArray timeToWireLatin1(const QDateTime &time);
// YYYY-MM-DDTHH:MM:SS, an optional fraction of 1 to 9 digits (kept to the millisecond), then
// 'Z' or an offset ±HH:MM; the result is in UTC. Date-only text, lower-case 't'/'z', leap
// seconds, impossible dates and anything outside years 1..9999 after conversion are refused.
std::optional<QDateTime> parseTime(QStringView text);

// JSON values for encoders: a null optional (or an invalid time) is JSON null, so every
// key of an object is always present.
QJsonValue uuidToJson(const std::optional<QUuid> &uuid);
QJsonValue timeToJson(const std::optional<QDateTime> &time);
QJsonValue stringToJson(const std::optional<QString> &text);

} // namespace vw::model
