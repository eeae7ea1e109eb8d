#include "common/crypto/passwordhasher.h"

#include <QTest>

using vw::crypto::CryptoError;
using vw::crypto::PasswordCheck;
using vw::crypto::PasswordHasher;

// Argon2id password hashes. Each hash costs tens of milliseconds, so hashes are made once
// in initTestCase() and shared.
class TestPasswordHasher : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        const auto first = PasswordHasher::hash("correct horse battery staple");
        const auto second = PasswordHasher::hash("correct horse battery staple");
        QVERIFY(first.ok());
        QVERIFY(second.ok());
        m_hash = first.value();
        m_secondHash = second.value();
    }

    void usesOurParameters()
    {
        QVERIFY2(m_hash.startsWith(QLatin1StringView("$argon2id$v=19$m=19456,t=2,p=1$")), qPrintable(m_hash));
        QCOMPARE(PasswordHasher::needsRehash(m_hash).value(), false);
    }

    void rightPasswordMatches()
    {
        const auto check = PasswordHasher::verify(m_hash, "correct horse battery staple");
        QVERIFY(check.ok());
        QCOMPARE(check.value(), PasswordCheck::Match);
        QCOMPARE(PasswordHasher::verify(m_secondHash, "correct horse battery staple").value(),
            PasswordCheck::Match);
    }

    void wrongPasswordMismatches_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("different") << QByteArrayLiteral("Tr0ub4dor&3");
        QTest::newRow("one character off") << QByteArrayLiteral("correct horse battery stapler");
        QTest::newRow("empty") << QByteArray();
    }

    void wrongPasswordMismatches()
    {
        QFETCH(QByteArray, password);
        const auto check = PasswordHasher::verify(m_hash, password);
        QVERIFY(check.ok());
        QCOMPARE(check.value(), PasswordCheck::Mismatch);
    }

    void hashesAreSalted() { QVERIFY(m_hash != m_secondHash); }

    void weakerParametersNeedRehash()
    {
        const auto weak = vw::crypto::detail::hashPasswordWithParams("pw", 1, 8 * 1024 * 1024);
        QVERIFY(weak.ok());
        QVERIFY(weak.value().startsWith(QLatin1StringView("$argon2id$v=19$m=8192,t=1,p=1$")));
        const auto rehash = PasswordHasher::needsRehash(weak.value());
        QVERIFY(rehash.ok());
        QCOMPARE(rehash.value(), true);
        // Old hashes keep working until they are replaced.
        QCOMPARE(PasswordHasher::verify(weak.value(), "pw").value(), PasswordCheck::Match);
    }

    void malformedHashRefused_data()
    {
        QTest::addColumn<QString>("encoded");
        const QString salt = QStringLiteral("c29tZXNhbHRzb21lc2FsdA");
        const QString hash = QStringLiteral("aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("not a hash");
        QTest::newRow("argon2i") << QString(
            QStringLiteral("$argon2i$v=19$m=19456,t=2,p=1$") + salt + u'$' + hash);
        QTest::newRow("bcrypt") << QStringLiteral(
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW");
        QTest::newRow("old version") << QString(
            QStringLiteral("$argon2id$v=16$m=19456,t=2,p=1$") + salt + u'$' + hash);
        QTest::newRow("4 GiB memory")
            << QString(QStringLiteral("$argon2id$v=19$m=4194304,t=2,p=1$") + salt + u'$' + hash);
        QTest::newRow("huge memory digits")
            << QString(QStringLiteral("$argon2id$v=19$m=99999999999999999999,t=2,p=1$") + salt + u'$' + hash);
        QTest::newRow("1000 passes") << QString(
            QStringLiteral("$argon2id$v=19$m=19456,t=1000,p=1$") + salt + u'$' + hash);
        QTest::newRow("zero memory") << QString(
            QStringLiteral("$argon2id$v=19$m=0,t=2,p=1$") + salt + u'$' + hash);
        QTest::newRow("negative passes")
            << QString(QStringLiteral("$argon2id$v=19$m=19456,t=-2,p=1$") + salt + u'$' + hash);
        QTest::newRow("missing hash")
            << QString(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$") + salt + u'$');
        QTest::newRow("missing salt") << QString(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$$") + hash);
        QTest::newRow("bad base64") << QString(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$") + salt + u'$'
            + hash.left(10) + u'*' + hash.mid(11));
        QTest::newRow("short salt") << QString(
            QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$") + hash);
        QTest::newRow("non-ascii") << QString(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$") + salt + u'$'
            + hash.left(10) + QChar(0xe9) + hash.mid(11));
        QTest::newRow("embedded nul")
            << QString(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$") + salt + QChar(0) + u'$' + hash);
        QTest::newRow("overlong") << QString(
            QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$") + salt + u'$' + hash.repeated(4));
        QTest::newRow("trailing field")
            << QString(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$") + salt + u'$' + hash + u'$' + hash);
    }

    void malformedHashRefused()
    {
        QFETCH(QString, encoded);
        const auto check = PasswordHasher::verify(encoded, "password");
        QVERIFY(!check.ok());
        QCOMPARE(check.error(), CryptoError::MalformedHash);
        const auto rehash = PasswordHasher::needsRehash(encoded);
        QVERIFY(!rehash.ok());
        QCOMPARE(rehash.error(), CryptoError::MalformedHash);
    }

    void truncatedRealHashRefused()
    {
        // Cut inside the salt: the hash field disappears.
        const QString cut = m_hash.left(m_hash.lastIndexOf(u'$') - 3);
        QCOMPARE(
            PasswordHasher::verify(cut, "correct horse battery staple").error(), CryptoError::MalformedHash);
    }

private:
    QString m_hash;
    QString m_secondHash;
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
