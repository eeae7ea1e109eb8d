#include "common/model/attachment.h"

#include "common/model/jsonreader.h"
#include "common/model/wire.h"

#include <algorithm>

namespace vw::model {

namespace {

constexpr qsizetype kSha256HexLength = 64;

bool isHex(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
    });
}

} // namespace

QJsonObject toJson(const Attachment &attachment)
{
    return QJsonObject {
        {QStringLiteral("id"), uuidToWire(attachment.id)},
        {QStringLiteral("fileName"), attachment.fileName},
        {QStringLiteral("mimeType"), attachment.mimeType},
        {QStringLiteral("size"), attachment.size},
        {QStringLiteral("sha256"), attachment.sha256},
        {QStringLiteral("scanStatus"), toWire(attachment.scanStatus)},
    };
}

Attachment readAttachment(JsonReader &reader)
{
    Attachment attachment;
    attachment.id = reader.requireUuid(u"id");
    attachment.fileName
        = reader.requireString(u"fileName", {.minLength = 1, .maxLength = kMaxFileNameLength});
    attachment.mimeType
        = reader.requireString(u"mimeType", {.minLength = 1, .maxLength = kMaxMimeTypeLength});
    attachment.size = reader.requireInt(u"size", 0, kMaxSafeInteger);
    const QString sha256 = reader.requireString(u"sha256");
    if (reader.ok() && (sha256.size() != kSha256HexLength || !isHex(sha256)))
        reader.fail(u"sha256", QStringLiteral("expected 64 hex digits"));
    attachment.sha256 = sha256.toLower();
    attachment.scanStatus = reader.requireEnum<ScanStatus>(u"scanStatus");
    return attachment;
}

Result<Attachment, DecodeError> attachmentFromJson(const QJsonObject &object)
{
    JsonReader reader(object);
    Attachment attachment = readAttachment(reader);
    if (!reader.ok())
        return *reader.error();
    return attachment;
}

} // namespace vw::model
