#include "common/model/jsonreader.h"
#include "common/model/user.h"

#include <QJsonDocument>
#include <QTest>

#include "tests/support/modeltestdata.h"

using namespace vw::model;

Q_DECLARE_METATYPE(vw::model::User)

using vw::test::kTimeReason;
using vw::test::parseJson;
using vw::test::utc;
using vw::test::uuid;

namespace {

User provider()
{
    User user;
    user.id = uuid("6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10");
    user.username = QStringLiteral("dr.okafor");
    user.displayName = QStringLiteral("Dr. Ada Okafor");
    user.role = UserRole::Provider;
    user.online = false;
    user.lastSeenAt = utc(2026, 11, 23, 10, 15, 30, 123);
    return user;
}

QJsonObject providerJson()
{
    return parseJson(R"({"id": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10", "username": "dr.okafor",
        "displayName": "Dr. Ada Okafor", "role": "provider", "online": false,
        "lastSeenAt": "2026-11-23T10:15:30.123Z"})");
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    object.insert(key, value);
    return object;
}

QJsonObject without(QJsonObject object, const QString &key)
{
    object.remove(key);
    return object;
}

} // namespace

// Checks the User codec against API.md's shape: encoding, round trips and the field path of
// every kind of bad input.
class TestUser : public QObject
{
    Q_OBJECT
private slots:
    void encode_data()
    {
        QTest::addColumn<User>("user");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("provider, seen")
            << provider() << QByteArray(R"({"id": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
            "username": "dr.okafor", "displayName": "Dr. Ada Okafor", "role": "provider", "online": false,
            "lastSeenAt": "2026-11-23T10:15:30.123Z"})");

        User patient;
        patient.id = uuid("A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D"); // encoded lower-case
        patient.username = QStringLiteral("jane");
        patient.displayName = QStringLiteral("Jane Doe");
        patient.role = UserRole::Patient;
        patient.online = true;
        QTest::newRow("patient online, never seen")
            << patient << QByteArray(R"({"id": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
            "username": "jane", "displayName": "Jane Doe", "role": "patient", "online": true, "lastSeenAt": null})");

        User admin = provider();
        admin.role = UserRole::Admin;
        admin.lastSeenAt = QDateTime(QDate(2026, 11, 23), QTime(12, 15, 30, 5), Qt::OffsetFromUTC, 2 * 3600);
        QTest::newRow("admin, local time converted")
            << admin << QByteArray(R"({"id": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
            "username": "dr.okafor", "displayName": "Dr. Ada Okafor", "role": "admin", "online": false,
            "lastSeenAt": "2026-11-23T10:15:30.005Z"})");
    }

    void encode()
    {
        QFETCH(User, user);
        QFETCH(QByteArray, expected);
        const QJsonObject expectedObject = parseJson(expected);
        QCOMPARE(expectedObject.size(), 6); // the hand-written text itself parsed
        QCOMPARE(toJson(user), expectedObject);
    }

    void roundTrip_data()
    {
        QTest::addColumn<User>("user");
        QTest::newRow("provider") << provider();
        User never = provider();
        never.lastSeenAt.reset();
        never.online = true;
        QTest::newRow("never seen") << never;
        User empty = provider();
        empty.displayName.clear();
        empty.role = UserRole::Admin;
        QTest::newRow("empty display name") << empty;
    }

    void roundTrip()
    {
        QFETCH(User, user);
        const auto decoded = userFromJson(toJson(user));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message()));
        QCOMPARE(decoded.value(), user);
    }

    void badInput_data()
    {
        QTest::addColumn<QJsonObject>("input");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const QJsonObject good = providerJson();
        const auto row
            = [](const char *name, const QJsonObject &input, const char *field, const QString &reason) {
                  QTest::newRow(name) << input << QString::fromLatin1(field) << reason;
              };
        row("empty object", QJsonObject(), "id", QStringLiteral("is required"));
        row("id missing", without(good, QStringLiteral("id")), "id", QStringLiteral("is required"));
        row("id not uuid", with(good, QStringLiteral("id"), QStringLiteral("42")), "id",
            QStringLiteral("expected a UUID"));
        row("id braces",
            with(good, QStringLiteral("id"), QStringLiteral("{6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10}")), "id",
            QStringLiteral("expected a UUID"));
        row("id number", with(good, QStringLiteral("id"), 42), "id", QStringLiteral("expected a UUID"));
        row("id nil",
            with(good, QStringLiteral("id"), QStringLiteral("00000000-0000-0000-0000-000000000000")), "id",
            QStringLiteral("must not be the nil UUID"));
        row("username missing", without(good, QStringLiteral("username")), "username",
            QStringLiteral("is required"));
        row("username number", with(good, QStringLiteral("username"), 7), "username",
            QStringLiteral("expected a string"));
        row("username empty", with(good, QStringLiteral("username"), QString()), "username",
            QStringLiteral("must not be empty"));
        row("username too long", with(good, QStringLiteral("username"), QString(65, QLatin1Char('u'))),
            "username", QStringLiteral("must be at most 64 characters"));
        row("displayName null", with(good, QStringLiteral("displayName"), QJsonValue::Null), "displayName",
            QStringLiteral("expected a string"));
        row("displayName too long", with(good, QStringLiteral("displayName"), QString(129, QLatin1Char('d'))),
            "displayName", QStringLiteral("must be at most 128 characters"));
        row("role capitalised", with(good, QStringLiteral("role"), QStringLiteral("Provider")), "role",
            QStringLiteral("expected one of: patient, provider, admin"));
        row("role unknown", with(good, QStringLiteral("role"), QStringLiteral("doctor")), "role",
            QStringLiteral("expected one of: patient, provider, admin"));
        row("online string", with(good, QStringLiteral("online"), QStringLiteral("true")), "online",
            QStringLiteral("expected a boolean"));
        row("online missing", without(good, QStringLiteral("online")), "online",
            QStringLiteral("is required"));
        row("lastSeenAt date only", with(good, QStringLiteral("lastSeenAt"), QStringLiteral("2026-11-23")),
            "lastSeenAt", kTimeReason);
        row("lastSeenAt number", with(good, QStringLiteral("lastSeenAt"), 1795428930123.0), "lastSeenAt",
            kTimeReason);
        row("first bad field wins",
            with(with(good, QStringLiteral("role"), QStringLiteral("x")), QStringLiteral("username"), 1),
            "username", QStringLiteral("expected a string"));
    }

    void badInput()
    {
        QFETCH(QJsonObject, input);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const auto decoded = userFromJson(input);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().field, field);
        QCOMPARE(decoded.error().reason, reason);
    }

    void lenientWhereHarmless()
    {
        QJsonObject input = without(providerJson(), QStringLiteral("lastSeenAt"));
        input.insert(QStringLiteral("avatarUrl"), QStringLiteral("ignored"));
        input.insert(QStringLiteral("id"), QStringLiteral("6F1C2A5E-8D3B-4C7A-9E21-0B5D4F3A2C10"));
        const auto decoded = userFromJson(input);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->id, provider().id);
        QCOMPARE(decoded->lastSeenAt, std::nullopt);
    }

    void embeddedUserNamesItsPath()
    {
        JsonReader reader(
            parseJson(R"({"accessToken": "t", "user": {"id": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
            "username": "dr.okafor", "displayName": "D", "role": "nurse", "online": false}})"));
        reader.requireObject(u"user", [](JsonReader &nested) { readUser(nested); });
        QVERIFY(!reader.ok());
        QCOMPARE(reader.error()->field, QStringLiteral("user.role"));
    }
};

QTEST_GUILESS_MAIN(TestUser)
#include "tst_user.moc"
