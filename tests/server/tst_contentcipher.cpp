#include "server/messaging/contentcipher.h"

#include "common/crypto/secretbytes.h"

#include <QTest>

using namespace vw;
using namespace vw::server::messaging;

Q_DECLARE_METATYPE(QUuid)

// Sealed text opens only in the row it was sealed for: another message id, conversation,
// column or key fails, and so does any flipped bit.
class TestContentCipher : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_key = crypto::SecretBytes::fromView(QByteArray(32, 'k'));
        m_otherKey = crypto::SecretBytes::fromView(QByteArray(32, 'o'));
        m_conversation = QUuid::createUuid();
        m_message = QUuid::createUuid();
    }

    void contentRoundTrips_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QStringLiteral("Take 2 tablets");
        QTest::newRow("empty") << QString();
        QTest::newRow("unicode") << QStringLiteral("Grüße \U0001F600 日本語");
        QTest::newRow("long") << QString(10000, u'x');
    }

    void contentRoundTrips()
    {
        QFETCH(QString, text);
        const auto sealed = ContentCipher::sealContent(m_key, m_conversation, m_message, text);
        QVERIFY(sealed.ok());
        QVERIFY(!text.isEmpty() ? !sealed.value().contains(text.toUtf8()) : true);
        const auto opened = ContentCipher::openContent(m_key, m_conversation, m_message, sealed.value());
        QVERIFY(opened.ok());
        QCOMPARE(opened.value(), text);
    }

    void contentIsBoundToItsRow()
    {
        const auto sealed
            = ContentCipher::sealContent(m_key, m_conversation, m_message, QStringLiteral("secret"));
        QVERIFY(sealed.ok());
        QVERIFY(!ContentCipher::openContent(m_key, m_conversation, QUuid::createUuid(), sealed.value()).ok());
        QVERIFY(!ContentCipher::openContent(m_key, QUuid::createUuid(), m_message, sealed.value()).ok());
        QVERIFY(!ContentCipher::openContent(m_otherKey, m_conversation, m_message, sealed.value()).ok());
        // Another column of the same row does not accept it either.
        QVERIFY(!ContentCipher::openMetadata(m_key, m_conversation, m_message, sealed.value()).ok());
        QVERIFY(!ContentCipher::openPreview(m_key, m_conversation, sealed.value()).ok());
    }

    void previewAndTitleAreSeparate()
    {
        const auto preview = ContentCipher::sealPreview(m_key, m_conversation, QStringLiteral("hi"));
        const auto title = ContentCipher::sealTitle(m_key, m_conversation, QStringLiteral("Care team"));
        QVERIFY(preview.ok() && title.ok());
        QCOMPARE(
            ContentCipher::openPreview(m_key, m_conversation, preview.value()).value(), QStringLiteral("hi"));
        QCOMPARE(ContentCipher::openTitle(m_key, m_conversation, title.value()).value(),
            QStringLiteral("Care team"));
        QVERIFY(!ContentCipher::openTitle(m_key, m_conversation, preview.value()).ok());
        QVERIFY(!ContentCipher::openPreview(m_key, m_conversation, title.value()).ok());
        QVERIFY(!ContentCipher::openPreview(m_key, QUuid::createUuid(), preview.value()).ok());
    }

    void metadataRoundTrips()
    {
        const QJsonObject metadata {
            {QStringLiteral("alertId"), QStringLiteral("a-1")}, {QStringLiteral("level"), 3}};
        const auto sealed = ContentCipher::sealMetadata(m_key, m_conversation, m_message, metadata);
        QVERIFY(sealed.ok());
        const auto opened = ContentCipher::openMetadata(m_key, m_conversation, m_message, sealed.value());
        QVERIFY(opened.ok());
        QCOMPARE(opened.value(), metadata);
    }

    void everyFlippedBitFails()
    {
        const auto sealed
            = ContentCipher::sealContent(m_key, m_conversation, m_message, QStringLiteral("abc"));
        QVERIFY(sealed.ok());
        for (qsizetype i = 0; i < sealed.value().size() * 8; ++i) {
            QByteArray tampered = sealed.value();
            tampered[i / 8] = char(tampered[i / 8] ^ (1 << (i % 8)));
            QVERIFY2(!ContentCipher::openContent(m_key, m_conversation, m_message, tampered).ok(),
                qPrintable(QStringLiteral("bit %1").arg(i)));
        }
        QVERIFY(!ContentCipher::openContent(m_key, m_conversation, m_message, QByteArray()).ok());
        QVERIFY(!ContentCipher::openContent(m_key, m_conversation, m_message, sealed.value().left(20)).ok());
    }

private:
    crypto::SecretBytes m_key;
    crypto::SecretBytes m_otherKey;
    QUuid m_conversation;
    QUuid m_message;
};

QTEST_GUILESS_MAIN(TestContentCipher)
#include "tst_contentcipher.moc"
