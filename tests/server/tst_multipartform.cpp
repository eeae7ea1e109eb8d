#include "server/attachments/multipartform.h"

#include <QRandomGenerator>
#include <QTest>

using vw::server::ServiceError;
using vw::server::attachments::extractFilePart;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const QByteArray kBoundary = "----vwBoundary7MA4YWxkTrZu0gW";
const QByteArray kContentType = "multipart/form-data; boundary=" + kBoundary;

// Bytes that look like the edges of a part without being one.
QByteArray trickyData()
{
    return QByteArray("\r\n--") + kBoundary.left(10) + QByteArray("\0\r\n\r\n--\xff\xfe", 9) + "\r\n-"
        + kBoundary + "\r";
}

QByteArray part(const QByteArray &headers, const QByteArray &data)
{
    return "--" + kBoundary + "\r\n" + headers + "\r\n" + data + "\r\n";
}

QByteArray closing()
{
    return "--" + kBoundary + "--\r\n";
}

QByteArray filePart(const QByteArray &data, const QByteArray &fileName = "scan.pdf",
    const QByteArray &type = "application/pdf")
{
    return part("Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName
            + "\"\r\nContent-Type: " + type + "\r\n",
        data);
}

QByteArray fieldPart(const QByteArray &name, const QByteArray &value)
{
    return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", value);
}

// A browser-shaped body: a note, the file, a trailing field.
QByteArray typicalBody(const QByteArray &data)
{
    return fieldPart("note", "for Dr Who") + filePart(data) + fieldPart("conversation", "42") + closing();
}

} // namespace

// multipart/form-data as browsers, curl and hostile clients send it (RFC 7578 / 2046).
class TestMultipartForm : public QObject
{
    Q_OBJECT

private slots:
    void extractsTheFile_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("type");

        QTest::newRow("typical") << kContentType << typicalBody("%PDF-1.4 x") << QByteArray("%PDF-1.4 x")
                                 << s("scan.pdf") << s("application/pdf");
        QTest::newRow("data that looks like boundaries")
            << kContentType << typicalBody(trickyData()) << trickyData() << s("scan.pdf")
            << s("application/pdf");
        QTest::newRow("empty file") << kContentType << typicalBody({}) << QByteArray() << s("scan.pdf")
                                    << s("application/pdf");
        QTest::newRow("quoted boundary with space")
            << QByteArray("multipart/form-data; boundary=\"a b:c\"")
            << QByteArray(
                   "--a b:c\r\nContent-Disposition: form-data; name=file; filename=x.txt\r\n\r\nhi\r\n--a "
                   "b:c--")
            << QByteArray("hi") << s("x.txt") << QString();
        QTest::newRow("parameter names and media type case")
            << QByteArray("Multipart/Form-Data;Boundary=b ; charset=utf-8")
            << QByteArray("--b\r\ncontent-disposition: Form-Data; NAME=\"file\"\r\nCONTENT-TYPE: Text/CSV; "
                          "charset=utf-8\r\n\r\na,b\r\n--b--\r\n")
            << QByteArray("a,b") << QString() << s("text/csv");
        QTest::newRow("preamble, padding and epilogue") << kContentType
                                                        << "This is a preamble.\r\n--" + kBoundary
                + " \t\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--" + kBoundary
                + "--epilogue is ignored" << QByteArray("x")
                                                        << QString() << QString();
        QTest::newRow("filename* preferred")
            << kContentType
            << part("Content-Disposition: form-data; name=\"file\"; filename=\"fallback.pdf\"; "
                    "filename*=UTF-8''%E2%80%A6.pdf\r\n",
                   "x")
                + closing()
            << QByteArray("x") << s("\u2026.pdf") << QString();
        QTest::newRow("utf-8 filename") << kContentType << filePart("x", "M\xc3\xa4rz.pdf") + closing()
                                        << QByteArray("x") << s("März.pdf") << s("application/pdf");
        QTest::newRow("browser-escaped quote") << kContentType << filePart("x", "a%22b.pdf") + closing()
                                               << QByteArray("x") << s("a\"b.pdf") << s("application/pdf");
        QTest::newRow("backslash-escaped quote") << kContentType << filePart("x", "a\\\"b.pdf") + closing()
                                                 << QByteArray("x") << s("a\"b.pdf") << s("application/pdf");
        QTest::newRow("windows path kept for the sanitizer")
            << kContentType << filePart("x", "C:\\Users\\me\\scan.pdf") + closing() << QByteArray("x")
            << s("C:\\Users\\me\\scan.pdf") << s("application/pdf");
        QTest::newRow("no headers but the disposition")
            << kContentType << part("Content-Disposition: form-data; name=\"file\"\r\n", "x") + closing()
            << QByteArray("x") << QString() << QString();
        QTest::newRow("binary transfer encoding")
            << kContentType
            << part("Content-Disposition: form-data; name=\"file\"\r\nContent-Transfer-Encoding: binary\r\n",
                   "x")
                + closing()
            << QByteArray("x") << QString() << QString();
        QTest::newRow("70-character boundary")
            << "multipart/form-data; boundary=" + QByteArray(70, 'b')
            << "--" + QByteArray(70, 'b') + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--"
                + QByteArray(70, 'b') + "--"
            << QByteArray("x") << QString() << QString();
    }

    void extractsTheFile()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, data);
        QFETCH(QString, fileName);
        QFETCH(QString, type);
        const auto part = extractFilePart(contentType, body);
        QVERIFY2(part.ok(), part.ok() ? "" : qPrintable(part.error().message));
        QCOMPARE(part.value().data, data);
        QCOMPARE(part.value().fileName, fileName);
        QCOMPARE(part.value().contentType, type);
    }

    void anotherFieldName()
    {
        const QByteArray body = fieldPart("file", "not this") + fieldPart("upload", "this one") + closing();
        const auto part = extractFilePart(kContentType, body, "upload");
        QVERIFY(part.ok());
        QCOMPARE(part.value().data, QByteArray("this one"));
    }

    void refusesMalformedBodies_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");

        const QByteArray disposition = "Content-Disposition: form-data; name=\"file\"\r\n";
        QTest::newRow("not multipart") << QByteArray("text/plain") << typicalBody("x")
                                       << s("Content-Type is not a valid multipart/form-data header");
        QTest::newRow("no boundary") << QByteArray("multipart/form-data") << typicalBody("x")
                                     << s("multipart/form-data needs a boundary of 1 to 70 characters");
        QTest::newRow("empty boundary")
            << QByteArray("multipart/form-data; boundary=\"\"") << typicalBody("x")
            << s("multipart/form-data needs a boundary of 1 to 70 characters");
        QTest::newRow("71-character boundary")
            << "multipart/form-data; boundary=" + QByteArray(71, 'b') << typicalBody("x")
            << s("multipart/form-data needs a boundary of 1 to 70 characters");
        QTest::newRow("boundary with a bad character")
            << QByteArray("multipart/form-data; boundary=\"a\\\\b\"") << typicalBody("x")
            << s("multipart/form-data needs a boundary of 1 to 70 characters");
        QTest::newRow("boundary ending in a space")
            << QByteArray("multipart/form-data; boundary=\"ab \"") << typicalBody("x")
            << s("multipart/form-data needs a boundary of 1 to 70 characters");
        QTest::newRow("boundary given twice") << kContentType + "; boundary=other" << typicalBody("x")
                                              << s("Content-Type is not a valid multipart/form-data header");
        QTest::newRow("empty body") << kContentType << QByteArray()
                                    << s("multipart body does not contain its boundary");
        QTest::newRow("other boundary") << QByteArray("multipart/form-data; boundary=zzz") << typicalBody("x")
                                        << s("multipart body does not contain its boundary");
        QTest::newRow("no file field")
            << kContentType << fieldPart("note", "x") + closing() << s("multipart field 'file' is required");
        QTest::newRow("file field twice") << kContentType << filePart("a") + filePart("b") + closing()
                                          << s("multipart field 'file' must be sent only once");
        QTest::newRow("no closing boundary")
            << kContentType << filePart("x") << s("multipart body has no closing boundary");
        QTest::newRow("last boundary not closed") << kContentType << filePart("x") + "--" + kBoundary
                                                  << s("multipart body has no closing boundary");
        QTest::newRow("truncated in the data")
            << kContentType << filePart("x").chopped(3) << s("multipart body has no closing boundary");
        QTest::newRow("boundary followed by junk")
            << kContentType << "--" + kBoundary + "junk\r\n" + disposition + "\r\nx\r\n" + closing()
            << s("multipart boundary is followed by unexpected bytes");
        QTest::newRow("LF line endings") << kContentType
                                         << "--" + kBoundary
                + "\nContent-Disposition: form-data; name=\"file\"\n\nx\n--" + kBoundary + "--\n"
                                         << s("multipart boundary is followed by unexpected bytes");
        QTest::newRow("headers not terminated") << kContentType << "--" + kBoundary + "\r\n" + disposition
                                                << s("multipart part headers are not terminated");
        QTest::newRow("headers too large")
            << kContentType
            << part(disposition + "X-Padding: " + QByteArray(9000, 'p') + "\r\n", "x") + closing()
            << s("multipart part headers are too large");
        QTest::newRow("header without colon")
            << kContentType << part(disposition + "Garbage\r\n", "x") + closing()
            << s("multipart part headers are malformed");
        QTest::newRow("folded header")
            << kContentType << part("Content-Disposition: form-data;\r\n name=\"file\"\r\n", "x") + closing()
            << s("multipart part headers are malformed");
        QTest::newRow("bare CR in a header")
            << kContentType
            << part("Content-Disposition: form-data; name=\"file\"\rX: y\r\n", "x") + closing()
            << s("multipart part headers are malformed");
        QTest::newRow("no disposition")
            << kContentType << part("Content-Type: text/plain\r\n", "x") + closing()
            << s("multipart part has no Content-Disposition: form-data with a name");
        QTest::newRow("no headers at all")
            << kContentType << part({}, "x") + closing()
            << s("multipart part has no Content-Disposition: form-data with a name");
        QTest::newRow("attachment disposition")
            << kContentType << part("Content-Disposition: attachment; name=\"file\"\r\n", "x") + closing()
            << s("multipart part has no Content-Disposition: form-data with a name");
        QTest::newRow("disposition without a name")
            << kContentType << part("Content-Disposition: form-data; filename=\"a.pdf\"\r\n", "x") + closing()
            << s("multipart part has no Content-Disposition: form-data with a name");
        QTest::newRow("name given twice")
            << kContentType
            << part("Content-Disposition: form-data; name=\"note\"; name=\"file\"\r\n", "x") + closing()
            << s("multipart part has a malformed Content-Disposition header");
        QTest::newRow("unterminated quote")
            << kContentType
            << part("Content-Disposition: form-data; name=\"file; filename=a\r\n", "x") + closing()
            << s("multipart part has a malformed Content-Disposition header");
        QTest::newRow("parameter without value")
            << kContentType
            << part("Content-Disposition: form-data; name=\"file\"; filename\r\n", "x") + closing()
            << s("multipart part has a malformed Content-Disposition header");
        QTest::newRow("two dispositions") << kContentType << part(disposition + disposition, "x") + closing()
                                          << s("multipart part has a malformed Content-Disposition header");
        QTest::newRow("two content types")
            << kContentType
            << part(disposition + "Content-Type: a/b\r\nContent-Type: c/d\r\n", "x") + closing()
            << s("multipart part has more than one Content-Type header");
        QTest::newRow("base64 transfer encoding")
            << kContentType << part(disposition + "Content-Transfer-Encoding: base64\r\n", "eA==") + closing()
            << s("multipart part uses an unsupported Content-Transfer-Encoding");
    }

    void refusesMalformedBodies()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto part = extractFilePart(contentType, body);
        QVERIFY2(!part.ok(), part.ok() ? part.value().data.constData() : "");
        QCOMPARE(part.error().kind, ServiceError::Kind::BadRequest);
        QCOMPARE(part.error().message, message);
    }

    void tooManyParts()
    {
        QByteArray body;
        for (int i = 0; i < 1001; ++i)
            body += fieldPart("n", "v");
        body += filePart("x") + closing();
        const auto part = extractFilePart(kContentType, body);
        QVERIFY(!part.ok());
        QCOMPARE(part.error().message, s("multipart body has too many parts"));
    }

    // Every prefix of a valid body short of its closing "--" is refused; the body survives
    // any single corrupted byte without a crash (the asan preset checks the reads).
    void hostileBodiesDoNotCrash()
    {
        const QByteArray body = typicalBody(trickyData());
        const qsizetype closedAt
            = body.lastIndexOf(QByteArray("--" + kBoundary + "--")) + kBoundary.size() + 4;
        for (qsizetype length = 0; length < body.size(); ++length) {
            const auto part = extractFilePart(kContentType, body.left(length));
            QCOMPARE(part.ok(), length >= closedAt);
        }
        QRandomGenerator random(7578);
        for (qsizetype i = 0; i < body.size(); ++i) {
            QByteArray damaged = body;
            damaged[i] = char(random.bounded(256));
            const auto part = extractFilePart(kContentType, damaged);
            if (part.ok())
                QVERIFY(part.value().data.size() <= damaged.size());
        }
    }

    void largeBody()
    {
        QByteArray data(16 * 1024 * 1024, 'x');
        const QByteArray body = typicalBody(data);
        const auto part = extractFilePart(kContentType, body);
        QVERIFY(part.ok());
        QCOMPARE(part.value().data.size(), data.size());
        QVERIFY(part.value().data == data);
    }
};

QTEST_APPLESS_MAIN(TestMultipartForm)
#include "tst_multipartform.moc"
