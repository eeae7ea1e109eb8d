#include "tests/support/modeltestdata.h"

#include <QJsonDocument>

namespace vw::test {

QJsonObject parseJson(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

QUuid uuid(const char *text)
{
    return QUuid::fromString(QLatin1StringView(text));
}

QDateTime utc(int year, int month, int day, int hour, int minute, int second, int msec)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, msec), Qt::UTC);
}

} // namespace vw::test
