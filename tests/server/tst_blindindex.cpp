#include "server/messaging/blindindex.h"

#include "common/crypto/secretbytes.h"

#include <QTest>

using namespace vw;
using namespace vw::server::messaging;

// The blind index's normalisation decides what "whole word, case-insensitive" means; its
// tokens must be stable per key and unrelated across keys.
class TestBlindIndex : public QObject
{
    Q_OBJECT
private slots:
    void words_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("simple") << QStringLiteral("Hello world")
                                << QStringList {QStringLiteral("hello"), QStringLiteral("world")};
        QTest::newRow("punctuation") << QStringLiteral("BP: 120/80, ok?!")
                                     << QStringList {QStringLiteral("bp"), QStringLiteral("120"),
                                            QStringLiteral("80"), QStringLiteral("ok")};
        QTest::newRow("duplicates") << QStringLiteral("Pain pain PAIN")
                                    << QStringList {QStringLiteral("pain")};
        QTest::newRow("empty") << QString() << QStringList {};
        QTest::newRow("only separators") << QStringLiteral(" ,.;-- \n\t") << QStringList {};
        // Simple (1:1) case folding, as QString::toCaseFolded does: ß stays ß, capital ẞ folds to it.
        QTest::newRow("sharp s simple folding")
            << QStringLiteral("Straße STRA\u1E9EE strasse")
            << QStringList {QStringLiteral("straße"), QStringLiteral("strasse")};
        QTest::newRow("fullwidth NFKC")
            << QStringLiteral("\uFF21\uFF22\uFF23 abc") << QStringList {QStringLiteral("abc")};
        QTest::newRow("decomposed accent composes")
            << QStringLiteral("Cafe\u0301 CAFÉ") << QStringList {QStringLiteral("caf\u00e9")};
        QTest::newRow("apostrophe splits")
            << QStringLiteral("don't") << QStringList {QStringLiteral("don"), QStringLiteral("t")};
        QTest::newRow("emoji separates") << QStringLiteral("good\U0001F600day")
                                         << QStringList {QStringLiteral("good"), QStringLiteral("day")};
        QTest::newRow("greek final sigma")
            << QStringLiteral("ΟΔΟΣ οδος") << QStringList {QStringLiteral("οδοσ")};
    }

    void words()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(BlindIndex::words(text), expected);
    }

    // Plain ASCII takes a shorter path; it must split and fold exactly as the Unicode one.
    // A trailing non-ASCII word sends the same text down the general path for comparison.
    void asciiTextGivesTheSameWordsAsTheUnicodePath_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("sentence") << QStringLiteral("Take 2 TABLETS of Ibuprofen-400, then call Dr. O'Neil!");
        QTest::newRow("digits and case") << QStringLiteral("BP 120/80 bp HR=72 hr 72");
        QTest::newRow("control characters") << QStringLiteral("line1\nline2\tTAB\x7f_under_score");
        QTest::newRow("all separators") << QStringLiteral("~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./");
    }

    void asciiTextGivesTheSameWordsAsTheUnicodePath()
    {
        QFETCH(QString, text);
        const QStringList ascii = BlindIndex::words(text);
        const QStringList general = BlindIndex::words(text + QStringLiteral(" \u00e9t\u00e9"));
        QCOMPARE(general.last(), QStringLiteral("\u00e9t\u00e9"));
        QCOMPARE(ascii, general.mid(0, general.size() - 1));
        QCOMPARE(BlindIndex::words(text, 2), ascii.mid(0, 2));
    }

    void wordCountIsCapped()
    {
        QStringList many;
        for (int i = 0; i < 2000; ++i)
            many << QStringLiteral("w%1").arg(i);
        const QStringList words = BlindIndex::words(many.join(u' '));
        QCOMPARE(words.size(), BlindIndex::kMaxWordsPerText);
        QCOMPARE(words.first(), QStringLiteral("w0"));
        QCOMPARE(BlindIndex::words(many.join(u' '), 3).size(), 3);
    }

    void tokensAreKeyedAndStable()
    {
        const auto keyA = crypto::SecretBytes::fromView(QByteArray(32, 'a'));
        const auto keyB = crypto::SecretBytes::fromView(QByteArray(32, 'b'));
        const auto a1 = BlindIndex::token(keyA, QStringLiteral("fever"));
        const auto a2 = BlindIndex::token(keyA, QStringLiteral("fever"));
        const auto b1 = BlindIndex::token(keyB, QStringLiteral("fever"));
        const auto other = BlindIndex::token(keyA, QStringLiteral("fevers"));
        QVERIFY(a1.ok() && a2.ok() && b1.ok() && other.ok());
        QCOMPARE(a1.value().size(), BlindIndex::kTokenSize);
        QCOMPARE(a1.value(), a2.value());
        QVERIFY(a1.value() != b1.value());
        QVERIFY(a1.value() != other.value());
        // The token is not the word in any form.
        QVERIFY(!a1.value().contains("fever"));

        const auto tokens = BlindIndex::tokens(keyA, QStringLiteral("Fever, FEVER and chills"));
        QVERIFY(tokens.ok());
        QCOMPARE(tokens.value().size(), 3);
        QCOMPARE(tokens.value().first(), a1.value());
    }

    void aTokenIsTheTruncatedHmacOfTheWord()
    {
        // Pinned: the tokens of every stored message depend on it (Python's hmac module).
        const auto key = crypto::SecretBytes::fromView(QByteArray(32, 'a'));
        const auto token = BlindIndex::token(key, QStringLiteral("fever"));
        QVERIFY(token.ok());
        QCOMPARE(token.value().toHex(), QByteArray("e8074ddf850ace81236f7951dbfd0a57"));
    }

    // ASCII text takes a single pass (words MACed as they are found, repeats found by token);
    // it must give exactly what the word-by-word path gives.
    void asciiTokensMatchTheWordByWordPath_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("maxWords");
        QTest::newRow("mixed case and repeats")
            << QStringLiteral("Fever, FEVER and chills; fever AND Chills") << 512;
        QTest::newRow("digits and punctuation")
            << QStringLiteral("BP 120/80 at 9:30, pulse 72 (resting)") << 512;
        QTest::newRow("a word longer than the buffer")
            << QString(200, u'X') + QStringLiteral(" x ") + QString(200, u'x') << 512;
        QTest::newRow("capped") << QStringLiteral("one two three two four five") << 3;
        QTest::newRow("no words") << QStringLiteral("  ,;  ...  ") << 512;
        QTest::newRow("empty") << QString() << 512;
    }

    void asciiTokensMatchTheWordByWordPath()
    {
        QFETCH(QString, text);
        QFETCH(int, maxWords);
        const auto key = crypto::SecretBytes::fromView(QByteArray(32, 'k'));
        const auto onePass = BlindIndex::tokens(key, text, maxWords);
        const auto wordByWord = BlindIndex::tokensOfWords(key, BlindIndex::words(text, maxWords));
        QVERIFY(onePass.ok() && wordByWord.ok());
        QCOMPARE(onePass.value(), wordByWord.value());
        QCOMPARE(onePass.value().size(), BlindIndex::words(text, maxWords).size());
    }
};

QTEST_GUILESS_MAIN(TestBlindIndex)
#include "tst_blindindex.moc"
