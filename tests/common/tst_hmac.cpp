#include "common/crypto/hmac.h"
#include "tests/support/hex.h"

#include <QTest>

using vw::test::fromHex;

// HMAC-SHA256 against RFC 4231's published test cases.
class TestHmac : public QObject
{
    Q_OBJECT
private slots:
    void rfc4231_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("expected");

        const QByteArray key131(131, '\xaa');
        QTest::newRow("case 1") << QByteArray(20, '\x0b') << QByteArrayLiteral("Hi There")
                                << fromHex(
                                       "b0344c61d8db38535ca8afceaf0bf12b 881dc200c9833da726e9376c2e32cff7");
        QTest::newRow("case 2") << QByteArrayLiteral("Jefe")
                                << QByteArrayLiteral("what do ya want for nothing?")
                                << fromHex(
                                       "5bdcc146bf60754e6a042426089575c7 5a003f089d2739839dec58b964ec3843");
        QTest::newRow("case 3") << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
                                << fromHex(
                                       "773ea91e36800e46854db8ebd09181a7 2959098b3ef8c122d9635514ced565fe");
        QTest::newRow("case 4") << fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
                                << QByteArray(50, '\xcd')
                                << fromHex(
                                       "82558a389a443c0ea4cc819899f2083a 85f0faa3e578f8077a2e3ff46729665b");
        // Case 5 publishes only the output truncated to 128 bits.
        QTest::newRow("case 5") << QByteArray(20, '\x0c') << QByteArrayLiteral("Test With Truncation")
                                << fromHex("a3b6167473100ee06e0c796c2955552b");
        QTest::newRow("case 6") << key131
                                << QByteArrayLiteral("Test Using Larger Than Block-Size Key - Hash Key First")
                                << fromHex(
                                       "60e431591ee0b67f0d8a26aacbf5b77f 8e0bc6213728c5140546040f0ee37f54");
        QTest::newRow("case 7") << key131
                                << QByteArrayLiteral(
                                       "This is a test using a larger than block-size key and a "
                                       "larger than block-size data. The key needs to be hashed "
                                       "before being used by the HMAC algorithm.")
                                << fromHex(
                                       "9b09ffa71b942fcb27635fbcd5b0e944 bfdc63644f0713938a7f51535c3a35e2");
    }

    void rfc4231()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, expected);
        const auto tag = vw::crypto::hmacSha256(key, data);
        QVERIFY(tag.ok());
        QCOMPARE(tag.value().size(), vw::crypto::kHmacSha256Size);
        QCOMPARE(tag.value().first(expected.size()).toHex(), expected.toHex());
    }

    // One keyed object for many messages restarts cleanly each time: the third tag of the
    // same object equals a fresh computation, so no state leaks from one mac() to the next.
    void aKeyedMacGivesTheSameTagsEveryTime()
    {
        const QByteArray key = QByteArrayLiteral("Jefe");
        auto keyed = vw::crypto::HmacSha256::create(key);
        QVERIFY(keyed.ok());
        const QByteArray expected
            = fromHex("5bdcc146bf60754e6a042426089575c7 5a003f089d2739839dec58b964ec3843");
        for (int round = 0; round < 3; ++round) {
            const auto tag = keyed.value().mac("what do ya want for nothing?");
            QVERIFY(tag.ok());
            QCOMPARE(tag.value().toHex(), expected.toHex());
            const auto other = keyed.value().mac("another word");
            QVERIFY(other.ok());
            QCOMPARE(other.value(), vw::crypto::hmacSha256(key, "another word").value());
        }
    }

    void emptyKeyAndDataWork()
    {
        // HMAC-SHA256("", "") is a well-known value.
        const auto tag = vw::crypto::hmacSha256({}, {});
        QVERIFY(tag.ok());
        QCOMPARE(tag.value().toHex(),
            QByteArrayLiteral("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));
    }

    void keySeparatesTags()
    {
        const auto a = vw::crypto::hmacSha256("key one", "word");
        const auto b = vw::crypto::hmacSha256("key two", "word");
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.value() != b.value());
    }
};

QTEST_GUILESS_MAIN(TestHmac)
#include "tst_hmac.moc"
