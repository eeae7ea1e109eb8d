#pragma once

#include "server/http/httpresponse.h"
#include "server/http/requestcontext.h"
#include "server/http/router.h"

namespace vw::server::messaging {

class ConversationService;

// REST routes of /messaging/conversations (create, list, unread-count, one, typing):
// parses and validates input, calls ConversationService, maps the result.
class ConversationsController
{
public:
    explicit ConversationsController(ConversationService &service) : m_service(service) { }

    void registerRoutes(http::Router &router);

    void create(const http::RequestContext &request, http::Respond respond);
    http::HttpResponse list(const http::RequestContext &request);
    http::HttpResponse unreadCount(const http::RequestContext &request);
    http::HttpResponse get(const http::RequestContext &request);
    http::HttpResponse typing(const http::RequestContext &request);

private:
    ConversationService &m_service;
};

} // namespace vw::server::messaging
