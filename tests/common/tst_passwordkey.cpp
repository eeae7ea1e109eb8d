#include "common/crypto/passwordkey.h"

#include <QTest>

using vw::crypto::CryptoError;

// Password-derived keys: deterministic for the same password and salt, different when
// either changes, and strict about the salt.
class TestPasswordKey : public QObject
{
    Q_OBJECT
private slots:
    void derivation()
    {
        const QByteArray salt(16, '\x42');
        const auto first = vw::crypto::deriveKeyFromPassword("outbox password", salt);
        const auto again = vw::crypto::deriveKeyFromPassword("outbox password", salt);
        const auto otherSalt = vw::crypto::deriveKeyFromPassword("outbox password", QByteArray(16, '\x43'));
        const auto otherPassword = vw::crypto::deriveKeyFromPassword("outbox passwort", salt);
        QVERIFY(first.ok() && again.ok() && otherSalt.ok() && otherPassword.ok());
        QCOMPARE(first.value().size(), vw::crypto::kPasswordKeySize);
        QVERIFY(first.value().equals(again.value()));
        QVERIFY(!first.value().equals(otherSalt.value()));
        QVERIFY(!first.value().equals(otherPassword.value()));
        QVERIFY(first.value().view() != QByteArrayView(QByteArray(32, '\0')));
    }

    void badSaltRefused_data()
    {
        QTest::addColumn<int>("saltSize");
        QTest::newRow("empty") << 0;
        QTest::newRow("8") << 8;
        QTest::newRow("15") << 15;
        QTest::newRow("17") << 17;
        QTest::newRow("32") << 32;
    }

    void badSaltRefused()
    {
        QFETCH(int, saltSize);
        const auto key = vw::crypto::deriveKeyFromPassword("pw", QByteArray(saltSize, '\x01'));
        QVERIFY(!key.ok());
        QCOMPARE(key.error(), CryptoError::InvalidSaltLength);
    }
};

QTEST_GUILESS_MAIN(TestPasswordKey)
#include "tst_passwordkey.moc"
