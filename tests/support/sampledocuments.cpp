#include "tests/support/sampledocuments.h"

#include <QBuffer>
#include <QColor>
#include <QImage>
#include <QtEndian>

#include <array>

namespace vw::test::samples {

namespace {

QByteArray encodeImage(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

QImage gradient(int width, int height, bool transparent)
{
    QImage image(width, height, transparent ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixelColor(
                x, y, QColor(x * 255 / width, y * 255 / height, 128, transparent ? 100 : 255));
    }
    return image;
}

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t {};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data)
        crc = table[(crc ^ quint8(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

const QByteArray kContentTypes
    = QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"></Types>");

} // namespace

void appendLe16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendLe32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void appendLe64(QByteArray &out, quint64 value)
{
    char bytes[8];
    qToLittleEndian(value, bytes);
    out.append(bytes, 8);
}

QByteArray storedZip(const QList<QPair<QString, QByteArray>> &entries)
{
    QByteArray archive;
    QByteArray directory;
    for (const auto &[name, data] : entries) {
        const QByteArray fileName = name.toUtf8();
        const quint32 offset = quint32(archive.size());
        const quint32 crc = crc32(data);
        appendLe32(archive, 0x04034b50);
        appendLe16(archive, 20); // version needed
        appendLe16(archive, 0); // flags
        appendLe16(archive, 0); // stored
        appendLe16(archive, 0); // time
        appendLe16(archive, 0x21); // date
        appendLe32(archive, crc);
        appendLe32(archive, quint32(data.size()));
        appendLe32(archive, quint32(data.size()));
        appendLe16(archive, quint16(fileName.size()));
        appendLe16(archive, 0);
        archive += fileName + data;

        appendLe32(directory, 0x02014b50);
        appendLe16(directory, 20);
        appendLe16(directory, 20);
        appendLe16(directory, 0);
        appendLe16(directory, 0);
        appendLe16(directory, 0);
        appendLe16(directory, 0x21);
        appendLe32(directory, crc);
        appendLe32(directory, quint32(data.size()));
        appendLe32(directory, quint32(data.size()));
        appendLe16(directory, quint16(fileName.size()));
        appendLe16(directory, 0); // extra
        appendLe16(directory, 0); // comment
        appendLe16(directory, 0); // disk
        appendLe16(directory, 0); // internal attributes
        appendLe32(directory, 0); // external attributes
        appendLe32(directory, offset);
        directory += fileName;
    }
    const quint32 directoryOffset = quint32(archive.size());
    archive += directory;
    appendLe32(archive, 0x06054b50);
    appendLe16(archive, 0);
    appendLe16(archive, 0);
    appendLe16(archive, quint16(entries.size()));
    appendLe16(archive, quint16(entries.size()));
    appendLe32(archive, quint32(directory.size()));
    appendLe32(archive, directoryOffset);
    appendLe16(archive, 0);
    return archive;
}

QByteArray png(int width, int height, bool transparent)
{
    return encodeImage(gradient(width, height, transparent), "png");
}

QByteArray jpeg(int width, int height)
{
    return encodeImage(gradient(width, height, false), "jpeg");
}

QByteArray gif()
{
    const QByteArray encoded = encodeImage(gradient(16, 16, false), "gif");
    if (!encoded.isEmpty())
        return encoded;
    // Qt reads GIF but may not write it: a 1x1 GIF89a, byte for byte.
    return QByteArray::fromHex(
        "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b");
}

QByteArray webp()
{
    const QByteArray encoded = encodeImage(gradient(16, 16, false), "webp");
    if (!encoded.isEmpty())
        return encoded;
    // Without Qt's WebP plugin: a RIFF/WEBP container header, enough for content sniffing.
    return QByteArray::fromHex("524946461a000000574542505650384c0d0000002f0000001007101111888808");
}

QByteArray heic()
{
    QByteArray box
        = QByteArray::fromHex("00000018") + "ftypheic" + QByteArray::fromHex("00000000") + "mif1heic";
    return box + QByteArray(64, '\0');
}

QByteArray pdf()
{
    return QByteArrayLiteral("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                             "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                             "trailer << /Root 1 0 R >>\n%%EOF\n");
}

QByteArray plainText()
{
    return QStringLiteral("Blood pressure log\nMon 128/82\nTue 131/85 \u2014 after a walk\n").toUtf8();
}

QByteArray csv()
{
    return QByteArrayLiteral("date,systolic,diastolic\n2026-11-20,128,82\n2026-11-21,131,85\n");
}

QByteArray docx()
{
    return storedZip({{QStringLiteral("[Content_Types].xml"), kContentTypes},
        {QStringLiteral("_rels/.rels"), QByteArrayLiteral("<Relationships/>")},
        {QStringLiteral("word/document.xml"), QByteArrayLiteral("<w:document/>")}});
}

QByteArray xlsx()
{
    return storedZip({{QStringLiteral("[Content_Types].xml"), kContentTypes},
        {QStringLiteral("_rels/.rels"), QByteArrayLiteral("<Relationships/>")},
        {QStringLiteral("xl/workbook.xml"), QByteArrayLiteral("<workbook/>")}});
}

QByteArray pptx()
{
    return storedZip({{QStringLiteral("[Content_Types].xml"), kContentTypes},
        {QStringLiteral("_rels/.rels"), QByteArrayLiteral("<Relationships/>")},
        {QStringLiteral("ppt/presentation.xml"), QByteArrayLiteral("<p:presentation/>")}});
}

QByteArray odt()
{
    return storedZip(
        {{QStringLiteral("mimetype"), QByteArrayLiteral("application/vnd.oasis.opendocument.text")},
            {QStringLiteral("content.xml"), QByteArrayLiteral("<office:document-content/>")}});
}

QByteArray plainZip()
{
    return storedZip({{QStringLiteral("META-INF/MANIFEST.MF"), QByteArrayLiteral("Manifest-Version: 1.0\n")},
        {QStringLiteral("Main.class"), QByteArray::fromHex("cafebabe00000034")}});
}

QByteArray windowsExecutable()
{
    QByteArray exe(512, '\0');
    exe[0] = 'M';
    exe[1] = 'Z';
    qToLittleEndian<quint32>(0x80, exe.data() + 0x3c); // e_lfanew
    exe.replace(0x80, 4, QByteArray("PE\0\0", 4));
    exe.replace(0x4e, 39, QByteArrayLiteral("This program cannot be run in DOS mode."));
    return exe;
}

QByteArray elfExecutable()
{
    QByteArray elf = QByteArray::fromHex("7f454c4602010100000000000000000002003e0001000000");
    return elf + QByteArray(128, '\0');
}

} // namespace vw::test::samples
