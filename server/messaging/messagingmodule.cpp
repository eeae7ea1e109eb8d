#include "server/messaging/messagingmodule.h"

#include "server/messaging/conversationkeyring.h"
#include "server/messaging/conversationscontroller.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messagescontroller.h"
#include "server/messaging/messagesearch.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/ratelimiter.h"
#include "server/messaging/searchindexer.h"
#include "server/messaging/searchindexfile.h"
#include "server/messaging/systemmessenger.h"
#include "server/store/database.h"

#include <QLoggingCategory>
#include <QUuid>

namespace vw::server::messaging {

namespace {

Q_LOGGING_CATEGORY(lcModule, "vw.messaging")

// A connection name of its own for each module's sibling connection: Qt's names are process-
// wide, and a test may build a second module on the same store before the first is gone.
QString siblingName(const store::Database &store, const char *purpose)
{
    return QStringLiteral("%1-%2-%3")
        .arg(store.connectionName(), QLatin1String(purpose), QUuid::createUuid().toString(QUuid::Id128));
}

// A sibling of `store` with the search index attached; null (and logged) when either fails.
std::unique_ptr<store::Database> openSearchReader(store::Database &store)
{
    auto reader = store.openSibling(siblingName(store, "search-reader"));
    if (!reader) {
        qCWarning(lcModule) << "cannot open a connection for searches:" << reader.error().detail;
        return nullptr;
    }
    if (auto attached = SearchIndexFile::attach(*reader.value()); !attached) {
        qCWarning(lcModule) << "the search index cannot be opened:" << attached.error().detail;
        return nullptr;
    }
    return std::move(reader).value();
}

} // namespace

MessagingModule::MessagingModule(const ServerContext &context, users::UserRepository &users)
    : m_events(std::make_unique<MessagingEvents>()),
      m_rateLimiter(std::make_unique<RateLimiter>(context.clock, context.options.messagesPerMinute)),
      m_keyring(std::make_unique<ConversationKeyring>(context.database, context.masterKey, context.clock)),
      m_conversations(std::make_unique<ConversationService>(context, users, *m_keyring, *m_events)),
      m_messages(std::make_unique<MessageService>(context, *m_keyring, *m_events, *m_rateLimiter)),
      m_searchReader(openSearchReader(context.database)),
      m_search(std::make_unique<MessageSearch>(context, *m_keyring, m_searchReader.get())),
      m_systemMessenger(
          std::make_unique<SystemMessenger>(context, users, *m_conversations, *m_keyring, *m_events)),
      m_conversationsController(std::make_unique<ConversationsController>(*m_conversations)),
      m_messagesController(std::make_unique<MessagesController>(*m_messages, *m_search)),
      m_context(context)
{ }

MessagingModule::~MessagingModule() = default;

Status<store::StoreError> MessagingModule::startIndexing()
{
    if (!m_searchReader) {
        return store::StoreError {store::StoreError::Kind::OpenFailed,
            QStringLiteral("the search index could not be opened (see the log)")};
    }
    store::Database &database = m_context.database;
    auto started = std::make_unique<SearchIndexer>(
        [&database] { return database.openSibling(siblingName(database, "search-indexer")); },
        m_context.masterKey, m_context.clock, m_context.options.searchIndex);
    if (auto running = started->start(); !running)
        return running;
    m_indexer = std::move(started);
    SearchIndexer *indexer = m_indexer.get();
    const auto nudge = [indexer] { indexer->nudge(); };
    QObject::connect(m_events.get(), &MessagingEvents::messageCreated, indexer, nudge);
    QObject::connect(m_events.get(), &MessagingEvents::messageDeleted, indexer, nudge);
    m_search->useIndexer(indexer);
    return {};
}

void MessagingModule::registerRoutes(http::Router &router)
{
    m_conversationsController->registerRoutes(router);
    m_messagesController->registerRoutes(router);
}

} // namespace vw::server::messaging
