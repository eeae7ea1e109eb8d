#include "common/crypto/aead.h"
#include "common/crypto/gcm.h"
#include "common/crypto/random.h"
#include "tests/support/hex.h"

#include <QSet>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using vw::crypto::Aead;
using vw::crypto::CryptoError;
using vw::crypto::SecretBytes;
using vw::test::fromHex;

namespace {

SecretBytes randomKey()
{
    auto key = vw::crypto::randomSecret(Aead::kKeySize);
    return key ? std::move(key).value() : SecretBytes();
}

QByteArray flipBit(QByteArray bytes, qsizetype bit)
{
    bytes[bit / 8] = static_cast<char>(bytes[bit / 8] ^ (1 << (bit % 8)));
    return bytes;
}

} // namespace

// AES-256-GCM: known answers from the GCM specification, and the attacks the one-shot
// format must stop (tampering, truncation, key or context substitution, IV reuse).
class TestAead : public QObject
{
    Q_OBJECT
private slots:
    void knownAnswer_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("iv");
        QTest::addColumn<QByteArray>("plaintext");
        QTest::addColumn<QByteArray>("aad");
        QTest::addColumn<QByteArray>("ciphertext");
        QTest::addColumn<QByteArray>("tag");

        // McGrew & Viega, "The Galois/Counter Mode of Operation", AES-256 test cases 13-16.
        const QByteArray zeroKey(32, '\0');
        const QByteArray zeroIv(12, '\0');
        QTest::newRow("gcm-spec-13") << zeroKey << zeroIv << QByteArray() << QByteArray() << QByteArray()
                                     << fromHex("530f8afbc74536b9a963b4f1c4cb738b");
        QTest::newRow("gcm-spec-14") << zeroKey << zeroIv << QByteArray(16, '\0') << QByteArray()
                                     << fromHex("cea7403d4d606b6e074ec5d3baf39d18")
                                     << fromHex("d0d1c8a799996bf0265b98b5d48ab919");

        const QByteArray key = fromHex("feffe9928665731c6d6a8f9467308308 feffe9928665731c6d6a8f9467308308");
        const QByteArray iv = fromHex("cafebabefacedbaddecaf888");
        const QByteArray plaintext
            = fromHex("d9313225f88406e5a55909c5aff5269a 86a7a9531534f7da2e4c303d8a318a72"
                      "1c3c0c95956809532fcf0e2449a6b525 b16aedf5aa0de657ba637b391aafd255");
        const QByteArray ciphertext
            = fromHex("522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa"
                      "8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662898015ad");
        QTest::newRow("gcm-spec-15") << key << iv << plaintext << QByteArray() << ciphertext
                                     << fromHex("b094dac5d93471bdec1a502270e3cc6c");
        QTest::newRow("gcm-spec-16") << key << iv << plaintext.first(60)
                                     << fromHex("feedfacedeadbeeffeedfacedeadbeef abaddad2")
                                     << ciphertext.first(60) << fromHex("76fc6ece0f4e1768cddf8853bb2d551b");
    }

    void knownAnswer()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, iv);
        QFETCH(QByteArray, plaintext);
        QFETCH(QByteArray, aad);
        QFETCH(QByteArray, ciphertext);
        QFETCH(QByteArray, tag);

        const SecretBytes secret = SecretBytes::fromView(key);
        const auto sealed = vw::crypto::detail::gcmEncrypt(secret, iv, plaintext, aad);
        QVERIFY(sealed.ok());
        const QByteArray expected = ciphertext + tag;
        QCOMPARE(sealed.value().toHex(), expected.toHex());

        const auto opened = vw::crypto::detail::gcmDecrypt(secret, iv, expected, aad);
        QVERIFY(opened.ok());
        QCOMPARE(opened.value(), plaintext);
    }

    void detailRejectsBadIvLength_data()
    {
        QTest::addColumn<int>("ivLength");
        QTest::newRow("empty") << 0;
        QTest::newRow("8") << 8;
        QTest::newRow("16") << 16;
    }

    void detailRejectsBadIvLength()
    {
        QFETCH(int, ivLength);
        const SecretBytes key = randomKey();
        const QByteArray iv(ivLength, '\0');
        const auto sealed = vw::crypto::detail::gcmEncrypt(key, iv, "data", {});
        QVERIFY(!sealed.ok());
        QCOMPARE(sealed.error(), CryptoError::InvalidIvLength);
        const auto opened = vw::crypto::detail::gcmDecrypt(key, iv, QByteArray(32, '\0'), {});
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error(), CryptoError::InvalidIvLength);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("plaintext");
        QTest::addColumn<QByteArray>("aad");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("empty with aad") << QByteArray() << QByteArrayLiteral("conversation:1");
        QTest::newRow("one byte") << QByteArrayLiteral("x") << QByteArray();
        QTest::newRow("text") << QByteArrayLiteral("Blood pressure 120/80, see you Tuesday")
                              << QByteArrayLiteral("conversation:1/message:2");
        QTest::newRow("binary 100k") << QByteArray(100000, '\xa5') << QByteArray(300, '\x01');
    }

    void roundTrip()
    {
        QFETCH(QByteArray, plaintext);
        QFETCH(QByteArray, aad);
        const SecretBytes key = randomKey();
        const auto sealed = Aead::seal(key, plaintext, aad);
        QVERIFY(sealed.ok());
        QCOMPARE(sealed.value().size(), plaintext.size() + Aead::kOverhead);
        if (plaintext.size() >= 16) {
            QVERIFY(!sealed.value().contains(plaintext.first(16)));
        }
        const auto opened = Aead::open(key, sealed.value(), aad);
        QVERIFY(opened.ok());
        QCOMPARE(opened.value(), plaintext);
    }

    void rejectsBadKeyLength_data()
    {
        QTest::addColumn<int>("keyLength");
        QTest::newRow("empty") << 0;
        QTest::newRow("16 (AES-128)") << 16;
        QTest::newRow("31") << 31;
        QTest::newRow("33") << 33;
        QTest::newRow("64") << 64;
    }

    void rejectsBadKeyLength()
    {
        QFETCH(int, keyLength);
        const SecretBytes key = SecretBytes::fromBytes(QByteArray(keyLength, '\x42'));
        const auto sealed = Aead::seal(key, "data");
        QVERIFY(!sealed.ok());
        QCOMPARE(sealed.error(), CryptoError::InvalidKeyLength);
        const auto opened = Aead::open(key, QByteArray(64, '\0'));
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error(), CryptoError::InvalidKeyLength);
    }

    void everyFlippedBitIsDetected()
    {
        const SecretBytes key = randomKey();
        const QByteArray aad = QByteArrayLiteral("conversation:7");
        const auto sealed = Aead::seal(key, "urgent: call the clinic", aad);
        QVERIFY(sealed.ok());
        // Covers the IV, every ciphertext byte and the tag.
        for (qsizetype bit = 0; bit < sealed.value().size() * 8; ++bit) {
            const auto opened = Aead::open(key, flipBit(sealed.value(), bit), aad);
            QVERIFY2(!opened.ok(), qPrintable(QStringLiteral("bit %1 not detected").arg(bit)));
            QCOMPARE(opened.error(), CryptoError::AuthenticationFailed);
        }
    }

    void everyFlippedAadBitIsDetected()
    {
        const SecretBytes key = randomKey();
        const QByteArray aad = QByteArrayLiteral("conversation:7/message:9");
        const auto sealed = Aead::seal(key, "hello", aad);
        QVERIFY(sealed.ok());
        for (qsizetype bit = 0; bit < aad.size() * 8; ++bit) {
            const auto opened = Aead::open(key, sealed.value(), flipBit(aad, bit));
            QVERIFY2(!opened.ok(), qPrintable(QStringLiteral("AAD bit %1 not detected").arg(bit)));
            QCOMPARE(opened.error(), CryptoError::AuthenticationFailed);
        }
        // Moving the ciphertext to another row (missing or extra AAD) fails too.
        QVERIFY(!Aead::open(key, sealed.value(), {}).ok());
        QVERIFY(!Aead::open(key, sealed.value(), QByteArray(aad).append('\0')).ok());
    }

    void wrongKeyFails()
    {
        const SecretBytes key = randomKey();
        const SecretBytes other = randomKey();
        const auto sealed = Aead::seal(key, "secret");
        QVERIFY(sealed.ok());
        const auto opened = Aead::open(other, sealed.value());
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error(), CryptoError::AuthenticationFailed);
    }

    void everyTruncationFails()
    {
        const SecretBytes key = randomKey();
        const auto sealed = Aead::seal(key, "a message long enough to truncate", "aad");
        QVERIFY(sealed.ok());
        for (qsizetype length = 0; length < sealed.value().size(); ++length) {
            const auto opened = Aead::open(key, sealed.value().first(length), "aad");
            QVERIFY2(!opened.ok(), qPrintable(QStringLiteral("length %1 accepted").arg(length)));
            const CryptoError expected
                = length < Aead::kOverhead ? CryptoError::Truncated : CryptoError::AuthenticationFailed;
            QCOMPARE(opened.error(), expected);
        }
    }

    void ivNeverRepeats()
    {
        const SecretBytes key = randomKey();
        QSet<QByteArray> ivs;
        QByteArray previous;
        for (int i = 0; i < 10000; ++i) {
            const auto sealed = Aead::seal(key, "same plaintext every time");
            QVERIFY(sealed.ok());
            QVERIFY(sealed.value() != previous);
            previous = sealed.value();
            ivs.insert(sealed.value().first(Aead::kIvSize));
        }
        QCOMPARE(ivs.size(), 10000);
    }

    // The cached cipher is shared; contexts are per call. Under the sanitizer build this
    // also checks that concurrent use does not touch freed or shared mutable state.
    void concurrentUseIsSafe()
    {
        const SecretBytes key = randomKey();
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&key, &failures, t] {
                const QByteArray aad = QByteArray::number(t);
                for (int i = 0; i < 300; ++i) {
                    const QByteArray plaintext = QByteArray::number(i).repeated(t + 1);
                    const auto sealed = Aead::seal(key, plaintext, aad);
                    const auto opened = sealed ? Aead::open(key, sealed.value(), aad) : sealed;
                    if (!opened || opened.value() != plaintext) {
                        ++failures;
                    }
                }
            });
        }
        for (std::thread &thread : threads) {
            thread.join();
        }
        QCOMPARE(failures.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAead)
#include "tst_aead.moc"
