#include "common/crypto/gcm.h"
#include "common/crypto/random.h"
#include "common/crypto/streamdecryptor.h"
#include "common/crypto/streamencryptor.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

Q_DECLARE_METATYPE(vw::crypto::CryptoError)

using vw::Result;
using vw::crypto::CryptoError;
using vw::crypto::SecretBytes;
using vw::crypto::StreamDecryptor;
using vw::crypto::StreamEncryptor;

namespace {

constexpr qsizetype kChunk = vw::crypto::kStreamMinChunkSize;
const QByteArray kAad = QByteArrayLiteral("attachment:42");

SecretBytes randomKey()
{
    auto key = vw::crypto::randomSecret(32);
    return key ? std::move(key).value() : SecretBytes();
}

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        bytes[i] = static_cast<char>((i * 31 + 7) % 251);
    }
    return bytes;
}

// Splits data into pieces of random length (including empty ones) from a fixed seed.
QList<QByteArrayView> randomPieces(QByteArrayView data, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<QByteArrayView> pieces;
    qsizetype offset = 0;
    while (offset < data.size()) {
        const qsizetype n = std::min<qsizetype>(rng.bounded(3 * kChunk), data.size() - offset);
        pieces.append(data.sliced(offset, n));
        offset += n;
    }
    return pieces;
}

QByteArray encryptPieces(StreamEncryptor &encryptor, const QList<QByteArrayView> &pieces)
{
    QByteArray out = encryptor.header();
    for (const QByteArrayView piece : pieces) {
        auto sealed = encryptor.update(piece);
        if (!sealed) {
            return {};
        }
        out += sealed.value();
    }
    auto last = encryptor.finish();
    if (!last) {
        return {};
    }
    return out.append(last.value());
}

Result<QByteArray, CryptoError> decryptPieces(
    const SecretBytes &key, QByteArrayView aad, const QList<QByteArrayView> &pieces)
{
    auto decryptor = StreamDecryptor::create(key, aad);
    if (!decryptor) {
        return decryptor.error();
    }
    QByteArray out;
    for (const QByteArrayView piece : pieces) {
        auto opened = decryptor.value().update(piece);
        if (!opened) {
            return opened.error();
        }
        out += opened.value();
    }
    auto last = decryptor.value().finish();
    if (!last) {
        return last.error();
    }
    return out.append(last.value());
}

qsizetype expectedChunks(qsizetype plaintextSize)
{
    return plaintextSize == 0 ? 1 : (plaintextSize + kChunk - 1) / kChunk;
}

} // namespace

// The chunked file format from the writer's side: exact layout, round trips at every
// boundary size, and independence from how the input is split.
class TestStreamEncryptor : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("0") << qsizetype(0);
        QTest::newRow("1") << qsizetype(1);
        QTest::newRow("chunk-1") << kChunk - 1;
        QTest::newRow("chunk") << kChunk;
        QTest::newRow("chunk+1") << kChunk + 1;
        QTest::newRow("3*chunk+5") << 3 * kChunk + 5;
        QTest::newRow("4*chunk") << 4 * kChunk;
    }

    void roundTrip()
    {
        QFETCH(qsizetype, size);
        const SecretBytes key = randomKey();
        const QByteArray plaintext = pattern(size);
        auto encryptor = StreamEncryptor::create(key, kAad, kChunk);
        QVERIFY(encryptor.ok());
        const QByteArray stream = encryptPieces(encryptor.value(), {plaintext});
        QCOMPARE(stream.size(),
            vw::crypto::kStreamHeaderSize + size + expectedChunks(size) * vw::crypto::kAesGcmTagSize);
        const auto decrypted = decryptPieces(key, kAad, {stream});
        QVERIFY(decrypted.ok());
        QCOMPARE(decrypted.value(), plaintext);
    }

    void headerLayout()
    {
        auto encryptor = StreamEncryptor::create(randomKey(), {}, 4096);
        QVERIFY(encryptor.ok());
        const QByteArray header = encryptor.value().header();
        QCOMPARE(header.size(), vw::crypto::kStreamHeaderSize);
        QCOMPARE(header.first(4), QByteArrayLiteral("VWS1"));
        QCOMPARE(qFromBigEndian<quint32>(header.constData() + 4), 4096u);
        auto other = StreamEncryptor::create(randomKey(), {}, 4096);
        QVERIFY(other.ok());
        QVERIFY(other.value().header().sliced(8) != header.sliced(8)); // random base nonce
    }

    // Decrypts each chunk with the raw cipher, deriving nonce and AAD as the format says.
    void chunksFollowTheDocumentedFormat()
    {
        const SecretBytes key = randomKey();
        const QByteArray plaintext = pattern(2 * kChunk + 10);
        auto encryptor = StreamEncryptor::create(key, kAad, kChunk);
        QVERIFY(encryptor.ok());
        const QByteArray stream = encryptPieces(encryptor.value(), {plaintext});
        const QByteArray header = stream.first(vw::crypto::kStreamHeaderSize);
        const QByteArray baseNonce = header.sliced(8);
        qsizetype offset = header.size();
        for (quint64 index = 0; index < 3; ++index) {
            const bool final = index == 2;
            const qsizetype plainSize = final ? 10 : kChunk;
            QByteArray nonce = baseNonce;
            char counter[8];
            qToBigEndian(index, counter);
            for (int i = 0; i < 8; ++i) {
                nonce[4 + i] = static_cast<char>(nonce[4 + i] ^ counter[i]);
            }
            QByteArray aad = header + kAad;
            aad.append(counter, 8).append(final ? '\x01' : '\x00');
            const auto opened = vw::crypto::detail::gcmDecrypt(
                key, nonce, QByteArrayView(stream).sliced(offset, plainSize + 16), aad);
            QVERIFY(opened.ok());
            QCOMPARE(opened.value(), plaintext.sliced(qsizetype(index) * kChunk, plainSize));
            offset += plainSize + 16;
        }
        QCOMPARE(offset, stream.size());
    }

    void randomPiecesGiveTheSameStream_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("small") << qsizetype(100) << 1u;
        QTest::newRow("chunk") << kChunk << 2u;
        QTest::newRow("many chunks") << 10 * kChunk + 3 << 3u;
        QTest::newRow("many chunks, other split") << 10 * kChunk + 3 << 4u;
    }

    void randomPiecesGiveTheSameStream()
    {
        QFETCH(qsizetype, size);
        QFETCH(quint32, seed);
        const SecretBytes key = randomKey();
        const QByteArray nonce(vw::crypto::kStreamNonceSize, '\x33');
        const QByteArray plaintext = pattern(size);

        auto whole = vw::crypto::detail::createStreamEncryptorWithNonce(key, kAad, kChunk, nonce);
        auto split = vw::crypto::detail::createStreamEncryptorWithNonce(key, kAad, kChunk, nonce);
        QVERIFY(whole.ok() && split.ok());
        const QByteArray oneShot = encryptPieces(whole.value(), {plaintext});
        const QByteArray streamed = encryptPieces(split.value(), randomPieces(plaintext, seed));
        QVERIFY(!oneShot.isEmpty());
        QCOMPARE(streamed, oneShot);

        const auto decrypted = decryptPieces(key, kAad, randomPieces(oneShot, seed + 100));
        QVERIFY(decrypted.ok());
        QCOMPARE(decrypted.value(), plaintext);
    }

    void createRejectsBadParameters_data()
    {
        QTest::addColumn<int>("keySize");
        QTest::addColumn<qsizetype>("chunkSize");
        QTest::addColumn<CryptoError>("error");
        QTest::newRow("short key") << 16 << kChunk << CryptoError::InvalidKeyLength;
        QTest::newRow("no key") << 0 << kChunk << CryptoError::InvalidKeyLength;
        QTest::newRow("chunk too small") << 32 << kChunk - 1 << CryptoError::InvalidChunkSize;
        QTest::newRow("chunk zero") << 32 << qsizetype(0) << CryptoError::InvalidChunkSize;
        QTest::newRow("chunk negative") << 32 << qsizetype(-1) << CryptoError::InvalidChunkSize;
        QTest::newRow("chunk too large")
            << 32 << vw::crypto::kStreamMaxChunkSize + 1 << CryptoError::InvalidChunkSize;
    }

    void createRejectsBadParameters()
    {
        QFETCH(int, keySize);
        QFETCH(qsizetype, chunkSize);
        QFETCH(CryptoError, error);
        const SecretBytes key = SecretBytes::fromBytes(QByteArray(keySize, '\x01'));
        const auto encryptor = StreamEncryptor::create(key, {}, chunkSize);
        QVERIFY(!encryptor.ok());
        QCOMPARE(encryptor.error(), error);
    }

    void detailRejectsBadNonceLength()
    {
        const auto encryptor = vw::crypto::detail::createStreamEncryptorWithNonce(
            randomKey(), {}, kChunk, QByteArray(8, '\0'));
        QVERIFY(!encryptor.ok());
        QCOMPARE(encryptor.error(), CryptoError::InvalidIvLength);
    }

    void useAfterFinishFails()
    {
        auto encryptor = StreamEncryptor::create(randomKey(), {}, kChunk);
        QVERIFY(encryptor.ok());
        QVERIFY(encryptor.value().update("data").ok());
        QVERIFY(encryptor.value().finish().ok());
        const auto update = encryptor.value().update("more");
        QVERIFY(!update.ok());
        QCOMPARE(update.error(), CryptoError::InvalidState);
        const auto finish = encryptor.value().finish();
        QVERIFY(!finish.ok());
        QCOMPARE(finish.error(), CryptoError::InvalidState);
    }

    void twoEncryptionsDiffer()
    {
        const SecretBytes key = randomKey();
        const QByteArray plaintext = pattern(5000);
        auto a = StreamEncryptor::create(key, kAad, kChunk);
        auto b = StreamEncryptor::create(key, kAad, kChunk);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(encryptPieces(a.value(), {plaintext}) != encryptPieces(b.value(), {plaintext}));
    }
};

QTEST_GUILESS_MAIN(TestStreamEncryptor)
#include "tst_streamencryptor.moc"
