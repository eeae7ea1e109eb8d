#include "common/crypto/sha256.h"
#include "tests/support/failingiodevice.h"
#include "tests/support/hex.h"

#include <QBuffer>
#include <QTest>

using vw::crypto::CryptoError;
using vw::crypto::Sha256;
using vw::test::fromHex;

// SHA-256 against FIPS 180-2's examples; the incremental hasher must agree with the
// one-shot function however the input is split.
class TestSha256 : public QObject
{
    Q_OBJECT
private slots:
    void fips180_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("empty") << QByteArray()
                               << fromHex(
                                      "e3b0c44298fc1c149afbf4c8996fb924 27ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc") << QByteArrayLiteral("abc")
                             << fromHex("ba7816bf8f01cfea414140de5dae2223 b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("448 bits") << QByteArrayLiteral(
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << fromHex(
                                         "248d6a61d20638b8e5c026930c3e6039 a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("one million a") << QByteArray(
            1000000, 'a') << fromHex("cdc76e5c9914fb9281a1c7e284d73e67 f1809a48a497200e046d39ccc7112cd0");
    }

    void fips180()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        QCOMPARE(vw::crypto::sha256(message).toHex(), digest.toHex());

        Sha256 hasher;
        // Odd piece sizes cross the 64-byte block boundaries.
        for (qsizetype offset = 0; offset < message.size(); offset += 37) {
            hasher.addData(
                QByteArrayView(message).sliced(offset, std::min<qsizetype>(37, message.size() - offset)));
        }
        const auto result = hasher.result();
        QVERIFY(result.ok());
        QCOMPARE(result.value().toHex(), digest.toHex());
    }

    void resultResetsTheHasher()
    {
        Sha256 hasher;
        hasher.addData("abc");
        QVERIFY(hasher.result().ok());
        const auto empty = hasher.result();
        QVERIFY(empty.ok());
        QCOMPARE(empty.value(), vw::crypto::sha256({}));
    }

    void hashesADevice()
    {
        QByteArray content(300000, '\0');
        for (qsizetype i = 0; i < content.size(); ++i) {
            content[i] = static_cast<char>(i * 7);
        }
        QBuffer buffer(&content);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        Sha256 hasher;
        QVERIFY(hasher.addData(buffer).ok());
        const auto result = hasher.result();
        QVERIFY(result.ok());
        QCOMPARE(result.value(), vw::crypto::sha256(content));
    }

    void reportsDeviceReadFailure()
    {
        vw::test::FailingIODevice device(1000);
        QVERIFY(device.open(QIODevice::ReadOnly));
        Sha256 hasher;
        const auto status = hasher.addData(device);
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), CryptoError::IoError);
    }

    void movedFromHasherDoesNotCrash()
    {
        Sha256 hasher;
        Sha256 other(std::move(hasher));
        hasher.addData("ignored"); // NOLINT(bugprone-use-after-move)
        const auto result = hasher.result();
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), CryptoError::InvalidState);
        other.addData("abc");
        QCOMPARE(other.result().value(), vw::crypto::sha256("abc"));
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
