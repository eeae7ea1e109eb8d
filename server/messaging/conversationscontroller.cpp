#include "server/messaging/conversationscontroller.h"

#include "common/model/jsonreader.h"
#include "common/model/wire.h"
#include "server/http/router.h"
#include "server/messaging/accesspolicy.h"
#include "server/messaging/conversationservice.h"

#include <QJsonArray>

namespace vw::server::messaging {

using http::HttpResponse;
using http::RequestContext;

void ConversationsController::registerRoutes(http::Router &router)
{
    const auto bind = [this](HttpResponse (ConversationsController::*handler)(const RequestContext &)) {
        return [this, handler](const RequestContext &request) { return (this->*handler)(request); };
    };
    const QString base = QStringLiteral("/messaging/conversations");
    // Answered once the new conversation is on disk, written by the group-commit writer.
    router.addDeferred("POST", base, http::Access::Authenticated,
        [this](
            const RequestContext &request, http::Respond respond) { create(request, std::move(respond)); });
    router.add("GET", base, http::Access::Authenticated, bind(&ConversationsController::list));
    router.add("GET", base + QStringLiteral("/unread-count"), http::Access::Authenticated,
        bind(&ConversationsController::unreadCount));
    router.add("GET", base + QStringLiteral("/:id"), http::Access::Authenticated,
        bind(&ConversationsController::get));
    router.add("POST", base + QStringLiteral("/:id/typing"), http::Access::Authenticated,
        bind(&ConversationsController::typing));
}

void ConversationsController::create(const RequestContext &request, http::Respond respond)
{
    auto body = request.jsonBody();
    if (!body)
        return respond(HttpResponse::error(body.error()));
    auto answer = [respond = std::move(respond)](const Result<OpenedConversation, ServiceError> &opened) {
        if (!opened)
            return respond(HttpResponse::error(opened.error()));
        respond(HttpResponse::json(
            opened.value().created ? 201 : 200, model::toJson(opened.value().conversation)));
    };
    model::JsonReader reader(body.value());
    if (reader.has(u"participantIds")) {
        const QList<QUuid> members
            = reader.requireUuidArray(u"participantIds", AccessPolicy::kMaxGroupMembers);
        const QString title = reader.requireString(
            u"title", {.minLength = 1, .maxLength = model::kMaxConversationTitleLength});
        if (!reader.ok())
            return answer(ServiceError::badRequest(reader.error()->message()));
        m_service.createGroupQueued(request.caller(), request.client, members, title, std::move(answer));
    } else {
        const QUuid patientId = reader.requireUuid(u"patientId");
        const QUuid providerId = reader.requireUuid(u"providerId");
        if (!reader.ok())
            return answer(ServiceError::badRequest(reader.error()->message()));
        m_service.createPairQueued(
            request.caller(), request.client, patientId, providerId, std::move(answer));
    }
}

HttpResponse ConversationsController::list(const RequestContext &request)
{
    auto limit = request.queryInt(QStringLiteral("limit"), 1, ConversationService::kMaxPageSize);
    if (!limit)
        return HttpResponse::error(limit.error());
    auto page
        = m_service.list(request.caller(), int(limit.value().value_or(ConversationService::kDefaultPageSize)),
            request.queryValue(QStringLiteral("cursor")).value_or(QString()));
    if (!page)
        return HttpResponse::error(page.error());
    QJsonArray conversations;
    for (const model::Conversation &conversation : page.value().conversations)
        conversations.append(model::toJson(conversation));
    return HttpResponse::json(200,
        QJsonObject {{QStringLiteral("conversations"), conversations},
            {QStringLiteral("nextCursor"), model::stringToJson(page.value().nextCursor)}});
}

HttpResponse ConversationsController::unreadCount(const RequestContext &request)
{
    auto counts = m_service.unreadCounts(request.caller());
    if (!counts)
        return HttpResponse::error(counts.error());
    QJsonObject byConversation;
    for (const auto &[id, count] : counts.value().byConversation)
        byConversation.insert(model::uuidToWire(id), count);
    return HttpResponse::json(200,
        QJsonObject {{QStringLiteral("total"), counts.value().total},
            {QStringLiteral("byConversation"), byConversation}});
}

HttpResponse ConversationsController::get(const RequestContext &request)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id)
        return HttpResponse::error(id.error());
    auto conversation = m_service.get(request.caller(), request.client, id.value());
    if (!conversation)
        return HttpResponse::error(conversation.error());
    return HttpResponse::json(200, model::toJson(conversation.value()));
}

HttpResponse ConversationsController::typing(const RequestContext &request)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id)
        return HttpResponse::error(id.error());
    auto body = request.jsonBody();
    if (!body)
        return HttpResponse::error(body.error());
    model::JsonReader reader(body.value());
    const bool isTyping = reader.requireBool(u"isTyping");
    if (!reader.ok())
        return HttpResponse::error(ServiceError::badRequest(reader.error()->message()));
    if (auto done = m_service.typing(request.caller(), request.client, id.value(), isTyping); !done)
        return HttpResponse::error(done.error());
    return HttpResponse::noContent();
}

} // namespace vw::server::messaging
