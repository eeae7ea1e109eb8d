#include "server/messaging/messagescontroller.h"

#include "common/model/wire.h"
#include "server/http/router.h"
#include "server/messaging/messagesearch.h"
#include "server/messaging/messageservice.h"

#include <QJsonArray>

namespace vw::server::messaging {

using http::HttpResponse;
using http::RequestContext;

namespace {

QJsonArray toJsonArray(const QList<model::Message> &messages)
{
    QJsonArray array;
    for (const model::Message &message : messages)
        array.append(model::toJson(message));
    return array;
}

} // namespace

void MessagesController::registerRoutes(http::Router &router)
{
    const auto bind = [this](HttpResponse (MessagesController::*handler)(const RequestContext &)) {
        return [this, handler](const RequestContext &request) { return (this->*handler)(request); };
    };
    // Answered once the message is on disk: the group-commit writer's completion responds.
    router.addDeferred("POST", QStringLiteral("/messaging/conversations/:id/messages"),
        http::Access::Authenticated,
        [this](const RequestContext &request, http::Respond respond) { send(request, std::move(respond)); });
    router.add("GET", QStringLiteral("/messaging/conversations/:id/messages"), http::Access::Authenticated,
        bind(&MessagesController::list));
    router.addDeferred("PATCH", QStringLiteral("/messaging/messages/:id/read"), http::Access::Authenticated,
        [this](
            const RequestContext &request, http::Respond respond) { markRead(request, std::move(respond)); });
    // Answered once the search index holds everything stored before the request (SearchIndexer).
    router.addDeferred("GET", QStringLiteral("/messaging/messages/search"), http::Access::Authenticated,
        [this](
            const RequestContext &request, http::Respond respond) { search(request, std::move(respond)); });
    router.addDeferred("DELETE", QStringLiteral("/messaging/messages/:id"), http::Access::Authenticated,
        [this](
            const RequestContext &request, http::Respond respond) { remove(request, std::move(respond)); });
}

void MessagesController::send(const RequestContext &request, http::Respond respond)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id) {
        respond(HttpResponse::error(id.error()));
        return;
    }
    auto body = request.jsonBody();
    if (!body) {
        respond(HttpResponse::error(body.error()));
        return;
    }
    m_messages.sendQueued(request.caller(), request.client, id.value(), body.value(),
        [respond = std::move(respond)](const Result<SendOutcome, ServiceError> &sent) {
            if (!sent)
                respond(HttpResponse::error(sent.error()));
            else
                respond(HttpResponse::json(sent.value().created ? 201 : 200, sent.value().wire()));
        });
}

HttpResponse MessagesController::list(const RequestContext &request)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id)
        return HttpResponse::error(id.error());
    auto limit = request.queryInt(QStringLiteral("limit"), 1, MessageService::kMaxPageSize);
    if (!limit)
        return HttpResponse::error(limit.error());
    auto before = request.queryUuid(QStringLiteral("before"));
    if (!before)
        return HttpResponse::error(before.error());
    auto after = request.queryUuid(QStringLiteral("after"));
    if (!after)
        return HttpResponse::error(after.error());
    PageRequest page {
        int(limit.value().value_or(MessageService::kDefaultPageSize)), before.value(), after.value()};
    auto found = m_messages.list(request.caller(), request.client, id.value(), page);
    if (!found)
        return HttpResponse::error(found.error());
    return HttpResponse::json(200,
        QJsonObject {{QStringLiteral("messages"), toJsonArray(found.value().messages)},
            {QStringLiteral("nextCursor"), model::uuidToJson(found.value().nextCursor)}});
}

void MessagesController::markRead(const RequestContext &request, http::Respond respond)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id) {
        respond(HttpResponse::error(id.error()));
        return;
    }
    m_messages.markReadQueued(request.caller(), request.client, id.value(),
        [respond = std::move(respond)](const Result<model::Message, ServiceError> &message) {
            respond(message ? HttpResponse::json(200, model::toJson(message.value()))
                            : HttpResponse::error(message.error()));
        });
}

void MessagesController::search(const RequestContext &request, http::Respond respond)
{
    const auto query = request.queryValue(QStringLiteral("q"));
    if (!query) {
        respond(HttpResponse::error(ServiceError::badRequest(QStringLiteral("q: is required"))));
        return;
    }
    if (query->size() > 1000) {
        respond(HttpResponse::error(
            ServiceError::badRequest(QStringLiteral("q: must be at most 1000 characters"))));
        return;
    }
    auto conversationId = request.queryUuid(QStringLiteral("conversationId"));
    if (!conversationId) {
        respond(HttpResponse::error(conversationId.error()));
        return;
    }
    auto limit = request.queryInt(QStringLiteral("limit"), 1, MessageSearch::kMaxLimit);
    if (!limit) {
        respond(HttpResponse::error(limit.error()));
        return;
    }
    m_search.searchQueued(request.caller(), request.client, *query, conversationId.value(),
        int(limit.value().value_or(MessageSearch::kDefaultLimit)),
        [respond = std::move(respond)](const MessageSearch::Found &found) {
            respond(found ? HttpResponse::json(
                        200, QJsonObject {{QStringLiteral("messages"), toJsonArray(found.value())}})
                          : HttpResponse::error(found.error()));
        });
}

void MessagesController::remove(const RequestContext &request, http::Respond respond)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id) {
        respond(HttpResponse::error(id.error()));
        return;
    }
    m_messages.removeQueued(request.caller(), request.client, id.value(),
        [respond = std::move(respond)](const Status<ServiceError> &removed) {
            respond(removed ? HttpResponse::noContent() : HttpResponse::error(removed.error()));
        });
}

} // namespace vw::server::messaging
