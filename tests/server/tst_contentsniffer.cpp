#include "server/attachments/contentsniffer.h"
#include "tests/support/sampledocuments.h"

#include <QElapsedTimer>
#include <QTest>
#include <QtEndian>

using vw::server::ServiceError;
using vw::server::attachments::ContentSniffer;
namespace samples = vw::test::samples;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const QString kDocx = s("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
const QString kXlsx = s("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
const QString kPptx = s("application/vnd.openxmlformats-officedocument.presentationml.presentation");
const QString kOdt = s("application/vnd.oasis.opendocument.text");

const QByteArray kContentTypesXml = QByteArrayLiteral("<?xml version=\"1.0\"?><Types/>");

QByteArray isoBmff(const char *majorBrand, const char *compatibleBrands)
{
    const QByteArray brands = QByteArray(compatibleBrands);
    QByteArray box(4, '\0');
    qToBigEndian<quint32>(quint32(16 + brands.size()), box.data());
    return box + "ftyp" + majorBrand + QByteArray(4, '\0') + brands + QByteArray(64, '\0');
}

QByteArray macho64()
{
    return QByteArray::fromHex("cffaedfe0700000103000000") + QByteArray(64, '\0');
}

QByteArray javaClass()
{
    return QByteArray::fromHex("cafebabe00000034") + QByteArray(64, '\0');
}

QByteArray zipOfText()
{
    return samples::storedZip({{s("notes/a.txt"), QByteArrayLiteral("hello")}});
}

QByteArray docxWithMacros()
{
    return samples::storedZip({{s("[Content_Types].xml"), kContentTypesXml},
        {s("word/document.xml"), QByteArrayLiteral("<w:document/>")},
        {s("word/vbaProject.bin"), QByteArray(32, 'v')}});
}

// A package with both a document and a workbook: only the declared type can settle it.
QByteArray wordAndExcel()
{
    return samples::storedZip({{s("[Content_Types].xml"), kContentTypesXml},
        {s("word/document.xml"), QByteArrayLiteral("<w:document/>")},
        {s("xl/workbook.xml"), QByteArrayLiteral("<x/>")}});
}

// The same archive with a Zip64 end record: the classic one only says "look there".
QByteArray withZip64End(const QByteArray &zip)
{
    const qsizetype end = zip.size() - 22;
    const auto count = qFromLittleEndian<quint16>(zip.constData() + end + 10);
    const auto directorySize = qFromLittleEndian<quint32>(zip.constData() + end + 12);
    const auto directoryOffset = qFromLittleEndian<quint32>(zip.constData() + end + 16);
    QByteArray out = zip.left(end);
    const quint64 record = quint64(out.size());
    samples::appendLe32(out, 0x06064b50);
    samples::appendLe64(out, 44);
    samples::appendLe16(out, 45);
    samples::appendLe16(out, 45);
    samples::appendLe32(out, 0);
    samples::appendLe32(out, 0);
    samples::appendLe64(out, count);
    samples::appendLe64(out, count);
    samples::appendLe64(out, directorySize);
    samples::appendLe64(out, directoryOffset);
    samples::appendLe32(out, 0x07064b50);
    samples::appendLe32(out, 0);
    samples::appendLe64(out, record);
    samples::appendLe32(out, 1);
    samples::appendLe32(out, 0x06054b50);
    samples::appendLe16(out, 0);
    samples::appendLe16(out, 0);
    samples::appendLe16(out, 0xFFFF);
    samples::appendLe16(out, 0xFFFF);
    samples::appendLe32(out, 0xFFFFFFFF);
    samples::appendLe32(out, 0xFFFFFFFF);
    samples::appendLe16(out, 0);
    return out;
}

// An archive comment after the end record, with a decoy end signature in it.
QByteArray withComment(const QByteArray &zip)
{
    const QByteArray comment = QByteArrayLiteral("made by a test; PK\x05\x06 is not the end");
    QByteArray out = zip;
    qToLittleEndian<quint16>(quint16(comment.size()), out.data() + out.size() - 2);
    return out + comment;
}

QByteArray textWithNulAt(qsizetype position)
{
    QByteArray text(position + 20, 'a');
    text[position] = '\0';
    return text;
}

} // namespace

// What the sniffer makes of real files built in memory, as QMimeDatabase on Debian 12
// (shared-mime-info 2.2) sees them: the allowed types with and without a declared type,
// the lies (executables under innocent names, a zip posing as Word), text that is not
// UTF-8, and hostile zip structures that must not crash it.
class TestContentSniffer : public QObject
{
    Q_OBJECT

private slots:
    void acceptsAllowedContent_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("declared");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("isImage");

        QTest::newRow("png") << samples::png() << s("image/png") << s("a.png") << s("image/png") << true;
        QTest::newRow("png undeclared") << samples::png() << QString() << s("a") << s("image/png") << true;
        QTest::newRow("png as octet-stream")
            << samples::png() << s("application/octet-stream") << s("a.bin") << s("image/png") << true;
        QTest::newRow("png as image/x-png")
            << samples::png() << s("image/x-png") << s("a.png") << s("image/png") << true;
        QTest::newRow("jpeg") << samples::jpeg() << s("image/jpeg") << s("a.jpg") << s("image/jpeg") << true;
        QTest::newRow("jpeg as image/jpg")
            << samples::jpeg() << s("image/jpg") << s("a.jpg") << s("image/jpeg") << true;
        QTest::newRow("jpeg as image/pjpeg")
            << samples::jpeg() << s("image/pjpeg") << s("a.jpg") << s("image/jpeg") << true;
        QTest::newRow("gif") << samples::gif() << s("image/gif") << s("a.gif") << s("image/gif") << true;
        QTest::newRow("webp") << samples::webp() << s("image/webp") << s("a.webp") << s("image/webp") << true;
        QTest::newRow("heic") << samples::heic() << s("image/heic") << s("IMG_1.HEIC") << s("image/heic")
                              << true;
        QTest::newRow("heic as heif")
            << samples::heic() << s("image/heif") << s("a.heif") << s("image/heic") << true;
        QTest::newRow("heic undeclared") << samples::heic() << QString() << s("a") << s("image/heic") << true;
        QTest::newRow("heic under mif1")
            << isoBmff("mif1", "mif1heic") << s("image/heic") << s("a.heic") << s("image/heic") << true;
        QTest::newRow("heif not hevc")
            << isoBmff("mif1", "mif1miaf") << s("image/heif") << s("a.heif") << s("image/heif") << true;
        QTest::newRow("pdf") << samples::pdf() << s("application/pdf") << s("a.pdf") << s("application/pdf")
                             << false;
        QTest::newRow("pdf parameters and case")
            << samples::pdf() << s(" Application/PDF; name=x") << s("a.pdf") << s("application/pdf") << false;
        QTest::newRow("pdf as x-pdf")
            << samples::pdf() << s("application/x-pdf") << s("a.pdf") << s("application/pdf") << false;
        QTest::newRow("text") << samples::plainText() << s("text/plain") << s("log.txt") << s("text/plain")
                              << false;
        QTest::newRow("text charset") << samples::plainText() << s("text/plain; charset=utf-8")
                                      << s("log.txt") << s("text/plain") << false;
        QTest::newRow("text undeclared")
            << samples::plainText() << QString() << s("log") << s("text/plain") << false;
        QTest::newRow("text with BOM")
            << QByteArray("\xef\xbb\xbfnotes\n") << s("text/plain") << s("a.txt") << s("text/plain") << false;
        QTest::newRow("eicar is text here")
            << QByteArrayLiteral("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
            << s("text/plain") << s("eicar.txt") << s("text/plain") << false;
        // shared-mime-info guesses these from the first words; they are still plain notes.
        QTest::newRow("email-like note") << QByteArray("From: Dr Smith\nTo: nurse\n\nBP fine.\n")
                                         << s("text/plain") << s("n.txt") << s("text/plain") << false;
        QTest::newRow("matlab-like note") << QByteArray("% of doses taken: 90\n") << s("text/plain")
                                          << s("n.txt") << s("text/plain") << false;
        QTest::newRow("c-like note") << QByteArray("// follow up in 2 weeks\n") << QString() << s("n.txt")
                                     << s("text/plain") << false;
        QTest::newRow("csv") << samples::csv() << s("text/csv") << s("bp.csv") << s("text/csv") << false;
        QTest::newRow("csv as text/x-csv")
            << samples::csv() << s("text/x-csv") << s("bp.csv") << s("text/csv") << false;
        QTest::newRow("csv as application/csv")
            << samples::csv() << s("application/csv") << s("bp.csv") << s("text/csv") << false;
        QTest::newRow("csv undeclared by name")
            << samples::csv() << QString() << s("bp.CSV") << s("text/csv") << false;
        QTest::newRow("csv as octet-stream by name")
            << samples::csv() << s("application/octet-stream") << s("bp.csv") << s("text/csv") << false;
        QTest::newRow("csv as Excel from Windows")
            << samples::csv() << s("application/vnd.ms-excel") << s("bp.csv") << s("text/csv") << false;
        QTest::newRow("csv declared text/plain")
            << samples::csv() << s("text/plain") << s("bp.csv") << s("text/plain") << false;
        QTest::newRow("docx") << samples::docx() << kDocx << s("a.docx") << kDocx << false;
        QTest::newRow("docx undeclared") << samples::docx() << QString() << s("a") << kDocx << false;
        QTest::newRow("docx as zip") << samples::docx() << s("application/zip") << s("a.docx") << kDocx
                                     << false;
        QTest::newRow("xlsx") << samples::xlsx() << kXlsx << s("a.xlsx") << kXlsx << false;
        QTest::newRow("pptx") << samples::pptx() << kPptx << s("a.pptx") << kPptx << false;
        QTest::newRow("docx zip64") << withZip64End(samples::docx()) << kDocx << s("a.docx") << kDocx
                                    << false;
        QTest::newRow("docx with comment")
            << withComment(samples::docx()) << kDocx << s("a.docx") << kDocx << false;
        QTest::newRow("docx without end record")
            << samples::docx().chopped(22) << kDocx << s("a.docx") << kDocx << false;
        QTest::newRow("mixed package declared xlsx")
            << wordAndExcel() << kXlsx << s("a.xlsx") << kXlsx << false;
        QTest::newRow("odt") << samples::odt() << kOdt << s("a.odt") << kOdt << false;
        QTest::newRow("odt as zip") << samples::odt() << s("application/zip") << s("a.odt") << kOdt << false;
        QTest::newRow("odt undeclared") << samples::odt() << QString() << s("a") << kOdt << false;
    }

    void acceptsAllowedContent()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, declared);
        QFETCH(QString, fileName);
        QFETCH(QString, expected);
        QFETCH(bool, isImage);
        const auto result = ContentSniffer().check(bytes, declared, fileName);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(result.value().mimeType, expected);
        QCOMPARE(result.value().isImage, isImage);
        QVERIFY(ContentSniffer::allowedTypes().contains(expected));
    }

    void refusesWithAReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("declared");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty") << QByteArray() << s("text/plain") << s("a.txt") << 400 << s("File is empty");
        // Executables, whatever they claim to be.
        QTest::newRow("elf")
            << samples::elfExecutable() << s("application/octet-stream") << s("tool") << 415
            << s("File content is an executable (application/x-executable), which is not allowed");
        QTest::newRow("windows program as pdf")
            << samples::windowsExecutable() << s("application/pdf") << s("report.pdf") << 415
            << s("File content is an executable (application/x-ms-dos-executable), which is not allowed");
        QTest::newRow("shell script as text")
            << QByteArray("#!/bin/sh\nrm -rf ~\n") << s("text/plain") << s("notes.txt") << 415
            << s("File content is an executable (application/x-shellscript), which is not allowed");
        QTest::newRow("python script")
            << QByteArray("#!/usr/bin/env python3\nprint(1)\n") << s("text/plain") << s("a.txt") << 415
            << s("File content is an executable (text/x-python3), which is not allowed");
        QTest::newRow("#! unknown to shared-mime-info")
            << QByteArray("#!/usr/bin/node\nconsole.log(1)\n") << s("text/plain") << s("a.txt") << 415
            << s("File content is an executable (application/x-shellscript), which is not allowed");
        QTest::newRow("mach-o")
            << macho64() << QString() << s("a") << 415
            << s("File content is an executable (application/x-mach-binary), which is not allowed");
        QTest::newRow("java class")
            << javaClass() << s("application/pdf") << s("a.pdf") << 415
            << s("File content is an executable (application/x-java), which is not allowed");
        QTest::newRow("jar as docx")
            << samples::plainZip() << kDocx << s("x.docx") << 415
            << s("File content is an executable (application/x-java-archive), which is not "
                 "allowed");
        QTest::newRow("desktop launcher")
            << QByteArray("[Desktop Entry]\nExec=sh -c x\n") << s("text/plain") << s("a.txt") << 415
            << s("File content is an executable (application/x-desktop), which is not "
                 "allowed");
        // Types outside the allow-list.
        QTest::newRow("zip") << zipOfText() << QString() << s("a.zip") << 415
                             << s("File type application/zip is not allowed");
        QTest::newRow("docm")
            << docxWithMacros() << QString() << s("a.docm") << 415
            << s("File type application/vnd.ms-word.document.macroEnabled.12 is not allowed");
        QTest::newRow("docm as docx") << docxWithMacros() << kDocx << s("a.docx") << 415
                                      << s("Declared type %1 does not match the content "
                                           "(application/vnd.ms-word.document.macroEnabled.12)")
                                             .arg(kDocx);
        QTest::newRow("html as text") << QByteArray("<html><body>hi</body></html>") << s("text/plain")
                                      << s("a.txt") << 415 << s("File type text/html is not allowed");
        QTest::newRow("svg") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
                             << s("image/svg+xml") << s("a.svg") << 415
                             << s("File type image/svg+xml is not allowed");
        QTest::newRow("registry import")
            << QByteArray("Windows Registry Editor Version 5.00\n") << s("text/plain") << s("a.reg") << 415
            << s("File type text/x-ms-regedit is not allowed");
        QTest::newRow("avif") << isoBmff("avif", "avifmif1") << QString() << s("a.avif") << 415
                              << s("File type image/avif is not allowed");
        QTest::newRow("legacy word") << QByteArray::fromHex("d0cf11e0a1b11ae1") + QByteArray(600, '\0')
                                     << s("application/msword") << s("a.doc") << 415
                                     << s("File type application/x-ole-storage is not allowed");
        QTest::newRow("unknown binary") << QByteArray::fromHex("0102030405060708") << QString() << s("a")
                                        << 415 << s("File type application/octet-stream is not allowed");
        // Text must be UTF-8 without NUL, to the last byte.
        QTest::newRow("NUL early") << textWithNulAt(5) << s("text/plain") << s("a.txt") << 415
                                   << s("Declared type text/plain does not match the content "
                                        "(application/octet-stream)");
        QTest::newRow("NUL late") << textWithNulAt(4000) << s("text/plain") << s("a.txt") << 415
                                  << s("File content is text but not UTF-8 without NUL bytes (text/plain); "
                                       "only UTF-8 text is allowed");
        QTest::newRow("latin-1") << QByteArray("caf\xe9 au lait\n") << s("text/plain") << s("a.txt") << 415
                                 << s("File content is text but not UTF-8 without NUL bytes (text/plain); "
                                      "only UTF-8 text is allowed");
        QTest::newRow("utf-16") << QByteArray("\xff\xfeh\0i\0", 6) << s("text/plain") << s("a.txt") << 415
                                << s("File content is text but not UTF-8 without NUL bytes (text/plain); "
                                     "only UTF-8 text is allowed");
        QTest::newRow("overlong utf-8 slash")
            << QByteArray("a\xc0\xaf b\n") << s("text/plain") << s("a.txt") << 415
            << s("File content is text but not UTF-8 without NUL bytes "
                 "(text/plain); only UTF-8 text is allowed");
        QTest::newRow("utf-8 surrogate")
            << QByteArray("a\xed\xa0\x80 b\n") << QString() << s("a.txt") << 415
            << s("File content is text but not UTF-8 without NUL bytes (text/plain); "
                 "only UTF-8 text is allowed");
        // Declared types the content contradicts.
        QTest::newRow("png as pdf")
            << samples::png() << s("application/pdf") << s("x.pdf") << 415
            << s("Declared type application/pdf does not match the content (image/png)");
        QTest::newRow("pdf as png")
            << samples::pdf() << s("image/png") << s("x.png") << 415
            << s("Declared type image/png does not match the content (application/pdf)");
        QTest::newRow("text as jpeg")
            << samples::plainText() << s("image/jpeg") << s("x.jpg") << 415
            << s("Declared type image/jpeg does not match the content (text/plain)");
        QTest::newRow("zip as docx")
            << zipOfText() << kDocx << s("x.docx") << 415
            << s("Declared type %1 does not match the content (application/zip)").arg(kDocx);
        QTest::newRow("xlsx as docx")
            << samples::xlsx() << kDocx << s("x.docx") << 415
            << s("Declared type %1 does not match the content (%2)").arg(kDocx, kXlsx);
        QTest::newRow("mixed package undeclared")
            << wordAndExcel() << QString() << s("x") << 415 << s("File type application/zip is not allowed");
        QTest::newRow("csv as excel without .csv")
            << samples::csv() << s("application/vnd.ms-excel") << s("bp.txt") << 415
            << s("Declared type application/vnd.ms-excel does not match the content (text/plain)");
        QTest::newRow("avif as heic")
            << isoBmff("avif", "avifmif1") << s("image/heic") << s("a.heic") << 415
            << s("Declared type image/heic does not match the content (image/avif)");
        QTest::newRow("odt as docx")
            << samples::odt() << kDocx << s("a.docx") << 415
            << s("Declared type %1 does not match the content (%2)").arg(kDocx, kOdt);
        QTest::newRow("declared type is shown safely")
            << samples::pdf() << s("image/png\x01<b>") << s("a.pdf") << 415
            << s("Declared type image/png?<b> does not match the content (application/pdf)");
    }

    void refusesWithAReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, declared);
        QFETCH(QString, fileName);
        QFETCH(int, status);
        QFETCH(QString, message);
        const auto result = ContentSniffer().check(bytes, declared, fileName);
        QVERIFY2(!result.ok(), result.ok() ? qPrintable(result.value().mimeType) : "");
        QCOMPARE(vw::server::httpStatus(result.error().kind), status);
        QCOMPARE(result.error().message, message);
    }

    void allowedTypesAreTheDocumentedList()
    {
        const QStringList expected {s("image/png"), s("image/jpeg"), s("image/gif"), s("image/webp"),
            s("image/heic"), s("image/heif"), s("application/pdf"), s("text/plain"), s("text/csv"), kDocx,
            kXlsx, kPptx, kOdt};
        QCOMPARE(ContentSniffer::allowedTypes(), expected);
    }

    // The whole file is read, not just its head: a NUL at the very end of 8 MiB of text.
    void largeTextIsValidatedToTheEnd()
    {
        QByteArray text;
        text.reserve(8 * 1024 * 1024);
        while (text.size() < 8 * 1024 * 1024 - 64)
            text += "2026-11-20,128,82,\xc3\xa9valuation ok\n";
        QElapsedTimer timer;
        timer.start();
        const auto accepted = ContentSniffer().check(text, s("text/csv"), s("bp.csv"));
        QVERIFY(accepted.ok());
        QCOMPARE(accepted.value().mimeType, s("text/csv"));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        text.append('\0');
        QVERIFY(!ContentSniffer().check(text, s("text/csv"), s("bp.csv")).ok());
    }

    // Hostile zips: every truncation and every single-byte corruption of an Office file is
    // either recognised or refused, never read out of bounds (run under the asan preset).
    void damagedZipsAreHandled()
    {
        const QList<QByteArray> sources {
            samples::docx(), withZip64End(samples::xlsx()), withComment(samples::pptx())};
        const ContentSniffer sniffer;
        int accepted = 0;
        int refused = 0;
        for (const QByteArray &source : sources) {
            for (qsizetype length = 1; length < source.size(); ++length) {
                const auto result = sniffer.check(source.left(length), QString(), s("a"));
                (result.ok() ? accepted : refused)++;
            }
            for (qsizetype i = 0; i < source.size(); ++i) {
                for (const char value : {'\0', '\xff', '\x7f'}) {
                    QByteArray damaged = source;
                    damaged[i] = value;
                    const auto result = sniffer.check(damaged, QString(), s("a"));
                    if (result.ok())
                        QVERIFY(ContentSniffer::allowedTypes().contains(result.value().mimeType));
                    (result.ok() ? accepted : refused)++;
                }
            }
        }
        QVERIFY(accepted > 0);
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(TestContentSniffer)
#include "tst_contentsniffer.moc"
