#include "common/model/enums.h"
#include "common/model/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "tests/support/modeltestdata.h"

using namespace vw::model;

using vw::test::kTimeReason;
using vw::test::parseJson;
using vw::test::utc;
using vw::test::uuid;

namespace {

// The object of a hand-written JSON text; an empty object when the text is not one, which
// makes the calling test fail on its first field.
// {"v": <literal>}: JSON literals go through Qt's parser exactly as a request body would.
QJsonObject field(const char *literal)
{
    return parseJson(QByteArrayLiteral("{\"v\": ") + QByteArray(literal) + QByteArrayLiteral("}"));
}

// The error for a failure message; QVERIFY2 evaluates its message even when it passes.
QString errorText(const JsonReader &reader)
{
    return reader.error() ? reader.error()->message() : QString();
}

} // namespace

// Checks the reader that decodes untrusted JSON: type and range checks per field kind,
// required versus optional, the path of nested errors, and that the first error wins.
class TestJsonReader : public QObject
{
    Q_OBJECT
private slots:
    void requireInt_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<qint64>("min");
        QTest::addColumn<qint64>("max");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<QString>("reason"); // empty: accepted

        const qint64 safe = kMaxSafeInteger;
        const QString nonNegative = QStringLiteral("expected a non-negative integer");
        QTest::newRow("zero") << QByteArray("0") << qint64(0) << safe << qint64(0) << QString();
        QTest::newRow("integral double") << QByteArray("3.0") << qint64(0) << safe << qint64(3) << QString();
        QTest::newRow("exponent") << QByteArray("1e3") << qint64(0) << safe << qint64(1000) << QString();
        QTest::newRow("max safe") << QByteArray("9007199254740991") << qint64(0) << safe << safe << QString();
        QTest::newRow("negative safe")
            << QByteArray("-9007199254740991") << -safe << safe << -safe << QString();
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("negative") << QByteArray("-1") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("2^53") << QByteArray("9007199254740992") << qint64(0) << safe << qint64(0)
                              << nonNegative;
        QTest::newRow("2^53+1 exact literal")
            << QByteArray("9007199254740993") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("beyond int64")
            << QByteArray("92233720368547758070") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("1e300") << QByteArray("1e300") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("string") << QByteArray("\"5\"") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("bool") << QByteArray("true") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("null") << QByteArray("null") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("array") << QByteArray("[1]") << qint64(0) << safe << qint64(0) << nonNegative;
        QTest::newRow("in range") << QByteArray("50") << qint64(1) << qint64(100) << qint64(50) << QString();
        QTest::newRow("above max") << QByteArray("101") << qint64(1) << qint64(100) << qint64(0)
                                   << QStringLiteral("expected an integer between 1 and 100");
        QTest::newRow("positive") << QByteArray("0") << qint64(1) << safe << qint64(0)
                                  << QStringLiteral("expected a positive integer");
        QTest::newRow("any integer") << QByteArray("0.25") << std::numeric_limits<qint64>::min()
                                     << std::numeric_limits<qint64>::max() << qint64(0)
                                     << QStringLiteral("expected an integer");
        QTest::newRow("at least") << QByteArray("5") << qint64(10) << safe << qint64(0)
                                  << QStringLiteral("expected an integer of at least 10");
    }

    void requireInt()
    {
        QFETCH(QByteArray, literal);
        QFETCH(qint64, min);
        QFETCH(qint64, max);
        QFETCH(qint64, expected);
        QFETCH(QString, reason);
        JsonReader reader(field(literal.constData()));
        const qint64 value = reader.requireInt(u"v", min, max);
        if (reason.isEmpty()) {
            QVERIFY2(reader.ok(), qPrintable(errorText(reader)));
            QCOMPARE(value, expected);
        } else {
            QVERIFY(!reader.ok());
            QCOMPARE(errorText(reader), (DecodeError {QStringLiteral("v"), reason}).message());
        }
    }

    void requireString_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<qsizetype>("minLength");
        QTest::addColumn<qsizetype>("maxLength");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("reason");
        QTest::newRow("plain") << QByteArray("\"hello\"") << qsizetype(0) << qsizetype(10)
                               << QStringLiteral("hello") << QString();
        QTest::newRow("empty allowed")
            << QByteArray("\"\"") << qsizetype(0) << qsizetype(10) << QString() << QString();
        QTest::newRow("exactly max") << QByteArray("\"0123456789\"") << qsizetype(0) << qsizetype(10)
                                     << QStringLiteral("0123456789") << QString();
        QTest::newRow("unicode counts code units")
            << QByteArray("\"\xc3\xa9t\xc3\xa9\"") << qsizetype(0) << qsizetype(3)
            << QString::fromUtf8("\xc3\xa9t\xc3\xa9") << QString();
        QTest::newRow("too long") << QByteArray("\"01234567890\"") << qsizetype(0) << qsizetype(10)
                                  << QString() << QStringLiteral("must be at most 10 characters");
        QTest::newRow("empty refused") << QByteArray("\"\"") << qsizetype(1) << qsizetype(10) << QString()
                                       << QStringLiteral("must not be empty");
        QTest::newRow("too short") << QByteArray("\"ab\"") << qsizetype(3) << qsizetype(10) << QString()
                                   << QStringLiteral("must be at least 3 characters");
        QTest::newRow("number") << QByteArray("5") << qsizetype(0) << qsizetype(10) << QString()
                                << QStringLiteral("expected a string");
        QTest::newRow("null") << QByteArray("null") << qsizetype(0) << qsizetype(10) << QString()
                              << QStringLiteral("expected a string");
        QTest::newRow("object") << QByteArray("{}") << qsizetype(0) << qsizetype(10) << QString()
                                << QStringLiteral("expected a string");
    }

    void requireString()
    {
        QFETCH(QByteArray, literal);
        QFETCH(qsizetype, minLength);
        QFETCH(qsizetype, maxLength);
        QFETCH(QString, expected);
        QFETCH(QString, reason);
        JsonReader reader(field(literal.constData()));
        const QString value = reader.requireString(u"v", {.minLength = minLength, .maxLength = maxLength});
        if (reason.isEmpty()) {
            QVERIFY2(reader.ok(), qPrintable(errorText(reader)));
            QCOMPARE(value, expected);
        } else {
            QCOMPARE(errorText(reader), (DecodeError {QStringLiteral("v"), reason}).message());
        }
    }

    // One row per reader kind: a good value, and a bad value with the reason it gets.
    void scalarKinds_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<QString>("reason"); // empty: accepted
        const QString uuidReason = QStringLiteral("expected a UUID");
        const QString roleReason = QStringLiteral("expected one of: patient, provider, admin");
        QTest::newRow("uuid ok") << QStringLiteral("uuid")
                                 << QByteArray("\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"") << QString();
        QTest::newRow("uuid upper") << QStringLiteral("uuid")
                                    << QByteArray("\"3F2504E0-4F89-41D3-9A0C-0305E82C3301\"") << QString();
        QTest::newRow("uuid braces") << QStringLiteral("uuid")
                                     << QByteArray("\"{3f2504e0-4f89-41d3-9a0c-0305e82c3301}\"")
                                     << uuidReason;
        QTest::newRow("uuid nil") << QStringLiteral("uuid")
                                  << QByteArray("\"00000000-0000-0000-0000-000000000000\"")
                                  << QStringLiteral("must not be the nil UUID");
        QTest::newRow("uuid number") << QStringLiteral("uuid") << QByteArray("42") << uuidReason;
        QTest::newRow("time ok") << QStringLiteral("time") << QByteArray("\"2026-11-23T10:15:30.123Z\"")
                                 << QString();
        QTest::newRow("time date only")
            << QStringLiteral("time") << QByteArray("\"2026-11-23\"") << kTimeReason;
        QTest::newRow("time epoch number")
            << QStringLiteral("time") << QByteArray("1795428930123") << kTimeReason;
        QTest::newRow("bool true") << QStringLiteral("bool") << QByteArray("true") << QString();
        QTest::newRow("bool false") << QStringLiteral("bool") << QByteArray("false") << QString();
        QTest::newRow("bool string") << QStringLiteral("bool") << QByteArray("\"true\"")
                                     << QStringLiteral("expected a boolean");
        QTest::newRow("bool number") << QStringLiteral("bool") << QByteArray("1")
                                     << QStringLiteral("expected a boolean");
        QTest::newRow("enum ok") << QStringLiteral("enum") << QByteArray("\"provider\"") << QString();
        QTest::newRow("enum upper") << QStringLiteral("enum") << QByteArray("\"Provider\"") << roleReason;
        QTest::newRow("enum unknown") << QStringLiteral("enum") << QByteArray("\"doctor\"") << roleReason;
        QTest::newRow("enum number") << QStringLiteral("enum") << QByteArray("1") << roleReason;
        QTest::newRow("object ok") << QStringLiteral("object") << QByteArray("{\"a\": [1]}") << QString();
        QTest::newRow("object array")
            << QStringLiteral("object") << QByteArray("[]") << QStringLiteral("expected an object");
        QTest::newRow("uuid array ok")
            << QStringLiteral("uuids") << QByteArray("[\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"]")
            << QString();
        QTest::newRow("uuid array object")
            << QStringLiteral("uuids") << QByteArray("{}") << QStringLiteral("expected an array");
    }

    void scalarKinds()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, literal);
        QFETCH(QString, reason);
        JsonReader reader(field(literal.constData()));
        if (kind == u"uuid")
            QCOMPARE(reader.optionalUuid(u"v").has_value(), reason.isEmpty());
        else if (kind == u"time")
            QCOMPARE(reader.optionalTime(u"v").has_value(), reason.isEmpty());
        else if (kind == u"bool")
            QCOMPARE(reader.optionalBool(u"v").has_value(), reason.isEmpty());
        else if (kind == u"enum")
            QCOMPARE(reader.optionalEnum<UserRole>(u"v").has_value(), reason.isEmpty());
        else if (kind == u"object")
            QCOMPARE(reader.optionalObject(u"v").has_value(), reason.isEmpty());
        else
            QCOMPARE(reader.optionalUuidArray(u"v").has_value(), reason.isEmpty());
        if (reason.isEmpty())
            QVERIFY2(reader.ok(), qPrintable(errorText(reader)));
        else
            QCOMPARE(errorText(reader), (DecodeError {QStringLiteral("v"), reason}).message());
    }

    void valuesAreParsed()
    {
        JsonReader reader(parseJson(R"({"id": "3F2504E0-4F89-41D3-9A0C-0305E82C3301",
            "at": "2026-11-23T12:15:30.123+02:00", "role": "admin", "flag": true,
            "ids": ["3f2504e0-4f89-41d3-9a0c-0305e82c3301", "3f2504e0-4f89-41d3-9a0c-0305e82c3302"]})"));
        QCOMPARE(reader.requireUuid(u"id"),
            QUuid::fromString(QLatin1StringView("3f2504e0-4f89-41d3-9a0c-0305e82c3301")));
        QCOMPARE(reader.requireTime(u"at"), QDateTime(QDate(2026, 11, 23), QTime(10, 15, 30, 123), Qt::UTC));
        QCOMPARE(reader.requireEnum<UserRole>(u"role"), UserRole::Admin);
        QCOMPARE(reader.requireBool(u"flag"), true);
        QCOMPARE(reader.requireUuidArray(u"ids").size(), 2);
        QVERIFY(reader.ok());
    }

    void missingAndNull_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("missing") << QByteArray("{}");
        QTest::newRow("null") << QByteArray("{\"v\": null}");
    }

    // Optional readers give nothing for a missing key or null; required ones name the field.
    void missingAndNull()
    {
        QFETCH(QByteArray, json);
        const QJsonObject object = parseJson(json);
        {
            JsonReader reader(object);
            QCOMPARE(reader.optionalString(u"v"), std::nullopt);
            QCOMPARE(reader.optionalUuid(u"v"), std::nullopt);
            QCOMPARE(reader.optionalTime(u"v"), std::nullopt);
            QCOMPARE(reader.optionalInt(u"v", 0, 10), std::nullopt);
            QCOMPARE(reader.optionalBool(u"v"), std::nullopt);
            QCOMPARE(reader.optionalEnum<MessageType>(u"v"), std::nullopt);
            QCOMPARE(reader.optionalUuidArray(u"v"), std::nullopt);
            QCOMPARE(reader.optionalObject(u"v"), std::nullopt);
            bool called = false;
            reader.optionalObjectArray(u"v", 10, [&called](JsonReader &) { called = true; });
            QVERIFY(!called);
            QVERIFY(!reader.has(u"v"));
            QVERIFY(reader.ok());
        }
        JsonReader reader(object);
        QCOMPARE(reader.requireString(u"v"), QString());
        const QString expectedReason
            = object.contains(u"v") ? QStringLiteral("expected a string") : QStringLiteral("is required");
        QCOMPARE(errorText(reader), (DecodeError {QStringLiteral("v"), expectedReason}).message());
    }

    void firstErrorWins()
    {
        JsonReader reader(parseJson(R"({"a": 1, "b": "x", "c": "y"})"));
        QCOMPARE(reader.requireString(u"a"), QString());
        QCOMPARE(reader.requireString(u"b"), QString()); // valid, but readers stop after an error
        reader.requireInt(u"c", 0, 10);
        reader.fail(u"d", QStringLiteral("custom"));
        QCOMPARE(reader.error()->message(), QStringLiteral("a: expected a string"));
    }

    void customRuleFailure()
    {
        JsonReader reader(parseJson(R"({"content": ""})"));
        QVERIFY(reader.has(u"content"));
        const QString content = reader.requireString(u"content");
        QVERIFY(reader.ok());
        if (content.isEmpty())
            reader.fail(u"content", QStringLiteral("must not be empty without attachments"));
        QCOMPARE(reader.error()->message(), QStringLiteral("content: must not be empty without attachments"));
    }

    void nestedPaths_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("object field") << QByteArray(R"({"user": {"name": 5}, "items": []})")
                                      << QStringLiteral("user.name") << QStringLiteral("expected a string");
        QTest::newRow("object missing")
            << QByteArray(R"({"items": []})") << QStringLiteral("user") << QStringLiteral("is required");
        QTest::newRow("object wrong type") << QByteArray(R"({"user": [], "items": []})")
                                           << QStringLiteral("user") << QStringLiteral("expected an object");
        QTest::newRow("array element field")
            << QByteArray(R"({"user": {"name": "a"}, "items": [{"size": 1}, {"size": 2}, {"size": -3}]})")
            << QStringLiteral("items[2].size") << QStringLiteral("expected a non-negative integer");
        QTest::newRow("array element not object")
            << QByteArray(R"({"user": {"name": "a"}, "items": [{"size": 1}, 7]})")
            << QStringLiteral("items[1]") << QStringLiteral("expected an object");
        QTest::newRow("array too long")
            << QByteArray(R"({"user": {"name": "a"}, "items": [{}, {}, {}, {}]})") << QStringLiteral("items")
            << QStringLiteral("must have at most 3 items");
        QTest::newRow("array wrong type") << QByteArray(R"({"user": {"name": "a"}, "items": {}})")
                                          << QStringLiteral("items") << QStringLiteral("expected an array");
        QTest::newRow("array element missing field")
            << QByteArray(R"({"user": {"name": "a"}, "items": [{}]})") << QStringLiteral("items[0].size")
            << QStringLiteral("is required");
    }

    void nestedPaths()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        JsonReader reader(parseJson(json));
        reader.requireObject(u"user", [](JsonReader &user) {
            QCOMPARE(user.fieldPath(u"name"), QStringLiteral("user.name"));
            user.requireString(u"name");
        });
        QList<qint64> sizes;
        reader.requireObjectArray(u"items", 3,
            [&sizes](JsonReader &item) { sizes.append(item.requireInt(u"size", 0, kMaxSafeInteger)); });
        QVERIFY(!reader.ok());
        QCOMPARE(errorText(reader), (DecodeError {field, reason}).message());
    }

    void nestedValuesAreRead()
    {
        JsonReader reader(parseJson(R"({"user": {"name": "a"}, "items": [{"size": 1}, {"size": 2}]})"));
        QString name;
        reader.requireObject(u"user", [&name](JsonReader &user) { name = user.requireString(u"name"); });
        QList<qint64> sizes;
        reader.requireObjectArray(
            u"items", 3, [&sizes](JsonReader &item) { sizes.append(item.requireInt(u"size", 0, 100)); });
        QVERIFY(reader.ok());
        QCOMPARE(name, QStringLiteral("a"));
        QCOMPARE(sizes, (QList<qint64> {1, 2}));
    }

    void uuidArrayElementPath_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("bad element") << QByteArray(
            R"({"ids": ["3f2504e0-4f89-41d3-9a0c-0305e82c3301", "x"]})")
                                     << QStringLiteral("ids[1]") << QStringLiteral("expected a UUID");
        QTest::newRow("nil element") << QByteArray(R"({"ids": ["00000000-0000-0000-0000-000000000000"]})")
                                     << QStringLiteral("ids[0]")
                                     << QStringLiteral("must not be the nil UUID");
        QTest::newRow("null element") << QByteArray(R"({"ids": [null]})") << QStringLiteral("ids[0]")
                                      << QStringLiteral("expected a UUID");
        QTest::newRow("too many") << QByteArray(R"({"ids": ["3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            "3f2504e0-4f89-41d3-9a0c-0305e82c3302", "3f2504e0-4f89-41d3-9a0c-0305e82c3303"]})")
                                  << QStringLiteral("ids") << QStringLiteral("must have at most 2 items");
    }

    void uuidArrayElementPath()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        JsonReader reader(parseJson(json));
        QVERIFY(reader.requireUuidArray(u"ids", 2).isEmpty());
        QCOMPARE(errorText(reader), (DecodeError {field, reason}).message());
    }

    void parseObject_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reasonStart"); // empty: accepted
        QTest::newRow("object") << QByteArray(R"({"a": 1})") << QString();
        QTest::newRow("empty object") << QByteArray("{}") << QString();
        QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("expected a JSON object");
        QTest::newRow("empty body") << QByteArray() << QStringLiteral("malformed JSON: ");
        QTest::newRow("truncated") << QByteArray(R"({"a": )") << QStringLiteral("malformed JSON: ");
        QTest::newRow("trailing garbage")
            << QByteArray(R"({"a": 1} x)") << QStringLiteral("malformed JSON: ");
        QTest::newRow("not utf-8 json") << QByteArray("\xff\xfe{") << QStringLiteral("malformed JSON: ");
        QTest::newRow("too deeply nested") << QByteArray(QByteArray(5000, '[') + QByteArray(5000, ']'))
                                           << QStringLiteral("malformed JSON: ");
    }

    void parseObject()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reasonStart);
        const auto parsed = JsonReader::parseObject(body);
        if (reasonStart.isEmpty()) {
            QVERIFY(parsed.ok());
            QCOMPARE(parsed.value(), QJsonDocument::fromJson(body).object());
        } else {
            QVERIFY(!parsed.ok());
            QCOMPARE(parsed.error().field, QString());
            QVERIFY2(parsed.error().reason.startsWith(reasonStart), qPrintable(parsed.error().reason));
        }
    }

    void decodeErrorMessage()
    {
        QCOMPARE((DecodeError {QStringLiteral("attachments[2].size"),
                      QStringLiteral("expected a non-negative integer")})
                     .message(),
            QStringLiteral("attachments[2].size: expected a non-negative integer"));
        QCOMPARE((DecodeError {QString(), QStringLiteral("expected a JSON object")}).message(),
            QStringLiteral("expected a JSON object"));
    }

    void unknownKeysAreIgnored()
    {
        JsonReader reader(parseJson(R"({"a": "x", "__proto__": {"b": 1}, "extra": [1, 2, 3]})"));
        QCOMPARE(reader.requireString(u"a"), QStringLiteral("x"));
        QVERIFY(reader.ok());
    }
};

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
