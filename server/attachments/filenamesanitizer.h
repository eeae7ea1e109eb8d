#pragma once

#include <QByteArray>
#include <QString>

namespace vw::server::attachments {

// The longest name sanitizeFileName() returns, in UTF-16 code units, and the longest
// extension (with its dot) it keeps when it has to shorten one.
inline constexpr qsizetype kMaxFileNameLength = 120;
inline constexpr qsizetype kMaxExtensionLength = 16;

// A client's file name made safe to store, show and offer for download: only the last
// path component ('/' and '\\'), NFC, without control characters (C0, DEL, C1; tab, CR and
// LF count as spaces), format characters (bidi overrides and isolates, zero-width marks),
// non-characters or unpaired surrogates, runs of whitespace collapsed to one space, no
// leading or trailing dots or spaces, at most kMaxFileNameLength long with the extension
// (up to kMaxExtensionLength) kept. Never empty, "." or "..": "attachment" instead.
QString sanitizeFileName(const QString &raw);

// The X-File-Name header as text: RFC 5987 `UTF-8''%E2%80%A6.pdf` (or ISO-8859-1''),
// plain percent-encoding (only valid %XX escapes are decoded), or raw bytes, read as UTF-8
// when they are valid UTF-8 and as Latin-1 otherwise. Not sanitized.
QString decodeFileNameHeader(const QByteArray &header);

} // namespace vw::server::attachments
