#include "common/crypto/hkdf.h"
#include "tests/support/hex.h"

#include <QTest>

using vw::crypto::CryptoError;
using vw::test::fromHex;

namespace {

QByteArray counting(int from, int to)
{
    QByteArray bytes;
    for (int i = from; i <= to; ++i) {
        bytes.append(static_cast<char>(i));
    }
    return bytes;
}

} // namespace

// HKDF-SHA256 against RFC 5869's test cases 1-3, plus its length limits.
class TestHkdf : public QObject
{
    Q_OBJECT
private slots:
    void rfc5869_data()
    {
        QTest::addColumn<QByteArray>("ikm");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<QByteArray>("info");
        QTest::addColumn<QByteArray>("okm");

        QTest::newRow("case 1") << QByteArray(22, '\x0b') << counting(0x00, 0x0c) << counting(0xf0, 0xf9)
                                << fromHex("3cb25f25faacd57a90434f64d0362f2a 2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                                           "34007208d5b887185865");
        QTest::newRow("case 2") << counting(0x00, 0x4f) << counting(0x60, 0xaf) << counting(0xb0, 0xff)
                                << fromHex("b11e398dc80327a1c8e7f78c596a4934 4f012eda2d4efad8a050cc4c19afa97c"
                                           "59045a99cac7827271cb41c65e590e09 da3275600c2f09b8367793a9aca3db71"
                                           "cc30c58179ec3e87c14c01d5c1f3434f 1d87");
        QTest::newRow("case 3") << QByteArray(22, '\x0b') << QByteArray() << QByteArray()
                                << fromHex("8da4e775a563c18f715f802a063c5a31 b8a11f5c5ee1879ec3454e5f3c738d2d"
                                           "9d201395faa4b61a96c8");
    }

    void rfc5869()
    {
        QFETCH(QByteArray, ikm);
        QFETCH(QByteArray, salt);
        QFETCH(QByteArray, info);
        QFETCH(QByteArray, okm);
        const auto derived = vw::crypto::hkdfSha256(ikm, salt, info, okm.size());
        QVERIFY(derived.ok());
        QCOMPARE(derived.value().view().toByteArray().toHex(), okm.toHex());
    }

    void infoSeparatesKeys()
    {
        const auto a = vw::crypto::hkdfSha256("ikm", "salt", "vytalwatch/search/v1", 32);
        const auto b = vw::crypto::hkdfSha256("ikm", "salt", "vytalwatch/attachments/v1", 32);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(!a.value().equals(b.value()));
    }

    void lengthLimits_data()
    {
        QTest::addColumn<qsizetype>("length");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("negative") << qsizetype(-1) << false;
        QTest::newRow("zero") << qsizetype(0) << false;
        QTest::newRow("one") << qsizetype(1) << true;
        QTest::newRow("maximum") << vw::crypto::kHkdfSha256MaxLength << true;
        QTest::newRow("maximum + 1") << vw::crypto::kHkdfSha256MaxLength + 1 << false;
    }

    void lengthLimits()
    {
        QFETCH(qsizetype, length);
        QFETCH(bool, accepted);
        const auto derived = vw::crypto::hkdfSha256("ikm", {}, {}, length);
        QCOMPARE(derived.ok(), accepted);
        if (accepted) {
            QCOMPARE(derived.value().size(), length);
        } else {
            QCOMPARE(derived.error(), CryptoError::InvalidInput);
        }
    }
};

QTEST_GUILESS_MAIN(TestHkdf)
#include "tst_hkdf.moc"
