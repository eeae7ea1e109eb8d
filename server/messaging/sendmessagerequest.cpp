#include "server/messaging/sendmessagerequest.h"

#include "common/model/jsonreader.h"

#include <QSet>

namespace vw::server::messaging {

Result<SendMessageRequest, ServiceError> SendMessageRequest::parse(
    const QJsonObject &body, qsizetype maxContentLength)
{
    model::JsonReader reader(body);
    SendMessageRequest request;
    request.attachmentIds
        = reader.optionalUuidArray(u"attachmentIds", kMaxAttachments).value_or(QList<QUuid>());
    if (reader.ok()
        && QSet<QUuid>(request.attachmentIds.cbegin(), request.attachmentIds.cend()).size()
            != request.attachmentIds.size())
        reader.fail(u"attachmentIds", QStringLiteral("an attachment is listed twice"));
    if (request.attachmentIds.isEmpty())
        request.content = reader.requireString(u"content", {.minLength = 1, .maxLength = maxContentLength});
    else
        request.content
            = reader.optionalString(u"content", {.maxLength = maxContentLength}).value_or(QString());
    const auto type = reader.optionalEnum<model::MessageType>(u"type");
    if (type && *type == model::MessageType::System)
        reader.fail(u"type", QStringLiteral("system messages are sent by the platform only"));
    else if (type && *type != model::MessageType::Text && request.attachmentIds.isEmpty())
        reader.fail(u"type", QStringLiteral("image and file messages need attachmentIds"));
    request.replyToId = reader.optionalUuid(u"replyToId");
    request.priority
        = reader.optionalEnum<model::MessagePriority>(u"priority").value_or(model::MessagePriority::Normal);
    request.clientMessageId
        = reader.optionalString(u"clientMessageId", {.minLength = 1, .maxLength = kMaxClientMessageIdLength})
              .value_or(QString());
    if (!reader.ok())
        return ServiceError::badRequest(reader.error()->message());
    return request;
}

} // namespace vw::server::messaging
