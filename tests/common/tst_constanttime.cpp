#include "common/crypto/constanttime.h"

#include <QTest>

// constantTimeEquals must agree with ordinary equality, including on lengths.
class TestConstantTime : public QObject
{
    Q_OBJECT
private slots:
    void equals_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("expected");
        QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("same") << QByteArrayLiteral("token") << QByteArrayLiteral("token") << true;
        QTest::newRow("first byte differs")
            << QByteArrayLiteral("Token") << QByteArrayLiteral("token") << false;
        QTest::newRow("last byte differs")
            << QByteArrayLiteral("token") << QByteArrayLiteral("tokeN") << false;
        QTest::newRow("prefix") << QByteArrayLiteral("tok") << QByteArrayLiteral("token") << false;
        QTest::newRow("empty vs not") << QByteArray() << QByteArrayLiteral("x") << false;
        QTest::newRow("embedded nul") << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
        QTest::newRow("one bit") << QByteArray(32, '\x00') << QByteArray(31, '\x00').append('\x01') << false;
    }

    void equals()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, expected);
        QCOMPARE(vw::crypto::constantTimeEquals(a, b), expected);
        QCOMPARE(vw::crypto::constantTimeEquals(b, a), expected);
    }
};

QTEST_GUILESS_MAIN(TestConstantTime)
#include "tst_constanttime.moc"
