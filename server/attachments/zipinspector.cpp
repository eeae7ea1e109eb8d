#include "server/attachments/zipinspector.h"

#include <QLatin1StringView>
#include <QList>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace vw::server::attachments {

namespace {

bool startsWith(QByteArrayView data, QByteArrayView prefix)
{
    return data.size() >= prefix.size()
        && std::memcmp(data.data(), prefix.data(), size_t(prefix.size())) == 0;
}

bool fits(QByteArrayView data, quint64 offset, quint64 length)
{
    const auto size = quint64(data.size());
    return offset <= size && length <= size - offset;
}

quint16 le16(QByteArrayView data, qsizetype at)
{
    return qFromLittleEndian<quint16>(data.data() + at);
}

quint32 le32(QByteArrayView data, qsizetype at)
{
    return qFromLittleEndian<quint32>(data.data() + at);
}

quint64 le64(QByteArrayView data, qsizetype at)
{
    return qFromLittleEndian<quint64>(data.data() + at);
}

// --- Zip archives: entry names only, nothing is decompressed -------------------------------

constexpr QByteArrayView kEndOfDirectory("PK\x05\x06", 4);
constexpr QByteArrayView kZip64Locator("PK\x06\x07", 4);
constexpr QByteArrayView kZip64End("PK\x06\x06", 4);
constexpr QByteArrayView kDirectoryEntry("PK\x01\x02", 4);
constexpr QByteArrayView kLocalHeader("PK\x03\x04", 4);

// The names in the central directory (what Office itself reads), or nothing if the archive
// has no consistent one.
QList<QByteArrayView> centralDirectoryNames(QByteArrayView zip)
{
    constexpr qsizetype kEndSize = 22;
    if (zip.size() < kEndSize)
        return {};
    qsizetype end = -1;
    const qsizetype lowest = std::max<qsizetype>(0, zip.size() - kEndSize - 0xFFFF); // a comment is < 64 KiB
    for (qsizetype at = zip.size() - kEndSize; at >= lowest; --at) {
        if (startsWith(zip.sliced(at), kEndOfDirectory) && at + kEndSize + le16(zip, at + 20) <= zip.size()) {
            end = at;
            break;
        }
    }
    if (end < 0)
        return {};
    quint64 count = le16(zip, end + 10);
    quint64 directorySize = le32(zip, end + 12);
    quint64 directoryOffset = le32(zip, end + 16);
    if (count == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF) {
        const qsizetype locator = end - 20;
        if (locator < 0 || !startsWith(zip.sliced(locator), kZip64Locator))
            return {};
        const quint64 record = le64(zip, locator + 8);
        if (!fits(zip, record, 56) || record + 56 > quint64(locator)
            || !startsWith(zip.sliced(qsizetype(record)), kZip64End))
            return {};
        count = le64(zip, qsizetype(record) + 32);
        directorySize = le64(zip, qsizetype(record) + 40);
        directoryOffset = le64(zip, qsizetype(record) + 48);
    }
    if (!fits(zip, directoryOffset, directorySize))
        return {};
    const QByteArrayView directory = zip.sliced(qsizetype(directoryOffset), qsizetype(directorySize));
    QList<QByteArrayView> names;
    qsizetype at = 0;
    for (quint64 i = 0; i < count; ++i) { // each entry takes >= 46 bytes: bounded by the size
        if (!fits(directory, quint64(at), 46) || !startsWith(directory.sliced(at), kDirectoryEntry))
            return {};
        const qsizetype nameLength = le16(directory, at + 28);
        const qsizetype entryLength = 46 + nameLength + le16(directory, at + 30) + le16(directory, at + 32);
        if (!fits(directory, quint64(at), quint64(entryLength)))
            return {};
        names.append(directory.sliced(at + 46, nameLength));
        at += entryLength;
    }
    return names;
}

// Without a usable central directory: walk the local headers from the start for as long
// as their sizes are known (a streamed entry with a data descriptor ends the walk).
QList<QByteArrayView> localHeaderNames(QByteArrayView zip)
{
    constexpr qsizetype kHeaderSize = 30;
    QList<QByteArrayView> names;
    qsizetype at = 0;
    while (fits(zip, quint64(at), kHeaderSize) && startsWith(zip.sliced(at), kLocalHeader)) {
        const quint16 flags = le16(zip, at + 6);
        const quint32 compressedSize = le32(zip, at + 18);
        const qsizetype nameLength = le16(zip, at + 26);
        const qsizetype extraLength = le16(zip, at + 28);
        if (!fits(zip, quint64(at) + kHeaderSize, quint64(nameLength)))
            break;
        names.append(zip.sliced(at + kHeaderSize, nameLength));
        const quint64 next
            = quint64(at) + kHeaderSize + quint64(nameLength) + quint64(extraLength) + compressedSize;
        if (((flags & 0x08) && compressedSize == 0) || compressedSize == 0xFFFFFFFF
            || next > quint64(zip.size()))
            break;
        at = qsizetype(next);
    }
    return names;
}

} // namespace

ZipFacts inspectZip(QByteArrayView zip)
{
    QList<QByteArrayView> names = centralDirectoryNames(zip);
    if (names.isEmpty())
        names = localHeaderNames(zip);
    ZipFacts facts;
    for (const QByteArrayView raw : std::as_const(names)) {
        // Part names in an OPC package compare case-insensitively; Latin-1 is enough for that.
        const QLatin1StringView name(raw.data(), raw.size());
        facts.contentTypes
            |= name.compare(QLatin1StringView("[Content_Types].xml"), Qt::CaseInsensitive) == 0;
        facts.word |= name.startsWith(QLatin1StringView("word/"), Qt::CaseInsensitive);
        facts.spreadsheet |= name.startsWith(QLatin1StringView("xl/"), Qt::CaseInsensitive);
        facts.presentation |= name.startsWith(QLatin1StringView("ppt/"), Qt::CaseInsensitive);
        facts.macros |= name.endsWith(QLatin1StringView("vbaProject.bin"), Qt::CaseInsensitive);
        facts.java |= name.compare(QLatin1StringView("META-INF/MANIFEST.MF"), Qt::CaseInsensitive) == 0
            || name.endsWith(QLatin1StringView(".class"), Qt::CaseInsensitive);
        facts.android
            |= name == QLatin1StringView("classes.dex") || name == QLatin1StringView("AndroidManifest.xml");
    }
    return facts;
}

} // namespace vw::server::attachments
