#pragma once

#include "server/http/httpresponse.h"
#include "server/http/requestcontext.h"
#include "server/http/router.h"

namespace vw::server::http {
class Router;
}

namespace vw::server::messaging {

class MessageService;
class MessageSearch;

// REST routes of messages: send and history under /messaging/conversations/:id/messages,
// and /messaging/messages (mark read, search, delete). Parses input, calls the services,
// maps results.
class MessagesController
{
public:
    MessagesController(MessageService &messages, MessageSearch &search)
        : m_messages(messages), m_search(search)
    { }

    void registerRoutes(http::Router &router);

    void send(const http::RequestContext &request, http::Respond respond);
    http::HttpResponse list(const http::RequestContext &request);
    void markRead(const http::RequestContext &request, http::Respond respond);
    void search(const http::RequestContext &request, http::Respond respond);
    void remove(const http::RequestContext &request, http::Respond respond);

private:
    MessageService &m_messages;
    MessageSearch &m_search;
};

} // namespace vw::server::messaging
