#include "common/model/conversation.h"
#include "common/model/limits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "tests/support/modeltestdata.h"

using namespace vw::model;

Q_DECLARE_METATYPE(vw::model::Conversation)

using vw::test::kTimeReason;
using vw::test::parseJson;
using vw::test::utc;
using vw::test::uuid;

namespace {

Conversation pair()
{
    Conversation conversation;
    conversation.id = uuid("11111111-2222-4333-8444-555555555555");
    conversation.patientId = uuid("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d");
    conversation.providerId = uuid("6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10");
    conversation.participantIds = {*conversation.patientId, *conversation.providerId};
    conversation.lastMessagePreview = QStringLiteral("Your readings look good");
    conversation.lastMessageAt = utc(2026, 11, 23, 10, 15, 30, 123);
    conversation.unreadCount = 2;
    conversation.createdAt = utc(2026, 11, 1, 8, 0, 0, 0);
    conversation.metadata = QJsonObject {{QStringLiteral("tags"), QJsonArray {QStringLiteral("bp")}}};
    return conversation;
}

Conversation group()
{
    Conversation conversation;
    conversation.id = uuid("99999999-8888-4777-8666-555555555555");
    conversation.participantIds = {uuid("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"),
        uuid("6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10"), uuid("7a7a7a7a-7a7a-4a7a-8a7a-7a7a7a7a7a7a")};
    conversation.title = QStringLiteral("Cardiology care team");
    conversation.createdAt = utc(2026, 11, 2, 9, 30, 0, 500);
    return conversation;
}

QJsonObject pairJson()
{
    return parseJson(R"({"id": "11111111-2222-4333-8444-555555555555",
        "patientId": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "providerId": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
        "participantIds": ["a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10"],
        "title": null, "lastMessagePreview": "Your readings look good", "lastMessageAt": "2026-11-23T10:15:30.123Z",
        "unreadCount": 2, "createdAt": "2026-11-01T08:00:00.000Z", "metadata": {"tags": ["bp"]}})");
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

// Checks the Conversation codec: pairs and groups in API.md's shape, nulls, round trips and
// the field path of bad input, participant indices included.
class TestConversation : public QObject
{
    Q_OBJECT
private slots:
    void encode_data()
    {
        QTest::addColumn<Conversation>("conversation");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("pair") << pair() << QByteArray(R"({"id": "11111111-2222-4333-8444-555555555555",
            "patientId": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "providerId": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
            "participantIds": ["a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10"],
            "title": null, "lastMessagePreview": "Your readings look good", "lastMessageAt": "2026-11-23T10:15:30.123Z",
            "unreadCount": 2, "createdAt": "2026-11-01T08:00:00.000Z", "metadata": {"tags": ["bp"]}})");
        QTest::newRow("new group") << group() << QByteArray(R"({"id": "99999999-8888-4777-8666-555555555555",
            "patientId": null, "providerId": null,
            "participantIds": ["a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
                               "7a7a7a7a-7a7a-4a7a-8a7a-7a7a7a7a7a7a"],
            "title": "Cardiology care team", "lastMessagePreview": null, "lastMessageAt": null,
            "unreadCount": 0, "createdAt": "2026-11-02T09:30:00.500Z", "metadata": {}})");
    }

    void encode()
    {
        QFETCH(Conversation, conversation);
        QFETCH(QByteArray, expected);
        const QJsonObject expectedObject = parseJson(expected);
        QCOMPARE(expectedObject.size(), 10);
        QCOMPARE(toJson(conversation), expectedObject);
    }

    void roundTrip_data()
    {
        QTest::addColumn<Conversation>("conversation");
        QTest::newRow("pair") << pair();
        QTest::newRow("group") << group();
        Conversation emptyPreview = pair();
        emptyPreview.lastMessagePreview = QString(); // present but empty, not null
        emptyPreview.title = QStringLiteral("");
        QTest::newRow("empty strings stay strings") << emptyPreview;
    }

    void roundTrip()
    {
        QFETCH(Conversation, conversation);
        const auto decoded = conversationFromJson(toJson(conversation));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message()));
        QCOMPARE(decoded.value(), conversation);
        QCOMPARE(decoded->title.has_value(), conversation.title.has_value());
        QCOMPARE(decoded->lastMessagePreview.has_value(), conversation.lastMessagePreview.has_value());
    }

    void badInput_data()
    {
        QTest::addColumn<QJsonObject>("input");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const QJsonObject good = pairJson();
        const auto row
            = [](const char *name, const QJsonObject &input, const char *field, const QString &reason) {
                  QTest::newRow(name) << input << QString::fromLatin1(field) << reason;
              };
        row("id missing", without(good, QStringLiteral("id")), "id", QStringLiteral("is required"));
        row("patientId bad", with(good, QStringLiteral("patientId"), QStringLiteral("nobody")), "patientId",
            QStringLiteral("expected a UUID"));
        row("providerId number", with(good, QStringLiteral("providerId"), 3), "providerId",
            QStringLiteral("expected a UUID"));
        row("participantIds missing", without(good, QStringLiteral("participantIds")), "participantIds",
            QStringLiteral("is required"));
        row("participantIds string", with(good, QStringLiteral("participantIds"), QStringLiteral("a,b")),
            "participantIds", QStringLiteral("expected an array"));
        row("participantIds element",
            with(good, QStringLiteral("participantIds"),
                QJsonArray {QStringLiteral("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"), QStringLiteral("x")}),
            "participantIds[1]", QStringLiteral("expected a UUID"));
        QJsonArray crowd;
        for (int i = 0; i <= kMaxParticipants; ++i)
            crowd.append(QStringLiteral("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"));
        row("participantIds too many", with(good, QStringLiteral("participantIds"), crowd), "participantIds",
            QStringLiteral("must have at most 1000 items"));
        row("title number", with(good, QStringLiteral("title"), 1), "title",
            QStringLiteral("expected a string"));
        row("title too long", with(good, QStringLiteral("title"), QString(201, QLatin1Char('t'))), "title",
            QStringLiteral("must be at most 200 characters"));
        row("lastMessagePreview object", with(good, QStringLiteral("lastMessagePreview"), QJsonObject()),
            "lastMessagePreview", QStringLiteral("expected a string"));
        row("lastMessageAt no zone",
            with(good, QStringLiteral("lastMessageAt"), QStringLiteral("2026-11-23T10:15:30.123")),
            "lastMessageAt", kTimeReason);
        row("unreadCount negative", with(good, QStringLiteral("unreadCount"), -1), "unreadCount",
            QStringLiteral("expected a non-negative integer"));
        row("unreadCount fraction", with(good, QStringLiteral("unreadCount"), 0.5), "unreadCount",
            QStringLiteral("expected a non-negative integer"));
        row("unreadCount missing", without(good, QStringLiteral("unreadCount")), "unreadCount",
            QStringLiteral("is required"));
        row("createdAt null", with(good, QStringLiteral("createdAt"), QJsonValue::Null), "createdAt",
            kTimeReason);
        row("createdAt missing", without(good, QStringLiteral("createdAt")), "createdAt",
            QStringLiteral("is required"));
        row("metadata array", with(good, QStringLiteral("metadata"), QJsonArray()), "metadata",
            QStringLiteral("expected an object"));
        row("metadata string", with(good, QStringLiteral("metadata"), QStringLiteral("{}")), "metadata",
            QStringLiteral("expected an object"));
    }

    void badInput()
    {
        QFETCH(QJsonObject, input);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const auto decoded = conversationFromJson(input);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().field, field);
        QCOMPARE(decoded.error().reason, reason);
    }

    void absentNullablesDecodeAsNull()
    {
        QJsonObject input = pairJson();
        for (const char *key :
            {"patientId", "providerId", "title", "lastMessagePreview", "lastMessageAt", "metadata"})
            input.remove(QLatin1StringView(key));
        input.insert(QStringLiteral("encryptionKeyId"), QStringLiteral("ignored"));
        const auto decoded = conversationFromJson(input);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->patientId, std::nullopt);
        QCOMPARE(decoded->providerId, std::nullopt);
        QCOMPARE(decoded->title, std::nullopt);
        QCOMPARE(decoded->lastMessagePreview, std::nullopt);
        QCOMPARE(decoded->lastMessageAt, std::nullopt);
        QCOMPARE(decoded->metadata, QJsonObject());
        QCOMPARE(decoded->participantIds.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestConversation)
#include "tst_conversation.moc"
