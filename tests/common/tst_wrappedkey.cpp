#include "common/crypto/wrappedkey.h"

#include <QTest>

using vw::crypto::CryptoError;
using vw::crypto::WrappedKey;

namespace {

QString validText()
{
    WrappedKey key;
    key.keyId = QStringLiteral("0123456789abcdef");
    key.sealed = QByteArray(WrappedKey::kSealedSize, '\xfb');
    return key.toString();
}

} // namespace

// The stored form of a wrapped key: exact format and strict parsing of bad input.
class TestWrappedKey : public QObject
{
    Q_OBJECT
private slots:
    void formatRoundTrip()
    {
        WrappedKey key;
        key.keyId = QStringLiteral("0123456789abcdef");
        key.sealed = QByteArray(WrappedKey::kSealedSize, '\xfb');
        const QString text = key.toString();
        // base64url without padding: 60 bytes are 80 characters; 0xfb bytes encode as "-_v7".
        QCOMPARE(text, QString(QStringLiteral("v1:0123456789abcdef:") + QStringLiteral("-_v7").repeated(20)));
        const auto parsed = WrappedKey::parse(text);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().keyId, key.keyId);
        QCOMPARE(parsed.value().sealed, key.sealed);
    }

    void malformedRefused_data()
    {
        QTest::addColumn<QString>("text");
        const QString valid = validText();
        const QString sealed = valid.section(u':', 2);
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("not a wrapped key");
        QTest::newRow("version 2") << QString(valid).replace(0, 2, QStringLiteral("v2"));
        QTest::newRow("two fields") << QString(QStringLiteral("v1:") + sealed);
        QTest::newRow("four fields") << QString(valid + u':');
        QTest::newRow("short key id") << QString(QStringLiteral("v1:0123456789abcde:") + sealed);
        QTest::newRow("upper-case key id") << QString(QStringLiteral("v1:0123456789ABCDEF:") + sealed);
        QTest::newRow("non-hex key id") << QString(QStringLiteral("v1:0123456789abcdeg:") + sealed);
        QTest::newRow("empty sealed") << QStringLiteral("v1:0123456789abcdef:");
        QTest::newRow("short sealed") << valid.chopped(4);
        QTest::newRow("long sealed") << QString(valid + QStringLiteral("AAAA"));
        QTest::newRow("padded sealed") << QString(valid + QStringLiteral("=="));
        QTest::newRow("standard base64 alphabet") << QString(valid).replace(u'-', u'+');
        QTest::newRow("bad character") << QString(valid).replace(valid.size() - 1, 1, u'*');
        QTest::newRow("non-ascii") << QString(valid).replace(valid.size() - 1, 1, QChar(0xe9));
        QTest::newRow("whitespace") << QString(valid + u'\n');
    }

    void malformedRefused()
    {
        QFETCH(QString, text);
        const auto parsed = WrappedKey::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error(), CryptoError::MalformedWrappedKey);
    }
};

QTEST_GUILESS_MAIN(TestWrappedKey)
#include "tst_wrappedkey.moc"
