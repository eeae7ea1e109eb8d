#include "common/crypto/random.h"

#include <QSet>
#include <QTest>

using vw::crypto::CryptoError;

// The CSPRNG wrappers: exact lengths, distinct outputs, and bounded requests.
class TestRandom : public QObject
{
    Q_OBJECT
private slots:
    void lengths_data()
    {
        QTest::addColumn<qsizetype>("length");
        QTest::newRow("0") << qsizetype(0);
        QTest::newRow("1") << qsizetype(1);
        QTest::newRow("12") << qsizetype(12);
        QTest::newRow("32") << qsizetype(32);
        QTest::newRow("100000") << qsizetype(100000);
    }

    void lengths()
    {
        QFETCH(qsizetype, length);
        const auto bytes = vw::crypto::randomBytes(length);
        QVERIFY(bytes.ok());
        QCOMPARE(bytes.value().size(), length);
        const auto secret = vw::crypto::randomSecret(length);
        QVERIFY(secret.ok());
        QCOMPARE(secret.value().size(), length);
    }

    void outputsDiffer()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 1000; ++i) {
            const auto bytes = vw::crypto::randomBytes(16);
            QVERIFY(bytes.ok());
            seen.insert(bytes.value());
        }
        QCOMPARE(seen.size(), 1000);
        const auto a = vw::crypto::randomSecret(32);
        const auto b = vw::crypto::randomSecret(32);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(!a.value().equals(b.value()));
        QVERIFY(a.value().view() != QByteArrayView(QByteArray(32, '\0')));
    }

    void badLengthsRefused_data()
    {
        QTest::addColumn<qsizetype>("length");
        QTest::newRow("negative") << qsizetype(-1);
        QTest::newRow("huge") << vw::crypto::kMaxRandomBytes + 1;
    }

    void badLengthsRefused()
    {
        QFETCH(qsizetype, length);
        const auto bytes = vw::crypto::randomBytes(length);
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error(), CryptoError::InvalidInput);
        const auto secret = vw::crypto::randomSecret(length);
        QVERIFY(!secret.ok());
        QCOMPARE(secret.error(), CryptoError::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestRandom)
#include "tst_random.moc"
