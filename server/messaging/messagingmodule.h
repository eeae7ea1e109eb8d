#pragma once

#include "common/core/result.h"
#include "server/core/servercontext.h"
#include "server/store/storeerror.h"

#include <memory>

namespace vw::server::http {
class Router;
}
namespace vw::server::users {
class UserRepository;
}
namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

class ConversationKeyring;
class ConversationService;
class ConversationsController;
class MessageSearch;
class MessageService;
class MessagesController;
class MessagingEvents;
class RateLimiter;
class SearchIndexer;
class SystemMessenger;

// Conversations and messages as one unit the server wires in: builds the keyring, services,
// rate limiter, events and controllers from the shared ServerContext, registers the REST
// routes, and exposes what the realtime gateway and the platform's alerting need.
class MessagingModule
{
    Q_DISABLE_COPY_MOVE(MessagingModule)

public:
    MessagingModule(const ServerContext &context, users::UserRepository &users);
    ~MessagingModule();

    void registerRoutes(http::Router &router);
    // Starts the search indexer's thread (SearchIndexer, timed by the options' searchIndex) on
    // a connection of its own, for a running server; without it (maintenance commands,
    // service tests) a search brings the index up to date itself.
    Status<store::StoreError> startIndexing();

    MessagingEvents &events() { return *m_events; }
    RateLimiter &rateLimiter() { return *m_rateLimiter; }
    SystemMessenger &systemMessenger() { return *m_systemMessenger; }
    ConversationKeyring &keyring() { return *m_keyring; }
    ConversationService &conversations() { return *m_conversations; }
    MessageService &messages() { return *m_messages; }
    MessageSearch &search() { return *m_search; }
    // Null until startIndexing().
    SearchIndexer *searchIndexer() { return m_indexer.get(); }

private:
    std::unique_ptr<MessagingEvents> m_events;
    std::unique_ptr<RateLimiter> m_rateLimiter;
    std::unique_ptr<ConversationKeyring> m_keyring;
    std::unique_ptr<ConversationService> m_conversations;
    std::unique_ptr<MessageService> m_messages;
    // A connection of the network thread's own with the search index attached: attached to
    // the shared one, its BEGIN IMMEDIATE (the synchronous writes) would take the index file's
    // write lock too and wait for the indexer's rounds. Null when the index cannot be opened.
    std::unique_ptr<store::Database> m_searchReader;
    std::unique_ptr<MessageSearch> m_search;
    std::unique_ptr<SystemMessenger> m_systemMessenger;
    std::unique_ptr<ConversationsController> m_conversationsController;
    std::unique_ptr<MessagesController> m_messagesController;
    const ServerContext &m_context;
    // Last: it goes first, with the callbacks of searches waiting for it.
    std::unique_ptr<SearchIndexer> m_indexer;
};

} // namespace vw::server::messaging
