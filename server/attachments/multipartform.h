#pragma once

#include "common/core/result.h"
#include "server/core/serviceerror.h"

#include <QByteArray>
#include <QString>

namespace vw::server::attachments {

// The file field of a multipart/form-data upload.
struct UploadedPart
{
    QByteArray data;
    QString fileName; // from filename* (RFC 5987) or filename, decoded but not sanitized; may be empty
    QString contentType; // the part's media type, lower case, without parameters; empty if none was sent
};

// Extracts field `fieldName` from a multipart/form-data body (RFC 7578 / RFC 2046): the
// boundary (1..70 characters, quoted or not) from `contentTypeHeader`, CRLF line endings,
// each part with a Content-Disposition `form-data; name=...`. Other fields are skipped
// without being copied; the field itself must appear exactly once. A body that does not
// follow the grammar (no closing boundary, a boundary line followed by other bytes,
// malformed or oversized part headers, duplicated parameters) is a 400 saying what is
// wrong. The returned data is the only copy made of the body.
Result<UploadedPart, ServiceError> extractFilePart(
    const QByteArray &contentTypeHeader, const QByteArray &body, const QByteArray &fieldName = "file");

} // namespace vw::server::attachments
