#include "common/model/enums.h"

#include <QTest>

#include <functional>

using namespace vw::model;

namespace {

// Encodes `value` as E and decodes `wire` as E, so rows of every enum share one test.
struct Codec
{
    std::function<QString(int)> encode;
    std::function<std::optional<int>(QStringView)> decode;
    std::function<QStringList()> values;
};

template <typename E>
Codec codecFor()
{
    return Codec {
        [](int value) { return toWire(static_cast<E>(value)); },
        [](QStringView text) -> std::optional<int> {
            const std::optional<E> parsed = fromWire<E>(text);
            if (!parsed)
                return std::nullopt;
            return static_cast<int>(*parsed);
        },
        [] { return wireValues<E>(); },
    };
}

Codec codecNamed(const QString &name)
{
    if (name == u"MessageType")
        return codecFor<MessageType>();
    if (name == u"MessageStatus")
        return codecFor<MessageStatus>();
    if (name == u"MessagePriority")
        return codecFor<MessagePriority>();
    if (name == u"UserRole")
        return codecFor<UserRole>();
    if (name == u"ScanStatus")
        return codecFor<ScanStatus>();
    return codecFor<PresenceStatus>();
}

const QStringList &enumNames()
{
    static const QStringList names {
        QStringLiteral("MessageType"),
        QStringLiteral("MessageStatus"),
        QStringLiteral("MessagePriority"),
        QStringLiteral("UserRole"),
        QStringLiteral("ScanStatus"),
        QStringLiteral("PresenceStatus"),
    };
    return names;
}

} // namespace

// Checks the wire strings of every contract enum both ways and that anything else is refused.
class TestEnums : public QObject
{
    Q_OBJECT
private slots:
    void bothWays_data()
    {
        QTest::addColumn<QString>("enumName");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("wire");
        const auto row = [](const char *enumName, auto value, const char *wire) {
            QTest::addRow("%s %s", enumName, wire)
                << QString::fromLatin1(enumName) << static_cast<int>(value) << QString::fromLatin1(wire);
        };
        row("MessageType", MessageType::Text, "text");
        row("MessageType", MessageType::Image, "image");
        row("MessageType", MessageType::File, "file");
        row("MessageType", MessageType::System, "system");
        row("MessageStatus", MessageStatus::Sent, "sent");
        row("MessageStatus", MessageStatus::Delivered, "delivered");
        row("MessageStatus", MessageStatus::Read, "read");
        row("MessagePriority", MessagePriority::Normal, "normal");
        row("MessagePriority", MessagePriority::Urgent, "urgent");
        row("UserRole", UserRole::Patient, "patient");
        row("UserRole", UserRole::Provider, "provider");
        row("UserRole", UserRole::Admin, "admin");
        row("ScanStatus", ScanStatus::Clean, "clean");
        row("ScanStatus", ScanStatus::Skipped, "skipped");
        row("PresenceStatus", PresenceStatus::Online, "online");
        row("PresenceStatus", PresenceStatus::Offline, "offline");
    }

    void bothWays()
    {
        QFETCH(QString, enumName);
        QFETCH(int, value);
        QFETCH(QString, wire);
        const Codec codec = codecNamed(enumName);
        QCOMPARE(codec.encode(value), wire);
        QCOMPARE(codec.decode(wire), std::optional<int>(value));
        QVERIFY(codec.values().contains(wire));
    }

    void unknownStringsAreRefused_data()
    {
        QTest::addColumn<QString>("enumName");
        QTest::addColumn<QString>("text");
        const QStringList bad {
            QString(),
            QStringLiteral(" "),
            QStringLiteral("Text"),
            QStringLiteral("SENT"),
            QStringLiteral("Urgent"),
            QStringLiteral(" patient"),
            QStringLiteral("clean "),
            QStringLiteral("onlinex"),
            QStringLiteral("unknown"),
            QStringLiteral("0"),
            QStringLiteral("te\u0000xt"),
            QString::fromUtf8("r\u00e9ad"),
        };
        for (const QString &enumName : enumNames()) {
            for (const QString &text : bad)
                QTest::addRow("%s '%s'", qPrintable(enumName), qPrintable(text)) << enumName << text;
        }
        // A string valid for one enum is refused by another.
        QTest::newRow("MessageType 'sent'") << QStringLiteral("MessageType") << QStringLiteral("sent");
        QTest::newRow("UserRole 'online'") << QStringLiteral("UserRole") << QStringLiteral("online");
    }

    void unknownStringsAreRefused()
    {
        QFETCH(QString, enumName);
        QFETCH(QString, text);
        QCOMPARE(codecNamed(enumName).decode(text), std::nullopt);
    }

    void outOfRangeValueEncodesEmpty_data()
    {
        QTest::addColumn<QString>("enumName");
        for (const QString &enumName : enumNames())
            QTest::newRow(qPrintable(enumName)) << enumName;
    }

    void outOfRangeValueEncodesEmpty()
    {
        QFETCH(QString, enumName);
        QCOMPARE(codecNamed(enumName).encode(42), QString());
        QCOMPARE(codecNamed(enumName).encode(-1), QString());
    }

    void wireValuesAreInDeclarationOrder()
    {
        QCOMPARE(wireValues<MessageType>(),
            (QStringList {QStringLiteral("text"), QStringLiteral("image"), QStringLiteral("file"),
                QStringLiteral("system")}));
        QCOMPARE(wireValues<UserRole>(),
            (QStringList {QStringLiteral("patient"), QStringLiteral("provider"), QStringLiteral("admin")}));
        QCOMPARE(
            wireValues<ScanStatus>(), (QStringList {QStringLiteral("clean"), QStringLiteral("skipped")}));
    }
};

QTEST_GUILESS_MAIN(TestEnums)
#include "tst_enums.moc"
