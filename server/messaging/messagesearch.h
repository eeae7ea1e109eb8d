#pragma once

#include "common/core/result.h"
#include "common/model/message.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/accesspolicy.h"
#include "server/messaging/messageassembler.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::messaging {

class ConversationKeyring;

// Whole-word, case-insensitive search over the blind index: messages having ALL the query's
// words, in the caller's conversations only (or the one given), newest first. The query
// itself is never stored or logged.
class MessageSearch
{
public:
    static constexpr int kDefaultLimit = 20;
    static constexpr int kMaxLimit = 100;
    static constexpr qsizetype kMaxQueryWords = 32;

    MessageSearch(const ServerContext &context, ConversationKeyring &keyring);

    Result<QList<model::Message>, ServiceError> search(const Principal &caller, const ClientInfo &client,
        const QString &query, const std::optional<QUuid> &conversationId, int limit);

private:
    const ServerContext &m_context;
    ConversationKeyring &m_keyring;
    AccessPolicy m_policy;
    MessageAssembler m_assembler;
};

} // namespace vw::server::messaging
