#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// Small but real files of every kind the attachment checks deal with, built in memory so no
// binary fixtures live in the repository: images through QImage, Office and OpenDocument
// files as real (stored) zip archives, and executable headers for the refusals.
namespace vw::test::samples {

QByteArray png(int width = 64, int height = 48, bool transparent = false);
QByteArray jpeg(int width = 64, int height = 48);
QByteArray gif();
QByteArray webp();
// An ISO-BMFF header with brand "heic" (enough for content sniffing; not decodable).
QByteArray heic();
QByteArray pdf();
QByteArray plainText();
QByteArray csv();
QByteArray docx();
QByteArray xlsx();
QByteArray pptx();
QByteArray odt();
// A zip that is neither Office nor OpenDocument (e.g. a jar).
QByteArray plainZip();
// An MS-DOS/PE header ("MZ" ... "PE\0\0"), as a disguised Windows program would start.
QByteArray windowsExecutable();
QByteArray elfExecutable();

// Little-endian integers appended to `out` (zip and other binary headers).
void appendLe16(QByteArray &out, quint16 value);
void appendLe32(QByteArray &out, quint32 value);
void appendLe64(QByteArray &out, quint64 value);

// A zip archive with the entries stored (not compressed), in order.
QByteArray storedZip(const QList<QPair<QString, QByteArray>> &entries);

} // namespace vw::test::samples
