#include "common/model/wire.h"

#include <chrono>

namespace vw::model {

namespace {

constexpr qsizetype kUuidLength = 36;
constexpr qsizetype kTimeWithoutFractionLength = 19; // YYYY-MM-DDTHH:MM:SS
constexpr qsizetype kMaxFractionDigits = 9;
constexpr int kMaxYear = 9999;

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isAsciiHexDigit(QChar c)
{
    return isAsciiDigit(c) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// The value of `count` ASCII digits at `pos`, or -1 when any of them is not a digit.
int digitsAt(QStringView text, qsizetype pos, qsizetype count)
{
    if (pos < 0 || pos + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        if (!isAsciiDigit(text[i]))
            return -1;
        value = value * 10 + (text[i].unicode() - u'0');
    }
    return value;
}

bool hasCharAt(QStringView text, qsizetype pos, char16_t expected)
{
    return pos < text.size() && text[pos] == QChar(expected);
}

// Seconds east of UTC from "Z" or "±HH:MM" filling the whole of `zone`, or nothing.
std::optional<int> parseZone(QStringView zone)
{
    if (zone == u"Z")
        return 0;
    if (zone.size() != 6 || !hasCharAt(zone, 3, u':'))
        return std::nullopt;
    const bool east = zone[0] == QLatin1Char('+');
    if (!east && zone[0] != QLatin1Char('-'))
        return std::nullopt;
    const int hours = digitsAt(zone, 1, 2);
    const int minutes = digitsAt(zone, 4, 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
        return std::nullopt;
    const int seconds = hours * 3600 + minutes * 60;
    return east ? seconds : -seconds;
}

} // namespace

QString uuidToWire(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

QByteArray uuidToWireLatin1(const QUuid &uuid)
{
    return uuid.toByteArray(QUuid::WithoutBraces);
}

std::optional<QUuid> parseUuid(QStringView text)
{
    if (text.size() != kUuidLength)
        return std::nullopt;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
        const bool valid = dashPosition ? text[i] == QLatin1Char('-') : isAsciiHexDigit(text[i]);
        if (!valid)
            return std::nullopt;
    }
    return QUuid::fromString(text);
}

QByteArray timeToWireLatin1(const QDateTime &time)
{
    using namespace std::chrono;
    if (!time.isValid())
        return {};
    const sys_time<milliseconds> instant {milliseconds(time.toMSecsSinceEpoch())};
    const sys_days day = floor<days>(instant);
    const year_month_day date {day};
    const int yearNumber = int(date.year());
    if (yearNumber < 1 || yearNumber > kMaxYear) {
        // Not representable on the wire; kept readable for logs (QDateTime's own digits).
        return time.toUTC().toString(Qt::ISODateWithMs).toLatin1();
    }
    const hh_mm_ss<milliseconds> clock {instant - day};
    // Fixed width, written in place: this runs for every message sent (QString::arg was a
    // twentieth of the network thread's time per message).
    char text[] = "0000-00-00T00:00:00.000Z";
    const auto put = [&text](int at, int width, unsigned value) {
        for (int i = at + width - 1; i >= at; --i, value /= 10)
            text[i] = char('0' + value % 10);
    };
    put(0, 4, unsigned(yearNumber));
    put(5, 2, unsigned(date.month()));
    put(8, 2, unsigned(date.day()));
    put(11, 2, unsigned(clock.hours().count()));
    put(14, 2, unsigned(clock.minutes().count()));
    put(17, 2, unsigned(clock.seconds().count()));
    put(20, 3, unsigned(clock.subseconds().count()));
    return QByteArray(text, sizeof(text) - 1);
}

QString timeToWire(const QDateTime &time)
{
    return QString::fromLatin1(timeToWireLatin1(time));
}

std::optional<QDateTime> parseTime(QStringView text)
{
    // Bound the work before looking at anything: the longest form has 9 fraction digits and an offset.
    if (text.size() < kTimeWithoutFractionLength + 1
        || text.size() > kTimeWithoutFractionLength + 1 + kMaxFractionDigits + 6)
        return std::nullopt;
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return std::nullopt;
    if (!hasCharAt(text, 4, u'-') || !hasCharAt(text, 7, u'-') || !hasCharAt(text, 10, u'T')
        || !hasCharAt(text, 13, u':') || !hasCharAt(text, 16, u':'))
        return std::nullopt;

    qsizetype pos = kTimeWithoutFractionLength;
    int msec = 0;
    if (hasCharAt(text, pos, u'.')) {
        const qsizetype start = ++pos;
        while (pos < text.size() && isAsciiDigit(text[pos]))
            ++pos;
        const qsizetype count = pos - start;
        if (count < 1 || count > kMaxFractionDigits)
            return std::nullopt;
        // Sub-millisecond digits are dropped: QDateTime holds milliseconds.
        for (qsizetype i = 0; i < 3; ++i)
            msec = msec * 10 + (i < count ? text[start + i].unicode() - u'0' : 0);
    }

    const std::optional<int> offsetSeconds = parseZone(text.sliced(pos));
    if (!offsetSeconds)
        return std::nullopt;

    // 23:59:60 is refused: Qt has no leap seconds and neither do JavaScript clients.
    if (hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    const QDate date(year, month, day);
    if (year < 1 || !date.isValid())
        return std::nullopt;

    const QDateTime local(date, QTime(hour, minute, second, msec), Qt::UTC);
    const QDateTime utc = local.addSecs(-*offsetSeconds);
    if (!utc.isValid() || utc.date().year() < 1 || utc.date().year() > kMaxYear)
        return std::nullopt;
    return utc;
}

QJsonValue uuidToJson(const std::optional<QUuid> &uuid)
{
    return uuid ? QJsonValue(uuidToWire(*uuid)) : QJsonValue(QJsonValue::Null);
}

QJsonValue timeToJson(const std::optional<QDateTime> &time)
{
    return time && time->isValid() ? QJsonValue(timeToWire(*time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue stringToJson(const std::optional<QString> &text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

} // namespace vw::model
