#pragma once

#include "common/core/result.h"
#include "server/core/serviceerror.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace vw::server::attachments {

// What an accepted upload is: the type stored with it and served back.
struct SniffedContent
{
    QString mimeType; // one of ContentSniffer::allowedTypes(), e.g. "image/png", "text/csv"
    bool isImage = false; // PNG, JPEG, GIF, WebP, HEIC/HEIF
};

// Decides an upload's type from its bytes (QMimeDatabase's magic numbers plus our own checks
// for executables, zip-based Office files and text), refuses anything outside the allow-list
// or at odds with the type the client declared. Stateless and thread-safe.
class ContentSniffer
{
public:
    // `content` must be the whole file: magic numbers are read from its first 64 KiB, but
    // text is validated as UTF-8 to the end, and DOCX/XLSX/PPTX (which shared-mime-info
    // only knows as application/zip) are recognised from the zip's central directory,
    // which sits at the end of the archive.
    // `declaredType`: the client's Content-Type (parameters and case do not matter); empty
    // or application/octet-stream lets the content decide. `fileName`: the sanitized name,
    // used only where content cannot tell (text/plain vs text/csv).
    // Errors: 400 "File is empty"; 415 naming what was found for executables, types outside
    // the allow-list, text that is not UTF-8, and a declared type the content contradicts.
    Result<SniffedContent, ServiceError> check(
        const QByteArray &content, const QString &declaredType, const QString &fileName) const;

    // Every type check() can return.
    static QStringList allowedTypes();
};

} // namespace vw::server::attachments
