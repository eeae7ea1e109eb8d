#include "common/model/wire.h"

#include <QTest>

#include "tests/support/modeltestdata.h"
#include <QTimeZone>

using namespace vw::model;

using vw::test::kTimeReason;
using vw::test::parseJson;
using vw::test::utc;
using vw::test::uuid;

namespace { } // namespace

// Checks the text forms of ids and times: lower-case UUIDs without braces, UTC times with
// exactly three millisecond digits, and strict parsers that refuse everything else.
class TestWire : public QObject
{
    Q_OBJECT
private slots:
    void uuidToWireIsLowerCaseWithoutBraces()
    {
        const QUuid uuid = QUuid::fromString(QLatin1StringView("{3F2504E0-4F89-41D3-9A0C-0305E82C3301}"));
        QCOMPARE(uuidToWire(uuid), QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
        QCOMPARE(uuidToWire(QUuid()), QStringLiteral("00000000-0000-0000-0000-000000000000"));
        QCOMPARE(vw::model::uuidToWireLatin1(uuid), QByteArray("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
    }

    void parseUuidAccepts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised");
        const QString lower = QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        QTest::newRow("lower-case") << lower << lower;
        QTest::newRow("upper-case") << QStringLiteral("3F2504E0-4F89-41D3-9A0C-0305E82C3301") << lower;
        QTest::newRow("mixed case") << QStringLiteral("3f2504E0-4f89-41D3-9a0c-0305E82c3301") << lower;
        QTest::newRow("nil") << QStringLiteral("00000000-0000-0000-0000-000000000000")
                             << QStringLiteral("00000000-0000-0000-0000-000000000000");
    }

    void parseUuidAccepts()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        const std::optional<QUuid> parsed = parseUuid(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(uuidToWire(*parsed), normalised);
    }

    void parseUuidRefuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("braces") << QStringLiteral("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}");
        QTest::newRow("no dashes") << QStringLiteral("3f2504e04f8941d39a0c0305e82c3301");
        QTest::newRow("one short") << QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c330");
        QTest::newRow("one long") << QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c33011");
        QTest::newRow("dash moved") << QStringLiteral("3f2504e04-f89-41d3-9a0c-0305e82c3301");
        QTest::newRow("non-hex letter") << QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c330g");
        QTest::newRow("leading space") << QStringLiteral(" 3f2504e0-4f89-41d3-9a0c-0305e82c330");
        QTest::newRow("trailing newline") << QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c330\n");
        QTest::newRow("urn") << QStringLiteral("urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        QTest::newRow("fullwidth digit") << QString::fromUtf8("\xef\xbc\x93"
                                                              "f2504e0-4f89-41d3-9a0c-0305e82c3301");
        QTest::newRow("dash as hex") << QStringLiteral("3f2504e0-4f89-41d3-9a0c--305e82c3301");
        QTest::newRow("underscores") << QStringLiteral("3f2504e0_4f89_41d3_9a0c_0305e82c3301");
        QTest::newRow("garbage") << QStringLiteral("not a uuid at all, not a uuid at al");
    }

    void parseUuidRefuses()
    {
        QFETCH(QString, text);
        QCOMPARE(parseUuid(text), std::nullopt);
    }

    void timeToWire_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QString>("wire");
        QTest::newRow("utc") << utc(2026, 11, 23, 10, 15, 30, 123)
                             << QStringLiteral("2026-11-23T10:15:30.123Z");
        QTest::newRow("whole second keeps .000")
            << utc(2026, 1, 2, 3, 4, 5, 0) << QStringLiteral("2026-01-02T03:04:05.000Z");
        QTest::newRow("ms padded") << utc(2026, 11, 23, 10, 15, 30, 7)
                                   << QStringLiteral("2026-11-23T10:15:30.007Z");
        QTest::newRow("offset +02:00 to utc") << QDateTime(QDate(2026, 11, 23), QTime(12, 15, 30, 123),
            Qt::OffsetFromUTC, 2 * 3600) << QStringLiteral("2026-11-23T10:15:30.123Z");
        QTest::newRow("offset -05:30 crosses the day") << QDateTime(QDate(2026, 12, 31), QTime(20, 0, 0, 1),
            QTimeZone(-(5 * 3600 + 30 * 60))) << QStringLiteral("2027-01-01T01:30:00.001Z");
        QTest::newRow("year padded") << utc(999, 1, 1, 0, 0, 0, 0)
                                     << QStringLiteral("0999-01-01T00:00:00.000Z");
        QTest::newRow("before 1970 rounds down")
            << utc(1969, 12, 31, 23, 59, 59, 999) << QStringLiteral("1969-12-31T23:59:59.999Z");
        QTest::newRow("leap day") << utc(2028, 2, 29, 23, 0, 0, 50)
                                  << QStringLiteral("2028-02-29T23:00:00.050Z");
        QTest::newRow("first instant of year 1")
            << utc(1, 1, 1, 0, 0, 0, 0) << QStringLiteral("0001-01-01T00:00:00.000Z");
        QTest::newRow("last of year 9999")
            << utc(9999, 12, 31, 23, 59, 59, 999) << QStringLiteral("9999-12-31T23:59:59.999Z");
        QTest::newRow("invalid") << QDateTime() << QString();
    }

    // The fixed-width formatter against QDateTime's own ISO form over many instants.
    void timeToWireMatchesQt()
    {
        qint64 ms = -2'000'000'000'000;
        for (int i = 0; i < 20000; ++i, ms += 211'123'456'789 / 1000 + 7) {
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            QCOMPARE(vw::model::timeToWire(time), time.toString(Qt::ISODateWithMs));
            QCOMPARE(vw::model::timeToWireLatin1(time), time.toString(Qt::ISODateWithMs).toLatin1());
        }
    }

    void timeToWire()
    {
        QFETCH(QDateTime, time);
        QFETCH(QString, wire);
        QCOMPARE(vw::model::timeToWire(time), wire);
    }

    void parseTimeAccepts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("canonical") << QStringLiteral("2026-11-23T10:15:30.123Z")
                                   << utc(2026, 11, 23, 10, 15, 30, 123);
        QTest::newRow("no fraction") << QStringLiteral("2026-11-23T10:15:30Z")
                                     << utc(2026, 11, 23, 10, 15, 30, 0);
        QTest::newRow("one digit") << QStringLiteral("2026-11-23T10:15:30.1Z")
                                   << utc(2026, 11, 23, 10, 15, 30, 100);
        QTest::newRow("microseconds truncated")
            << QStringLiteral("2026-11-23T10:15:30.123999Z") << utc(2026, 11, 23, 10, 15, 30, 123);
        QTest::newRow("nanoseconds") << QStringLiteral("2026-11-23T10:15:30.000000001Z")
                                     << utc(2026, 11, 23, 10, 15, 30, 0);
        QTest::newRow("offset +02:00")
            << QStringLiteral("2026-11-23T12:15:30.123+02:00") << utc(2026, 11, 23, 10, 15, 30, 123);
        QTest::newRow("offset -05:30 crosses the day")
            << QStringLiteral("2026-12-31T20:00:00.001-05:30") << utc(2027, 1, 1, 1, 30, 0, 1);
        QTest::newRow("offset +00:00")
            << QStringLiteral("2026-11-23T10:15:30.123+00:00") << utc(2026, 11, 23, 10, 15, 30, 123);
        QTest::newRow("leap day") << QStringLiteral("2024-02-29T23:59:59.999Z")
                                  << utc(2024, 2, 29, 23, 59, 59, 999);
        QTest::newRow("first year") << QStringLiteral("0001-01-01T00:00:00.000Z") << utc(1, 1, 1, 0, 0, 0, 0);
        QTest::newRow("last year") << QStringLiteral("9999-12-31T23:59:59.999Z")
                                   << utc(9999, 12, 31, 23, 59, 59, 999);
    }

    void parseTimeAccepts()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const std::optional<QDateTime> parsed = parseTime(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, expected);
        QCOMPARE(parsed->timeSpec(), Qt::UTC);
    }

    void parseTimeRefuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("date only") << QStringLiteral("2026-11-23");
        QTest::newRow("date and Z") << QStringLiteral("2026-11-23Z");
        QTest::newRow("no zone") << QStringLiteral("2026-11-23T10:15:30.123");
        QTest::newRow("no seconds") << QStringLiteral("2026-11-23T10:15Z");
        QTest::newRow("space separator") << QStringLiteral("2026-11-23 10:15:30.123Z");
        QTest::newRow("lower-case t") << QStringLiteral("2026-11-23t10:15:30.123Z");
        QTest::newRow("lower-case z") << QStringLiteral("2026-11-23T10:15:30.123z");
        QTest::newRow("impossible date") << QStringLiteral("2023-02-29T10:15:30.123Z");
        QTest::newRow("month 13") << QStringLiteral("2026-13-01T10:15:30.123Z");
        QTest::newRow("month 00") << QStringLiteral("2026-00-01T10:15:30.123Z");
        QTest::newRow("day 32") << QStringLiteral("2026-01-32T10:15:30.123Z");
        QTest::newRow("hour 24") << QStringLiteral("2026-11-23T24:00:00.000Z");
        QTest::newRow("minute 60") << QStringLiteral("2026-11-23T10:60:00.000Z");
        QTest::newRow("leap second") << QStringLiteral("2026-12-31T23:59:60.000Z");
        QTest::newRow("year 0000") << QStringLiteral("0000-01-01T00:00:00.000Z");
        QTest::newRow("five-digit year") << QStringLiteral("10000-01-01T00:00:00.000Z");
        QTest::newRow("past year 9999 after offset") << QStringLiteral("9999-12-31T23:00:00.000-02:00");
        QTest::newRow("before year 1 after offset") << QStringLiteral("0001-01-01T00:30:00.000+01:00");
        QTest::newRow("dot without digits") << QStringLiteral("2026-11-23T10:15:30.Z");
        QTest::newRow("ten fraction digits") << QStringLiteral("2026-11-23T10:15:30.1234567890Z");
        QTest::newRow("comma fraction") << QStringLiteral("2026-11-23T10:15:30,123Z");
        QTest::newRow("offset without colon") << QStringLiteral("2026-11-23T10:15:30.123+0200");
        QTest::newRow("offset one-digit hour") << QStringLiteral("2026-11-23T10:15:30.123+2:00");
        QTest::newRow("offset hour 24") << QStringLiteral("2026-11-23T10:15:30.123+24:00");
        QTest::newRow("offset minute 60") << QStringLiteral("2026-11-23T10:15:30.123+01:60");
        QTest::newRow("Z and offset") << QStringLiteral("2026-11-23T10:15:30.123Z+01:00");
        QTest::newRow("trailing text") << QStringLiteral("2026-11-23T10:15:30.123Zjunk");
        QTest::newRow("leading space") << QStringLiteral(" 2026-11-23T10:15:30.123Z");
        QTest::newRow("sign in year") << QStringLiteral("+026-11-23T10:15:30.123Z");
        QTest::newRow("arabic-indic digit") << QString::fromUtf8("2026-11-23T10:15:3\xd9\xa0.123Z");
        QTest::newRow("garbage") << QStringLiteral("yesterday at noon, roughly");
        QTest::newRow("epoch number") << QStringLiteral("1795428930123");
    }

    void parseTimeRefuses()
    {
        QFETCH(QString, text);
        QCOMPARE(parseTime(text), std::nullopt);
    }

    void timeRoundTrips_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::newRow("now-ish") << utc(2026, 11, 23, 10, 15, 30, 123);
        QTest::newRow("midnight") << utc(2000, 1, 1, 0, 0, 0, 0);
        QTest::newRow("offset input")
            << QDateTime(QDate(2026, 6, 1), QTime(1, 2, 3, 4), Qt::OffsetFromUTC, -7 * 3600);
    }

    void timeRoundTrips()
    {
        QFETCH(QDateTime, time);
        const std::optional<QDateTime> parsed = parseTime(vw::model::timeToWire(time));
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, time);
    }

    void nullablesEncodeAsJsonNull()
    {
        QVERIFY(uuidToJson(std::nullopt).isNull());
        QVERIFY(timeToJson(std::nullopt).isNull());
        QVERIFY(timeToJson(QDateTime()).isNull());
        QVERIFY(stringToJson(std::nullopt).isNull());
        const QUuid uuid = QUuid::fromString(QLatin1StringView("3F2504E0-4F89-41D3-9A0C-0305E82C3301"));
        QCOMPARE(uuidToJson(uuid), QJsonValue(QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c3301")));
        QCOMPARE(timeToJson(utc(2026, 11, 23, 10, 15, 30, 123)),
            QJsonValue(QStringLiteral("2026-11-23T10:15:30.123Z")));
        QCOMPARE(stringToJson(QString()), QJsonValue(QString()));
        QVERIFY(stringToJson(QString()).isString());
    }
};

QTEST_GUILESS_MAIN(TestWire)
#include "tst_wire.moc"
