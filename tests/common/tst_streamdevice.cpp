#include "common/crypto/random.h"
#include "common/crypto/streamdevice.h"
#include "tests/support/failingiodevice.h"

#include <QBuffer>
#include <QTest>

Q_DECLARE_METATYPE(vw::crypto::CryptoError)

using vw::crypto::CryptoError;
using vw::crypto::SecretBytes;

namespace {

constexpr qsizetype kChunk = vw::crypto::kStreamMinChunkSize;

SecretBytes randomKey()
{
    auto key = vw::crypto::randomSecret(32);
    return key ? std::move(key).value() : SecretBytes();
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        bytes[i] = static_cast<char>(i * 13);
    }
    return bytes;
}

} // namespace

// Encrypting and decrypting between devices, including devices that fail part-way.
class TestStreamDevice : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qsizetype>("chunkSize");
        QTest::newRow("empty") << qsizetype(0) << kChunk;
        QTest::newRow("small chunks") << 5 * kChunk + 17 << kChunk;
        QTest::newRow("default chunks") << qsizetype(200000) << vw::crypto::kStreamDefaultChunkSize;
    }

    void roundTrip()
    {
        QFETCH(qsizetype, size);
        QFETCH(qsizetype, chunkSize);
        const SecretBytes key = randomKey();
        QByteArray plaintext = pattern(size);
        QBuffer in(&plaintext);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray sealed;
        QBuffer out(&sealed);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(vw::crypto::encryptDevice(key, "file:1", in, out, chunkSize).ok());
        QVERIFY(sealed.startsWith("VWS1"));

        QBuffer sealedIn(&sealed);
        QVERIFY(sealedIn.open(QIODevice::ReadOnly));
        QByteArray decrypted;
        QBuffer decryptedOut(&decrypted);
        QVERIFY(decryptedOut.open(QIODevice::WriteOnly));
        QVERIFY(vw::crypto::decryptDevice(key, "file:1", sealedIn, decryptedOut).ok());
        QCOMPARE(decrypted, plaintext);
    }

    void encryptReportsReadFailure()
    {
        vw::test::FailingIODevice in(3 * kChunk + 10);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray sealed;
        QBuffer out(&sealed);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const auto status = vw::crypto::encryptDevice(randomKey(), {}, in, out, kChunk);
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), CryptoError::IoError);
    }

    void encryptReportsWriteFailure_data()
    {
        QTest::addColumn<qint64>("budget");
        QTest::newRow("header") << qint64(0);
        QTest::newRow("first chunk") << qint64(100);
        QTest::newRow("final chunk") << qint64(vw::crypto::kStreamHeaderSize + 2 * (kChunk + 16) + 3);
    }

    void encryptReportsWriteFailure()
    {
        QFETCH(qint64, budget);
        QByteArray plaintext = pattern(2 * kChunk + 100);
        QBuffer in(&plaintext);
        QVERIFY(in.open(QIODevice::ReadOnly));
        vw::test::FailingIODevice out(budget);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const auto status = vw::crypto::encryptDevice(randomKey(), {}, in, out, kChunk);
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), CryptoError::IoError);
    }

    void decryptReportsReadFailure()
    {
        // The failing device yields 'x' bytes, which are not a stream header either; a
        // budget below the header size makes the read failure come first.
        vw::test::FailingIODevice in(10);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray plain;
        QBuffer out(&plain);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const auto status = vw::crypto::decryptDevice(randomKey(), {}, in, out);
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), CryptoError::IoError);
    }

    void decryptReportsWriteFailure()
    {
        const SecretBytes key = randomKey();
        QByteArray plaintext = pattern(3 * kChunk);
        QBuffer in(&plaintext);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray sealed;
        QBuffer sealedOut(&sealed);
        QVERIFY(sealedOut.open(QIODevice::WriteOnly));
        QVERIFY(vw::crypto::encryptDevice(key, {}, in, sealedOut, kChunk).ok());

        QBuffer sealedIn(&sealed);
        QVERIFY(sealedIn.open(QIODevice::ReadOnly));
        vw::test::FailingIODevice out(kChunk + 1);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const auto status = vw::crypto::decryptDevice(key, {}, sealedIn, out);
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), CryptoError::IoError);
    }

    void decryptReportsTampering()
    {
        const SecretBytes key = randomKey();
        QByteArray plaintext = pattern(2 * kChunk);
        QBuffer in(&plaintext);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray sealed;
        QBuffer sealedOut(&sealed);
        QVERIFY(sealedOut.open(QIODevice::WriteOnly));
        QVERIFY(vw::crypto::encryptDevice(key, {}, in, sealedOut, kChunk).ok());
        sealed.chop(1);

        QBuffer sealedIn(&sealed);
        QVERIFY(sealedIn.open(QIODevice::ReadOnly));
        QByteArray plain;
        QBuffer out(&plain);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const auto status = vw::crypto::decryptDevice(key, {}, sealedIn, out);
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), CryptoError::AuthenticationFailed);
    }

    void encryptRejectsBadChunkSize()
    {
        QByteArray plaintext = pattern(10);
        QBuffer in(&plaintext);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray sealed;
        QBuffer out(&sealed);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const auto status = vw::crypto::encryptDevice(randomKey(), {}, in, out, 10);
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), CryptoError::InvalidChunkSize);
        QVERIFY(sealed.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStreamDevice)
#include "tst_streamdevice.moc"
