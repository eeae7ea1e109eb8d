#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace vw::test {

// The reason JsonReader gives for a malformed time, as the model tests expect it.
inline const QString kTimeReason = QStringLiteral("expected an ISO-8601 time like 2026-11-23T10:15:30.123Z");

// Small builders the wire-model tests share.
QJsonObject parseJson(const QByteArray &text);
QUuid uuid(const char *text);
QDateTime utc(int year, int month, int day, int hour, int minute, int second, int msec);

} // namespace vw::test
