#include "common/model/attachment.h"
#include "common/model/limits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "tests/support/modeltestdata.h"

using namespace vw::model;

Q_DECLARE_METATYPE(vw::model::Attachment)

using vw::test::kTimeReason;
using vw::test::parseJson;
using vw::test::utc;
using vw::test::uuid;

namespace {

const QString kSha = QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

Attachment scan()
{
    Attachment attachment;
    attachment.id = QUuid::fromString(QLatin1StringView("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"));
    attachment.fileName = QStringLiteral("ecg-2026-11-23.pdf");
    attachment.mimeType = QStringLiteral("application/pdf");
    attachment.size = 48213;
    attachment.sha256 = kSha;
    attachment.scanStatus = ScanStatus::Clean;
    return attachment;
}

QJsonObject scanJson()
{
    return parseJson(R"({"id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "fileName": "ecg-2026-11-23.pdf",
        "mimeType": "application/pdf", "size": 48213,
        "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "scanStatus": "clean"})");
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

// Checks the Attachment codec: API.md's shape, round trips, and bad sizes, hashes and names.
class TestAttachment : public QObject
{
    Q_OBJECT
private slots:
    void encode_data()
    {
        QTest::addColumn<Attachment>("attachment");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("clean pdf") << scan() << QByteArray(R"({"id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
            "fileName": "ecg-2026-11-23.pdf", "mimeType": "application/pdf", "size": 48213,
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "scanStatus": "clean"})");
        Attachment empty = scan();
        empty.size = 0;
        empty.scanStatus = ScanStatus::Skipped;
        empty.fileName = QString::fromUtf8("r\xc3\xa9sum\xc3\xa9.txt");
        empty.mimeType = QStringLiteral("text/plain");
        QTest::newRow("empty, unscanned, unicode name")
            << empty << QByteArray(R"({"id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
            "fileName": "résumé.txt", "mimeType": "text/plain", "size": 0,
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "scanStatus": "skipped"})");
    }

    void encode()
    {
        QFETCH(Attachment, attachment);
        QFETCH(QByteArray, expected);
        const QJsonObject expectedObject = parseJson(expected);
        QCOMPARE(expectedObject.size(), 6);
        QCOMPARE(toJson(attachment), expectedObject);
    }

    void roundTrip_data()
    {
        QTest::addColumn<Attachment>("attachment");
        QTest::newRow("clean") << scan();
        Attachment big = scan();
        big.size = 50LL * 1024 * 1024;
        big.scanStatus = ScanStatus::Skipped;
        QTest::newRow("50 MiB skipped") << big;
        Attachment largest = scan();
        largest.size = kMaxSafeInteger;
        QTest::newRow("largest exact size") << largest;
    }

    void roundTrip()
    {
        QFETCH(Attachment, attachment);
        const auto decoded = attachmentFromJson(toJson(attachment));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message()));
        QCOMPARE(decoded.value(), attachment);
    }

    void badInput_data()
    {
        QTest::addColumn<QJsonObject>("input");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const QJsonObject good = scanJson();
        const QString size = QStringLiteral("expected a non-negative integer");
        const QString hex = QStringLiteral("expected 64 hex digits");
        const auto row
            = [](const char *name, const QJsonObject &input, const char *field, const QString &reason) {
                  QTest::newRow(name) << input << QString::fromLatin1(field) << reason;
              };
        row("id missing", without(good, QStringLiteral("id")), "id", QStringLiteral("is required"));
        row("id bad", with(good, QStringLiteral("id"), QStringLiteral("c3d4e5f6")), "id",
            QStringLiteral("expected a UUID"));
        row("fileName empty", with(good, QStringLiteral("fileName"), QString()), "fileName",
            QStringLiteral("must not be empty"));
        row("fileName too long", with(good, QStringLiteral("fileName"), QString(256, QLatin1Char('f'))),
            "fileName", QStringLiteral("must be at most 255 characters"));
        row("mimeType missing", without(good, QStringLiteral("mimeType")), "mimeType",
            QStringLiteral("is required"));
        row("mimeType array", with(good, QStringLiteral("mimeType"), QJsonArray()), "mimeType",
            QStringLiteral("expected a string"));
        row("size negative", with(good, QStringLiteral("size"), -1), "size", size);
        row("size fraction", with(good, QStringLiteral("size"), 1.5), "size", size);
        row("size 2^53", with(good, QStringLiteral("size"), qint64 {1} << 53), "size", size);
        row("size huge double", with(good, QStringLiteral("size"), 1e300), "size", size);
        row("size string", with(good, QStringLiteral("size"), QStringLiteral("48213")), "size", size);
        row("size null", with(good, QStringLiteral("size"), QJsonValue::Null), "size", size);
        row("size missing", without(good, QStringLiteral("size")), "size", QStringLiteral("is required"));
        row("sha256 short", with(good, QStringLiteral("sha256"), kSha.left(63)), "sha256", hex);
        row("sha256 long", with(good, QStringLiteral("sha256"), QString(kSha + QLatin1Char('0'))), "sha256",
            hex);
        row("sha256 not hex", with(good, QStringLiteral("sha256"), QString(kSha.left(63) + QLatin1Char('g'))),
            "sha256", hex);
        row("sha256 number", with(good, QStringLiteral("sha256"), 5), "sha256",
            QStringLiteral("expected a string"));
        row("scanStatus infected", with(good, QStringLiteral("scanStatus"), QStringLiteral("infected")),
            "scanStatus", QStringLiteral("expected one of: clean, skipped"));
        row("scanStatus missing", without(good, QStringLiteral("scanStatus")), "scanStatus",
            QStringLiteral("is required"));
    }

    void badInput()
    {
        QFETCH(QJsonObject, input);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const auto decoded = attachmentFromJson(input);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().field, field);
        QCOMPARE(decoded.error().reason, reason);
    }

    void upperCaseHashIsNormalised()
    {
        const auto decoded = attachmentFromJson(with(scanJson(), QStringLiteral("sha256"), kSha.toUpper()));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->sha256, kSha);
    }
};

QTEST_GUILESS_MAIN(TestAttachment)
#include "tst_attachment.moc"
