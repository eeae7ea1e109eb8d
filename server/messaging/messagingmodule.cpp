#include "server/messaging/messagingmodule.h"

#include "server/messaging/conversationkeyring.h"
#include "server/messaging/conversationscontroller.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messagescontroller.h"
#include "server/messaging/messagesearch.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/ratelimiter.h"
#include "server/messaging/systemmessenger.h"

namespace vw::server::messaging {

MessagingModule::MessagingModule(const ServerContext &context, users::UserRepository &users)
    : m_events(std::make_unique<MessagingEvents>()),
      m_rateLimiter(std::make_unique<RateLimiter>(context.clock, context.options.messagesPerMinute)),
      m_keyring(std::make_unique<ConversationKeyring>(context.database, context.masterKey, context.clock)),
      m_conversations(std::make_unique<ConversationService>(context, users, *m_keyring, *m_events)),
      m_messages(std::make_unique<MessageService>(context, *m_keyring, *m_events, *m_rateLimiter)),
      m_search(std::make_unique<MessageSearch>(context, *m_keyring)),
      m_systemMessenger(
          std::make_unique<SystemMessenger>(context, users, *m_conversations, *m_keyring, *m_events)),
      m_conversationsController(std::make_unique<ConversationsController>(*m_conversations)),
      m_messagesController(std::make_unique<MessagesController>(*m_messages, *m_search))
{ }

MessagingModule::~MessagingModule() = default;

void MessagingModule::registerRoutes(http::Router &router)
{
    m_conversationsController->registerRoutes(router);
    m_messagesController->registerRoutes(router);
}

} // namespace vw::server::messaging
