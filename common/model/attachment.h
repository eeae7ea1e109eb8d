#pragma once

#include "common/core/result.h"
#include "common/model/decodeerror.h"
#include "common/model/enums.h"

#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace vw::model {

class JsonReader;

// A stored file's description (never its bytes): the wire object `Attachment` of API.md.
struct Attachment
{
    QUuid id;
    QString fileName;
    QString mimeType;
    qint64 size = 0;
    // Lower-case hex SHA-256 of the plaintext bytes; upper-case input is normalised on decode.
    QString sha256;
    ScanStatus scanStatus = ScanStatus::Skipped;

    bool operator==(const Attachment &) const = default;
};

QJsonObject toJson(const Attachment &attachment);
Result<Attachment, DecodeError> attachmentFromJson(const QJsonObject &object);
// For objects that embed Attachments (Message): errors go to `reader`.
Attachment readAttachment(JsonReader &reader);

} // namespace vw::model
