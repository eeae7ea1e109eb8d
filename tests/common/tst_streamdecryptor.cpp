#include "common/crypto/gcm.h"
#include "common/crypto/random.h"
#include "common/crypto/streamdecryptor.h"
#include "common/crypto/streamencryptor.h"

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
constexpr qsizetype kHeader = vw::crypto::kStreamHeaderSize;
constexpr qsizetype kSealedChunk = kChunk + vw::crypto::kAesGcmTagSize;
const QByteArray kAad = QByteArrayLiteral("attachment:42");

SecretBytes randomKey()
{
    auto key = vw::crypto::randomSecret(32);
    return key ? std::move(key).value() : SecretBytes();
}

QByteArray encrypt(const SecretBytes &key, QByteArrayView aad, const QByteArray &plaintext)
{
    auto encryptor = StreamEncryptor::create(key, aad, kChunk);
    if (!encryptor) {
        return {};
    }
    QByteArray out = encryptor.value().header();
    auto body = encryptor.value().update(plaintext);
    auto last = encryptor.value().finish();
    if (!body || !last) {
        return {};
    }
    return out.append(body.value()).append(last.value());
}

Result<QByteArray, CryptoError> decrypt(const SecretBytes &key, QByteArrayView aad, QByteArrayView stream)
{
    auto decryptor = StreamDecryptor::create(key, aad);
    if (!decryptor) {
        return decryptor.error();
    }
    auto body = decryptor.value().update(stream);
    if (!body) {
        return body.error();
    }
    auto last = decryptor.value().finish();
    if (!last) {
        return last.error();
    }
    return body.value().append(last.value());
}

// The sealed chunk at `index` of a stream whose earlier chunks are all full.
QByteArray chunkAt(const QByteArray &stream, qsizetype index)
{
    return stream.sliced(kHeader + index * kSealedChunk,
        std::min(kSealedChunk, stream.size() - kHeader - index * kSealedChunk));
}

QByteArray withChunkSize(QByteArray stream, quint32 chunkSize)
{
    qToBigEndian(chunkSize, stream.data() + 4);
    return stream;
}

} // namespace

// The chunked file format from the reader's side: every way of cutting, reordering,
// extending, editing or swapping a stream is refused (the STREAM construction's guarantees).
class TestStreamDecryptor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_key = randomKey();
        m_plaintext = QByteArray(3 * kChunk + 5, '\0');
        for (qsizetype i = 0; i < m_plaintext.size(); ++i) {
            m_plaintext[i] = static_cast<char>(i % 253);
        }
        m_stream = encrypt(m_key, kAad, m_plaintext);
        QCOMPARE(m_stream.size(), kHeader + 3 * kSealedChunk + 5 + 16);
        const auto decrypted = decrypt(m_key, kAad, m_stream);
        QVERIFY(decrypted.ok());
        QCOMPARE(decrypted.value(), m_plaintext);
    }

    void everyTruncationFails()
    {
        for (qsizetype length = 0; length < m_stream.size(); ++length) {
            const auto decrypted = decrypt(m_key, kAad, QByteArrayView(m_stream).first(length));
            QVERIFY2(!decrypted.ok(), qPrintable(QStringLiteral("length %1 accepted").arg(length)));
        }
    }

    void truncationAtChunkBoundaryFails_data()
    {
        QTest::addColumn<qsizetype>("chunks");
        QTest::addColumn<CryptoError>("error");
        QTest::newRow("empty input") << qsizetype(-1) << CryptoError::Truncated;
        QTest::newRow("header only") << qsizetype(0) << CryptoError::Truncated;
        QTest::newRow("after chunk 0") << qsizetype(1) << CryptoError::AuthenticationFailed;
        QTest::newRow("after chunk 1") << qsizetype(2) << CryptoError::AuthenticationFailed;
        QTest::newRow("after chunk 2 (final dropped)") << qsizetype(3) << CryptoError::AuthenticationFailed;
    }

    void truncationAtChunkBoundaryFails()
    {
        QFETCH(qsizetype, chunks);
        QFETCH(CryptoError, error);
        const qsizetype length = chunks < 0 ? 0 : kHeader + chunks * kSealedChunk;
        const auto decrypted = decrypt(m_key, kAad, m_stream.first(length));
        QVERIFY(!decrypted.ok());
        QCOMPARE(decrypted.error(), error);
    }

    void reorderedChunksFail_data()
    {
        QTest::addColumn<QList<int>>("order");
        QTest::newRow("swap 0 and 1") << QList<int> {1, 0, 2, 3};
        QTest::newRow("swap 1 and 2") << QList<int> {0, 2, 1, 3};
        QTest::newRow("drop 1") << QList<int> {0, 2, 3};
        QTest::newRow("duplicate 0") << QList<int> {0, 0, 1, 2, 3};
        QTest::newRow("final first") << QList<int> {3, 0, 1, 2};
        QTest::newRow("final repeated") << QList<int> {0, 1, 2, 3, 3};
    }

    void reorderedChunksFail()
    {
        QFETCH(QList<int>, order);
        QByteArray edited = m_stream.first(kHeader);
        for (const int index : order) {
            edited += chunkAt(m_stream, index);
        }
        const auto decrypted = decrypt(m_key, kAad, edited);
        QVERIFY(!decrypted.ok());
        QCOMPARE(decrypted.error(), CryptoError::AuthenticationFailed);
    }

    void everyFlippedBitFails()
    {
        for (qsizetype bit = 0; bit < m_stream.size() * 8; ++bit) {
            QByteArray edited = m_stream;
            edited[bit / 8] = static_cast<char>(edited[bit / 8] ^ (1 << (bit % 8)));
            const auto decrypted = decrypt(m_key, kAad, edited);
            QVERIFY2(!decrypted.ok(), qPrintable(QStringLiteral("bit %1 not detected").arg(bit)));
        }
    }

    // The chunk size is authenticated: changing it cannot go unnoticed even when the
    // stream is a single final chunk that both sizes would cut the same way.
    void changedChunkSizeFails()
    {
        const QByteArray small = encrypt(m_key, kAad, QByteArrayLiteral("short attachment"));
        QVERIFY(decrypt(m_key, kAad, small).ok());
        const auto decrypted = decrypt(m_key, kAad, withChunkSize(small, 2 * kChunk));
        QVERIFY(!decrypted.ok());
        QCOMPARE(decrypted.error(), CryptoError::AuthenticationFailed);
    }

    void trailingDataFails_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::newRow("one byte") << QByteArrayLiteral("x");
        QTest::newRow("a tag's worth") << QByteArray(16, '\0');
        QTest::newRow("a full chunk") << QByteArray(kSealedChunk, '\x5a');
        QTest::newRow("the final chunk again") << QByteArray();
    }

    void trailingDataFails()
    {
        QFETCH(QByteArray, extra);
        if (extra.isEmpty()) {
            extra = chunkAt(m_stream, 3);
        }
        const auto decrypted = decrypt(m_key, kAad, QByteArray(m_stream).append(extra));
        QVERIFY(!decrypted.ok());
        QCOMPARE(decrypted.error(), CryptoError::AuthenticationFailed);
    }

    void trailingDataAfterAFullFinalChunkFails()
    {
        const QByteArray stream = encrypt(m_key, kAad, QByteArray(kChunk, 'f'));
        QVERIFY(decrypt(m_key, kAad, stream).ok());
        QVERIFY(!decrypt(m_key, kAad, QByteArray(stream).append('\0')).ok());
        QVERIFY(!decrypt(m_key, kAad, QByteArray(stream).append(QByteArray(kSealedChunk, '\0'))).ok());
    }

    void differentAadFails()
    {
        const auto decrypted = decrypt(m_key, QByteArrayLiteral("attachment:43"), m_stream);
        QVERIFY(!decrypted.ok());
        QCOMPARE(decrypted.error(), CryptoError::AuthenticationFailed);
        QVERIFY(!decrypt(m_key, {}, m_stream).ok());
    }

    void wrongKeyFails()
    {
        const auto decrypted = decrypt(randomKey(), kAad, m_stream);
        QVERIFY(!decrypted.ok());
        QCOMPARE(decrypted.error(), CryptoError::AuthenticationFailed);
    }

    // Same key and AAD, another file: its chunks (and its header) do not fit this stream.
    void swappedFileFails()
    {
        const QByteArray other = encrypt(m_key, kAad, m_plaintext);
        QVERIFY(decrypt(m_key, kAad, other).ok());
        const QByteArray otherHeader = other.first(kHeader) + m_stream.sliced(kHeader);
        QVERIFY(!decrypt(m_key, kAad, otherHeader).ok());
        QByteArray mixed = m_stream.first(kHeader) + chunkAt(m_stream, 0) + chunkAt(other, 1);
        mixed += chunkAt(m_stream, 2) + chunkAt(m_stream, 3);
        QVERIFY(!decrypt(m_key, kAad, mixed).ok());
    }

    void badHeaderRefused_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<CryptoError>("error");
        QTest::newRow("bad magic") << QByteArray(m_stream).replace(0, 4, "VWS2")
                                   << CryptoError::MalformedHeader;
        QTest::newRow("chunk size 0") << withChunkSize(m_stream, 0) << CryptoError::InvalidChunkSize;
        QTest::newRow("chunk size 1023") << withChunkSize(m_stream, 1023) << CryptoError::InvalidChunkSize;
        QTest::newRow("chunk size 16 MiB + 1")
            << withChunkSize(m_stream, 16 * 1024 * 1024 + 1) << CryptoError::InvalidChunkSize;
        QTest::newRow("chunk size 4 GiB - 1")
            << withChunkSize(m_stream, 0xffffffffu) << CryptoError::InvalidChunkSize;
    }

    void badHeaderRefused()
    {
        QFETCH(QByteArray, stream);
        QFETCH(CryptoError, error);
        auto decryptor = StreamDecryptor::create(m_key, kAad);
        QVERIFY(decryptor.ok());
        const auto opened = decryptor.value().update(stream);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error(), error);
        // A failed stream stays failed.
        const auto finished = decryptor.value().finish();
        QVERIFY(!finished.ok());
        QCOMPARE(finished.error(), error);
    }

    void createRejectsBadKey()
    {
        const auto decryptor = StreamDecryptor::create(SecretBytes::fromBytes(QByteArray(16, '\x01')), {});
        QVERIFY(!decryptor.ok());
        QCOMPARE(decryptor.error(), CryptoError::InvalidKeyLength);
    }

    void useAfterFinishFails()
    {
        auto decryptor = StreamDecryptor::create(m_key, kAad);
        QVERIFY(decryptor.ok());
        QVERIFY(decryptor.value().update(m_stream).ok());
        QVERIFY(decryptor.value().finish().ok());
        const auto more = decryptor.value().update("more");
        QVERIFY(!more.ok());
        QCOMPARE(more.error(), CryptoError::InvalidState);
    }

    void failedUpdateReturnsNoPlaintext()
    {
        QByteArray edited = m_stream;
        // Corrupt chunk 1; chunk 0 is complete in the same update call.
        edited[kHeader + kSealedChunk + 3] = static_cast<char>(edited[kHeader + kSealedChunk + 3] ^ 0x01);
        auto decryptor = StreamDecryptor::create(m_key, kAad);
        QVERIFY(decryptor.ok());
        const auto opened = decryptor.value().update(edited);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error(), CryptoError::AuthenticationFailed);
        QVERIFY(!decryptor.value().update("x").ok());
    }

private:
    SecretBytes m_key;
    QByteArray m_plaintext;
    QByteArray m_stream;
};

QTEST_GUILESS_MAIN(TestStreamDecryptor)
#include "tst_streamdecryptor.moc"
