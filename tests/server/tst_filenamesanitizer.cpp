#include "server/attachments/filenamesanitizer.h"

#include <QRandomGenerator>
#include <QTest>

using vw::server::attachments::decodeFileNameHeader;
using vw::server::attachments::kMaxFileNameLength;
using vw::server::attachments::sanitizeFileName;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString repeated(const char *text, int times)
{
    return s(text).repeated(times);
}

} // namespace

// File names from clients: path tricks, invisible and reordering characters, overlong
// names, and the encodings X-File-Name arrives in.
class TestFileNameSanitizer : public QObject
{
    Q_OBJECT

private slots:
    void sanitizes_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("expected");

        QTest::newRow("plain") << s("report.pdf") << s("report.pdf");
        QTest::newRow("unicode kept") << s("Blutdruck März 😀.pdf") << s("Blutdruck März 😀.pdf");
        QTest::newRow("unix path") << s("../../etc/passwd") << s("passwd");
        QTest::newRow("windows path") << s("C:\\Users\\me\\scan.pdf") << s("scan.pdf");
        QTest::newRow("mixed separators") << s("a/b\\c/d.txt") << s("d.txt");
        QTest::newRow("trailing separator") << s("folder/") << s("attachment");
        QTest::newRow("empty") << QString() << s("attachment");
        QTest::newRow("dot") << s(".") << s("attachment");
        QTest::newRow("dot dot") << s("..") << s("attachment");
        QTest::newRow("dots and spaces") << s(" . .. . ") << s("attachment");
        QTest::newRow("hidden file") << s(".bashrc") << s("bashrc");
        QTest::newRow("trailing dots") << s("name.pdf...") << s("name.pdf");
        QTest::newRow("C0 and DEL") << s("\x01na\x1fme\x7f.txt") << s("name.txt");
        QTest::newRow("C1") << s("na\u0085me\u009b.txt") << s("name.txt");
        QTest::newRow("control before name") << s("../../etc/\x01passwd.pdf") << s("passwd.pdf");
        QTest::newRow("NUL") << s("report.pdf") + QChar(0) + s(".exe") << s("report.pdf.exe");
        QTest::newRow("tab and newline are spaces")
            << s("Lab\tresults\r\n2026.pdf") << s("Lab results 2026.pdf");
        QTest::newRow("right-to-left override") << s("invoice\u202Efdp.exe") << s("invoicefdp.exe");
        QTest::newRow("bidi embeddings") << s("\u202Aa\u202Bb\u202Cc\u202Dd.txt") << s("abcd.txt");
        QTest::newRow("bidi isolates") << s("\u2066a\u2067b\u2068c\u2069.txt") << s("abc.txt");
        QTest::newRow("zero-width and marks") << s("a\u200Bb\u200Ec\u200Fd\uFEFF.txt") << s("abcd.txt");
        QTest::newRow("only invisible") << s("\u202E\u200B") << s("attachment");
        QTest::newRow("non-character") << s("a\uFFFEb\uFFFF.txt") << s("ab.txt");
        QTest::newRow("whitespace runs") << s("  a   b \u00A0\u3000 c.pdf  ") << s("a b c.pdf");
        QTest::newRow("line separator") << s("a\u2028b.txt") << s("a b.txt");
        QTest::newRow("NFD to NFC") << s("Cafe\u0301.txt") << s("Caf\u00e9.txt");
        QTest::newRow("NFC across a dropped mark") << s("Cafe\u200B\u0301.txt") << s("Caf\u00e9.txt");
        QTest::newRow("exactly the limit")
            << repeated("a", 116) + s(".pdf") << repeated("a", 116) + s(".pdf");
        QTest::newRow("long keeps extension")
            << repeated("a", 200) + s(".pdf") << repeated("a", 116) + s(".pdf");
        QTest::newRow("long extension is not kept")
            << repeated("a", 200) + s(".thisextensionistoolong") << repeated("a", 120);
        QTest::newRow("extension with a space is not one")
            << repeated("a", 200) + s(".x y") << repeated("a", 120);
        QTest::newRow("cut lands on a space")
            << repeated("a", 115) + s(" bbbbbbbb.pdf") << repeated("a", 115) + s(".pdf");
        QTest::newRow("cut between surrogates")
            << repeated("a", 115) + repeated("😀", 10) + s(".pdf") << repeated("a", 115) + s(".pdf");
        QTest::newRow("long dotted name") << repeated("a.", 100) + s("pdf") << repeated("a.", 58) + s("pdf");
    }

    void sanitizes()
    {
        QFETCH(QString, raw);
        QFETCH(QString, expected);
        QCOMPARE(sanitizeFileName(raw), expected);
        QCOMPARE(sanitizeFileName(expected), expected); // idempotent
    }

    void unpairedSurrogatesAreDropped()
    {
        QString raw = s("ab.txt");
        raw.insert(1, QChar(0xD800));
        raw.insert(0, QChar(0xDC00));
        QCOMPARE(sanitizeFileName(raw), s("ab.txt"));
    }

    // Whatever comes in, what goes out is short, visible, one component and never empty.
    void randomInputIsAlwaysSafe()
    {
        QRandomGenerator random(20261123);
        const QList<char16_t> alphabet {u'a', u'.', u'/', u'\\', u' ', u'\t', 0x00, 0x1f, 0x7f, 0x85, 0x202E,
            0x2066, 0x200B, 0xD83D, 0xDE00, 0xFFFF, 0x00A0, 0x0301, u'e', u'Z'};
        for (int round = 0; round < 5000; ++round) {
            QString raw;
            const int length = int(random.bounded(300));
            for (int i = 0; i < length; ++i)
                raw.append(QChar(alphabet.at(int(random.bounded(alphabet.size())))));
            const QString name = sanitizeFileName(raw);
            QVERIFY(!name.isEmpty());
            QVERIFY(name.size() <= kMaxFileNameLength);
            QVERIFY(name != s(".") && name != s(".."));
            QVERIFY(!name.startsWith(u'.') && !name.startsWith(u' ') && !name.endsWith(u' '));
            QVERIFY(!name.contains(u'/') && !name.contains(u'\\') && !name.contains(s("  ")));
            for (qsizetype i = 0; i < name.size(); ++i) {
                const QChar c = name.at(i);
                QVERIFY2(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format,
                    qPrintable(QString::number(c.unicode(), 16)));
                if (c.isHighSurrogate())
                    QVERIFY(i + 1 < name.size() && name.at(i + 1).isLowSurrogate());
                if (c.isLowSurrogate())
                    QVERIFY(i > 0 && name.at(i - 1).isHighSurrogate());
            }
            QCOMPARE(sanitizeFileName(name), name);
        }
    }

    void decodesTheHeader_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected");

        QTest::newRow("ascii") << QByteArray("labs.pdf") << s("labs.pdf");
        QTest::newRow("trimmed") << QByteArray("  labs.pdf \t") << s("labs.pdf");
        QTest::newRow("rfc 5987") << QByteArray("UTF-8''%E2%80%A6.pdf") << s("\u2026.pdf");
        QTest::newRow("rfc 5987 lower case with language")
            << QByteArray("utf-8'de'M%C3%A4rz.pdf") << s("März.pdf");
        QTest::newRow("rfc 5987 latin-1") << QByteArray("ISO-8859-1''caf%E9.txt") << s("café.txt");
        QTest::newRow("rfc 5987 invalid utf-8 falls back to latin-1")
            << QByteArray("UTF-8''%FF%FE.txt") << s("\u00ff\u00fe.txt");
        QTest::newRow("percent-encoded") << QByteArray("caf%C3%A9%20au%20lait.txt") << s("café au lait.txt");
        QTest::newRow("lone percent stays") << QByteArray("50%off.pdf") << s("50%off.pdf");
        QTest::newRow("percent at the end") << QByteArray("100%") << s("100%");
        QTest::newRow("encoded percent") << QByteArray("100%25.pdf") << s("100%.pdf");
        QTest::newRow("plus is not a space") << QByteArray("a+b.pdf") << s("a+b.pdf");
        QTest::newRow("raw utf-8") << QByteArray("M\xc3\xa4rz.pdf") << s("März.pdf");
        QTest::newRow("raw utf-8 keeps its percent") << QByteArray("M\xc3\xa4rz%41.pdf") << s("März%41.pdf");
        QTest::newRow("raw latin-1") << QByteArray("caf\xe9.txt") << s("café.txt");
        QTest::newRow("apostrophes are not rfc 5987")
            << QByteArray("Bob's 'notes'.pdf") << s("Bob's 'notes'.pdf");
        QTest::newRow("unknown charset") << QByteArray("koi8-r''%C1.txt") << s("koi8-r''\u00c1.txt");
        QTest::newRow("encoded traversal") << QByteArray("%2e%2e%2f%2e%2e%2fpasswd") << s("../../passwd");
    }

    void decodesTheHeader()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        QCOMPARE(decodeFileNameHeader(header), expected);
    }

    void decodedThenSanitized()
    {
        QCOMPARE(sanitizeFileName(decodeFileNameHeader("%2e%2e%2f%2e%2e%2fpasswd")), s("passwd"));
        QCOMPARE(sanitizeFileName(decodeFileNameHeader("UTF-8''%00%E2%80%AEfdp.exe")), s("fdp.exe"));
        QCOMPARE(sanitizeFileName(decodeFileNameHeader("UTF-8''%2E%2E")), s("attachment"));
    }
};

QTEST_APPLESS_MAIN(TestFileNameSanitizer)
#include "tst_filenamesanitizer.moc"
