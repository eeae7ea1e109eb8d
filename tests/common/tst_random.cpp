#include "common/crypto/noncepool.h"
#include "common/crypto/random.h"

#include <QSet>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

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

    // The pool hands each byte out once: 12-byte IVs across many refills never repeat, and
    // are not runs of a constant (a pool that failed to refill would hand out wiped zeros).
    void noncesNeverRepeat()
    {
        QSet<QByteArray> seen;
        const int count = 20000; // ~60 refills of the 4 KiB pool, at ragged offsets
        for (int i = 0; i < count; ++i) {
            const auto nonce = vw::crypto::randomNonce(i % 7 == 0 ? 16 : 12);
            QVERIFY(nonce.ok());
            QVERIFY(nonce.value() != QByteArray(nonce.value().size(), '\0'));
            seen.insert(nonce.value().left(12));
        }
        QCOMPARE(seen.size(), count);
    }

    void nonceLengths()
    {
        for (const qsizetype length :
            {qsizetype(0), qsizetype(1), qsizetype(12), vw::crypto::kMaxNonceBytes}) {
            const auto nonce = vw::crypto::randomNonce(length);
            QVERIFY(nonce.ok());
            QCOMPARE(nonce.value().size(), length);
        }
        for (const qsizetype length : {qsizetype(-1), vw::crypto::kMaxNonceBytes + 1}) {
            const auto nonce = vw::crypto::randomNonce(length);
            QVERIFY(!nonce.ok());
            QCOMPARE(nonce.error(), CryptoError::InvalidInput);
        }
    }

    // A forked child starts with a copy of the parent's pool; it must not hand out the bytes
    // the parent hands out next (two processes sealing with the same IVs).
    void aForkedChildDoesNotRepeatTheParentsNonces()
    {
        QVERIFY(vw::crypto::randomNonce(12).ok()); // the pool is filled
        int pipeFds[2];
        QCOMPARE(pipe(pipeFds), 0);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            close(pipeFds[0]);
            const auto nonce = vw::crypto::randomNonce(16);
            const bool written = nonce.ok() && write(pipeFds[1], nonce.value().constData(), 16) == 16;
            _exit(written ? 0 : 1);
        }
        close(pipeFds[1]);
        QByteArray fromChild(16, '\0');
        const ssize_t got = read(pipeFds[0], fromChild.data(), 16);
        close(pipeFds[0]);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QCOMPARE(got, ssize_t(16));
        const auto fromParent = vw::crypto::randomNonce(16);
        QVERIFY(fromParent.ok());
        QVERIFY(fromChild != fromParent.value());
    }
};

QTEST_GUILESS_MAIN(TestRandom)
#include "tst_random.moc"
