#include "common/crypto/cryptoerror.h"

#include <QSet>
#include <QTest>

using vw::crypto::CryptoError;

// Every error has its own readable message, so logs tell failures apart.
class TestCryptoError : public QObject
{
    Q_OBJECT
private slots:
    void everyErrorHasADistinctMessage()
    {
        const CryptoError all[] = {
            CryptoError::RandomFailure,
            CryptoError::InvalidKeyLength,
            CryptoError::InvalidIvLength,
            CryptoError::InvalidSaltLength,
            CryptoError::InvalidInput,
            CryptoError::Truncated,
            CryptoError::AuthenticationFailed,
            CryptoError::BackendFailure,
            CryptoError::MalformedHash,
            CryptoError::MalformedHeader,
            CryptoError::InvalidChunkSize,
            CryptoError::MalformedWrappedKey,
            CryptoError::KeyIdMismatch,
            CryptoError::InvalidState,
            CryptoError::OutOfMemory,
            CryptoError::IoError,
        };
        QSet<QString> messages;
        for (const CryptoError error : all) {
            const QString message = vw::crypto::errorString(error);
            QVERIFY(!message.isEmpty());
            QVERIFY2(!message.contains(QLatin1StringView("unknown")), qPrintable(message));
            messages.insert(message);
        }
        QCOMPARE(messages.size(), qsizetype(std::size(all)));
    }
};

QTEST_GUILESS_MAIN(TestCryptoError)
#include "tst_cryptoerror.moc"
