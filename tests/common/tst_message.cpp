#include "common/model/message.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "tests/support/modeltestdata.h"

using namespace vw::model;

Q_DECLARE_METATYPE(vw::model::Message)

using vw::test::kTimeReason;
using vw::test::parseJson;
using vw::test::utc;
using vw::test::uuid;

namespace {

Attachment attachment(const char *id, const char *fileName)
{
    Attachment result;
    result.id = uuid(id);
    result.fileName = QString::fromLatin1(fileName);
    result.mimeType = QStringLiteral("image/png");
    result.size = 1024;
    result.sha256 = QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    result.scanStatus = ScanStatus::Clean;
    return result;
}

Message text()
{
    Message message;
    message.id = uuid("0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d");
    message.conversationId = uuid("11111111-2222-4333-8444-555555555555");
    message.senderId = uuid("6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10");
    message.type = MessageType::Text;
    message.content = QStringLiteral("Your readings look good");
    message.status = MessageStatus::Sent;
    message.priority = MessagePriority::Normal;
    message.createdAt = utc(2026, 11, 23, 10, 15, 30, 123);
    return message;
}

Message readImageReply()
{
    Message message = text();
    message.type = MessageType::Image;
    message.content = QString::fromUtf8("Photo of the morning reading \xf0\x9f\x93\x88");
    message.status = MessageStatus::Read;
    message.priority = MessagePriority::Urgent;
    message.replyToId = uuid("ffffffff-eeee-4ddd-8ccc-bbbbbbbbbbbb");
    message.attachments = {attachment("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "bp.png"),
        attachment("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e70", "bp2.png")};
    message.deliveredAt = utc(2026, 11, 23, 10, 15, 31, 0);
    message.readAt = utc(2026, 11, 23, 10, 20, 0, 999);
    message.clientMessageId = QStringLiteral("client-42");
    message.metadata = QJsonObject {{QStringLiteral("mentions"), QJsonArray()}};
    return message;
}

Message softDeleted()
{
    Message message = readImageReply();
    message.content.clear();
    message.attachments.clear();
    message.deletedAt = utc(2026, 11, 24, 0, 0, 0, 1);
    return message;
}

// Three attachments so that errors can name attachments[2].
QJsonObject messageJson()
{
    return parseJson(R"({"id": "0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d",
        "conversationId": "11111111-2222-4333-8444-555555555555", "senderId": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
        "type": "file", "content": "", "status": "delivered", "priority": "normal", "replyToId": null,
        "attachments": [
          {"id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e61", "fileName": "a.pdf", "mimeType": "application/pdf",
           "size": 1, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "scanStatus": "clean"},
          {"id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e62", "fileName": "b.pdf", "mimeType": "application/pdf",
           "size": 2, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "scanStatus": "clean"},
          {"id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e63", "fileName": "c.pdf", "mimeType": "application/pdf",
           "size": 3, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "scanStatus": "skipped"}],
        "createdAt": "2026-11-23T10:15:30.123Z", "deliveredAt": "2026-11-23T10:15:31.000Z", "readAt": null,
        "deletedAt": null, "clientMessageId": null, "metadata": {}})");
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

// messageJson() with one field of attachments[index] replaced (or removed when `value` is undefined).
QJsonObject withAttachmentField(int index, const QString &key, const QJsonValue &value)
{
    QJsonObject message = messageJson();
    QJsonArray attachments = message.value(QStringLiteral("attachments")).toArray();
    QJsonObject item = attachments.at(index).toObject();
    if (value.isUndefined())
        item.remove(key);
    else
        item.insert(key, value);
    attachments.replace(index, item);
    message.insert(QStringLiteral("attachments"), attachments);
    return message;
}

} // namespace

// Checks the Message codec: API.md's shape with every key present, nulls, a soft-deleted
// message, round trips and the field path of bad input down into attachments[i].
class TestMessage : public QObject
{
    Q_OBJECT
private slots:
    void encode_data()
    {
        QTest::addColumn<Message>("message");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain text") << text() << QByteArray(R"({"id": "0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d",
            "conversationId": "11111111-2222-4333-8444-555555555555", "senderId": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
            "type": "text", "content": "Your readings look good", "status": "sent", "priority": "normal",
            "replyToId": null, "attachments": [], "createdAt": "2026-11-23T10:15:30.123Z", "deliveredAt": null,
            "readAt": null, "deletedAt": null, "clientMessageId": null, "metadata": {}})");
        QTest::newRow("urgent image reply, read")
            << readImageReply() << QByteArray(R"({"id": "0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d",
            "conversationId": "11111111-2222-4333-8444-555555555555", "senderId": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
            "type": "image", "content": "Photo of the morning reading 📈", "status": "read", "priority": "urgent",
            "replyToId": "ffffffff-eeee-4ddd-8ccc-bbbbbbbbbbbb",
            "attachments": [
              {"id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "fileName": "bp.png", "mimeType": "image/png", "size": 1024,
               "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "scanStatus": "clean"},
              {"id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e70", "fileName": "bp2.png", "mimeType": "image/png", "size": 1024,
               "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "scanStatus": "clean"}],
            "createdAt": "2026-11-23T10:15:30.123Z", "deliveredAt": "2026-11-23T10:15:31.000Z",
            "readAt": "2026-11-23T10:20:00.999Z", "deletedAt": null, "clientMessageId": "client-42",
            "metadata": {"mentions": []}})");
        QTest::newRow("soft-deleted")
            << softDeleted() << QByteArray(R"({"id": "0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d",
            "conversationId": "11111111-2222-4333-8444-555555555555", "senderId": "6f1c2a5e-8d3b-4c7a-9e21-0b5d4f3a2c10",
            "type": "image", "content": "", "status": "read", "priority": "urgent",
            "replyToId": "ffffffff-eeee-4ddd-8ccc-bbbbbbbbbbbb", "attachments": [],
            "createdAt": "2026-11-23T10:15:30.123Z", "deliveredAt": "2026-11-23T10:15:31.000Z",
            "readAt": "2026-11-23T10:20:00.999Z", "deletedAt": "2026-11-24T00:00:00.001Z", "clientMessageId": "client-42",
            "metadata": {"mentions": []}})");
    }

    void encode()
    {
        QFETCH(Message, message);
        QFETCH(QByteArray, expected);
        const QJsonObject expectedObject = parseJson(expected);
        QCOMPARE(expectedObject.size(), 15);
        QCOMPARE(toJson(message), expectedObject);
    }

    void roundTrip_data()
    {
        QTest::addColumn<Message>("message");
        QTest::newRow("plain text, nulls") << text();
        QTest::newRow("everything set") << readImageReply();
        QTest::newRow("soft-deleted") << softDeleted();
        Message system = text();
        system.type = MessageType::System;
        system.status = MessageStatus::Delivered;
        system.content = QStringLiteral("Dr. Okafor joined the conversation");
        QTest::newRow("system") << system;
    }

    void roundTrip()
    {
        QFETCH(Message, message);
        const auto decoded = messageFromJson(toJson(message));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message()));
        QCOMPARE(decoded.value(), message);
    }

    // The send path writes a message's JSON directly; it must be the very text QJsonDocument
    // writes for toJson(message), since both reach clients (message:new, history pages).
    void jsonTextIsWhatQJsonDocumentWrites_data()
    {
        QTest::addColumn<Message>("message");
        QTest::newRow("plain text, nulls") << text();
        QTest::newRow("everything set") << readImageReply();
        QTest::newRow("soft-deleted") << softDeleted();
        Message tricky = readImageReply();
        tricky.content = QStringLiteral("quote \" backslash \\ slash / tab \t newline \n return \r "
                                        "bell \a form \f back \b nul-ish \x01 \x1f del \x7f "
                                        "caf\u00e9 \u4e2d\u6587 \u2028 \U0001F489 end");
        tricky.content += QChar(0xd83d); // a lone high surrogate
        tricky.content += QStringLiteral(" and ") + QChar(0xdc89) + QStringLiteral(" a lone low one");
        tricky.clientMessageId = QStringLiteral("client \"7\" \u00e9");
        tricky.metadata
            = QJsonObject {{QStringLiteral("z"), 1.5}, {QStringLiteral("a"), QJsonArray {true, QJsonValue()}},
                {QStringLiteral("nested"), QJsonObject {{QStringLiteral("k"), QStringLiteral("v\n")}}}};
        QTest::newRow("escapes, surrogates, metadata") << tricky;
        Message empty = text();
        empty.content.clear();
        empty.createdAt = QDateTime();
        QTest::newRow("empty content, invalid time") << empty;
    }

    void jsonTextIsWhatQJsonDocumentWrites()
    {
        QFETCH(Message, message);
        QCOMPARE(toJsonText(message), QJsonDocument(toJson(message)).toJson(QJsonDocument::Compact));
    }

    void softDeletedDecodes()
    {
        const auto decoded = messageFromJson(toJson(softDeleted()));
        QVERIFY(decoded.ok());
        QVERIFY(decoded->content.isEmpty());
        QVERIFY(decoded->attachments.isEmpty());
        QCOMPARE(decoded->deletedAt, std::optional<QDateTime>(utc(2026, 11, 24, 0, 0, 0, 1)));
    }

    void badInput_data()
    {
        QTest::addColumn<QJsonObject>("input");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const QJsonObject good = messageJson();
        const auto row
            = [](const char *name, const QJsonObject &input, const char *field, const QString &reason) {
                  QTest::newRow(name) << input << QString::fromLatin1(field) << reason;
              };
        row("id missing", without(good, QStringLiteral("id")), "id", QStringLiteral("is required"));
        row("conversationId bad",
            with(good, QStringLiteral("conversationId"), QStringLiteral("11111111-2222-4333-8444")),
            "conversationId", QStringLiteral("expected a UUID"));
        row("senderId null", with(good, QStringLiteral("senderId"), QJsonValue::Null), "senderId",
            QStringLiteral("expected a UUID"));
        row("type upper-case", with(good, QStringLiteral("type"), QStringLiteral("TEXT")), "type",
            QStringLiteral("expected one of: text, image, file, system"));
        row("type missing", without(good, QStringLiteral("type")), "type", QStringLiteral("is required"));
        row("content missing", without(good, QStringLiteral("content")), "content",
            QStringLiteral("is required"));
        row("content null", with(good, QStringLiteral("content"), QJsonValue::Null), "content",
            QStringLiteral("expected a string"));
        row("content array", with(good, QStringLiteral("content"), QJsonArray {QStringLiteral("hi")}),
            "content", QStringLiteral("expected a string"));
        row("content too long", with(good, QStringLiteral("content"), QString(1'000'001, QLatin1Char('x'))),
            "content", QStringLiteral("must be at most 1000000 characters"));
        row("status unknown", with(good, QStringLiteral("status"), QStringLiteral("seen")), "status",
            QStringLiteral("expected one of: sent, delivered, read"));
        row("priority unknown", with(good, QStringLiteral("priority"), QStringLiteral("high")), "priority",
            QStringLiteral("expected one of: normal, urgent"));
        row("replyToId bad", with(good, QStringLiteral("replyToId"), QStringLiteral("")), "replyToId",
            QStringLiteral("expected a UUID"));
        row("attachments missing", without(good, QStringLiteral("attachments")), "attachments",
            QStringLiteral("is required"));
        row("attachments object", with(good, QStringLiteral("attachments"), QJsonObject()), "attachments",
            QStringLiteral("expected an array"));
        row("attachment id missing", withAttachmentField(0, QStringLiteral("id"), QJsonValue::Undefined),
            "attachments[0].id", QStringLiteral("is required"));
        row("attachment size negative", withAttachmentField(2, QStringLiteral("size"), -5),
            "attachments[2].size", QStringLiteral("expected a non-negative integer"));
        row("attachment size fraction", withAttachmentField(2, QStringLiteral("size"), 2.5),
            "attachments[2].size", QStringLiteral("expected a non-negative integer"));
        row("attachment scan status",
            withAttachmentField(1, QStringLiteral("scanStatus"), QStringLiteral("infected")),
            "attachments[1].scanStatus", QStringLiteral("expected one of: clean, skipped"));
        row("attachment sha256", withAttachmentField(1, QStringLiteral("sha256"), QStringLiteral("abc")),
            "attachments[1].sha256", QStringLiteral("expected 64 hex digits"));
        row("attachment element is a number", with(good, QStringLiteral("attachments"), QJsonArray {5}),
            "attachments[0]", QStringLiteral("expected an object"));
        row("createdAt bad",
            with(good, QStringLiteral("createdAt"), QStringLiteral("2026-11-23T10:15:30.123+0200")),
            "createdAt", kTimeReason);
        row("deliveredAt number", with(good, QStringLiteral("deliveredAt"), 0), "deliveredAt", kTimeReason);
        row("readAt date only", with(good, QStringLiteral("readAt"), QStringLiteral("2026-11-23")), "readAt",
            kTimeReason);
        row("deletedAt garbage", with(good, QStringLiteral("deletedAt"), QStringLiteral("yesterday")),
            "deletedAt", kTimeReason);
        row("clientMessageId empty", with(good, QStringLiteral("clientMessageId"), QString()),
            "clientMessageId", QStringLiteral("must not be empty"));
        row("clientMessageId too long",
            with(good, QStringLiteral("clientMessageId"), QString(129, QLatin1Char('c'))), "clientMessageId",
            QStringLiteral("must be at most 128 characters"));
        row("clientMessageId number", with(good, QStringLiteral("clientMessageId"), 42), "clientMessageId",
            QStringLiteral("expected a string"));
        row("metadata array", with(good, QStringLiteral("metadata"), QJsonArray()), "metadata",
            QStringLiteral("expected an object"));
    }

    void badInput()
    {
        QFETCH(QJsonObject, input);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const auto decoded = messageFromJson(input);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().field, field);
        QCOMPARE(decoded.error().reason, reason);
    }

    void goodFixtureDecodes()
    {
        const auto decoded = messageFromJson(messageJson());
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message()));
        QCOMPARE(decoded->type, MessageType::File);
        QCOMPARE(decoded->status, MessageStatus::Delivered);
        QCOMPARE(decoded->attachments.size(), 3);
        QCOMPARE(decoded->attachments.at(2).size, 3);
        QCOMPARE(decoded->attachments.at(2).scanStatus, ScanStatus::Skipped);
        QCOMPARE(decoded->readAt, std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
