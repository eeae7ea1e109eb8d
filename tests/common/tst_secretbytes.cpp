#include "common/crypto/secretbytes.h"

#include <QTest>

#include <utility>

using vw::crypto::CryptoError;
using vw::crypto::SecretBytes;

// Key material ownership: moves empty the source, copies happen only on purpose, the
// source of fromBytes() is wiped, and the key-file encoding round-trips strictly.
class TestSecretBytes : public QObject
{
    Q_OBJECT
private slots:
    void defaultIsEmpty()
    {
        const SecretBytes empty;
        QVERIFY(empty.isEmpty());
        QCOMPARE(empty.size(), 0);
        QVERIFY(empty.view().isEmpty());
    }

    void sizedConstructorZeroFills()
    {
        const SecretBytes secret(24);
        QCOMPARE(secret.size(), 24);
        QCOMPARE(secret.view(), QByteArrayView(QByteArray(24, '\0')));
        QVERIFY(SecretBytes(-5).isEmpty());
    }

    void moveConstructionEmptiesSource()
    {
        SecretBytes source = SecretBytes::fromView("0123456789abcdef");
        SecretBytes target(std::move(source));
        QVERIFY(source.isEmpty()); // NOLINT(bugprone-use-after-move): checking the moved-from state
        QCOMPARE(source.size(), 0);
        QCOMPARE(target.view(), QByteArrayView("0123456789abcdef"));
    }

    void moveAssignmentEmptiesSourceAndReplacesTarget()
    {
        SecretBytes source = SecretBytes::fromView("new key");
        SecretBytes target = SecretBytes::fromView("old key material");
        target = std::move(source);
        QVERIFY(source.isEmpty()); // NOLINT(bugprone-use-after-move)
        QCOMPARE(target.view(), QByteArrayView("new key"));
    }

    void cloneIsEqualAndIndependent()
    {
        SecretBytes original = SecretBytes::fromView("a secret");
        SecretBytes copy = original.clone();
        QVERIFY(copy.equals(original));
        QCOMPARE(copy.view(), original.view());
        QVERIFY(copy.constData() != original.constData());
        copy.data()[0] = 'A';
        QCOMPARE(original.view(), QByteArrayView("a secret"));
        QVERIFY(!copy.equals(original));
    }

    void fromBytesWipesTheSource()
    {
        QByteArray source = QByteArrayLiteral("super secret key bytes");
        source.detach();
        const qsizetype size = source.size();
        const SecretBytes secret = SecretBytes::fromBytes(std::move(source));
        QCOMPARE(secret.view(), QByteArrayView("super secret key bytes"));
        // NOLINTNEXTLINE(bugprone-use-after-move): the wiped buffer is the point of the test
        QCOMPARE(source, QByteArray(size, '\0'));
    }

    void fromBytesDoesNotWipeASharedBuffer()
    {
        QByteArray source = QByteArrayLiteral("shared key bytes");
        source.detach();
        const QByteArray other = source; // shares the buffer
        const SecretBytes secret = SecretBytes::fromBytes(std::move(source));
        QCOMPARE(secret.view(), QByteArrayView("shared key bytes"));
        QCOMPARE(other, QByteArrayLiteral("shared key bytes"));
        QCOMPARE(source, QByteArray(other.size(), '\0')); // NOLINT(bugprone-use-after-move)
    }

    void base64RoundTrip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("1 byte") << QByteArray("\xff", 1);
        QTest::newRow("2 bytes") << QByteArray("\x00\x01", 2);
        QTest::newRow("32-byte key") << QByteArray(32, '\x7e');
        QTest::newRow("binary") << QByteArray("\x00\xfb\xff\x10\x80 key", 10);
    }

    void base64RoundTrip()
    {
        QFETCH(QByteArray, bytes);
        const SecretBytes secret = SecretBytes::fromView(bytes);
        const SecretBytes encoded = secret.toBase64();
        QCOMPARE(encoded.view(), QByteArrayView(bytes.toBase64()));
        const auto decoded = SecretBytes::fromBase64(encoded.view());
        QVERIFY(decoded.ok());
        QVERIFY(decoded.value().equals(secret));
    }

    void base64AcceptsKeyFileWhitespace()
    {
        const QByteArray key(32, '\x5a');
        const QByteArray file = key.toBase64() + "\n";
        const auto decoded = SecretBytes::fromBase64(file);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value().view(), QByteArrayView(key));
    }

    void badBase64Refused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("invalid character") << QByteArrayLiteral("AAAA*AAA");
        QTest::newRow("missing padding") << QByteArrayLiteral("QUJD RA");
        QTest::newRow("too much padding") << QByteArrayLiteral("QQ===");
        QTest::newRow("url alphabet") << QByteArrayLiteral("-_-_");
        QTest::newRow("padding in the middle") << QByteArrayLiteral("QQ==QUJD");
        QTest::newRow("single character") << QByteArrayLiteral("Q");
        QTest::newRow("nul byte") << QByteArray("QUJD\0", 5);
        QTest::newRow("non-ascii") << QByteArrayLiteral("QUJ\xc3\xa9");
    }

    void badBase64Refused()
    {
        QFETCH(QByteArray, text);
        const auto decoded = SecretBytes::fromBase64(text);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error(), CryptoError::InvalidInput);
    }

    void equalsComparesContentAndLength()
    {
        const SecretBytes a = SecretBytes::fromView("abc");
        QVERIFY(a.equals(SecretBytes::fromView("abc")));
        QVERIFY(!a.equals(SecretBytes::fromView("abd")));
        QVERIFY(!a.equals(SecretBytes::fromView("abcd")));
        QVERIFY(SecretBytes().equals(SecretBytes()));
    }
};

QTEST_GUILESS_MAIN(TestSecretBytes)
#include "tst_secretbytes.moc"
