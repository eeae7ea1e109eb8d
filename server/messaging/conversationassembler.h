#pragma once

#include "common/core/result.h"
#include "common/model/conversation.h"
#include "server/core/serviceerror.h"
#include "server/messaging/conversationrecord.h"
#include "server/messaging/participantrepository.h"

#include <QList>

namespace vw::server::messaging {

class ConversationKeyring;

// Turns a stored conversation and its participant rows into the wire Conversation one
// viewer sees: title and preview opened, the viewer's own unread count.
class ConversationAssembler
{
public:
    explicit ConversationAssembler(ConversationKeyring &keyring) : m_keyring(keyring) { }

    // `members` may hold rows of other conversations too; only this one's are used.
    Result<model::Conversation, ServiceError> assemble(
        const ConversationRecord &record, const QList<ParticipantRecord> &members, const QUuid &viewerId);

private:
    ConversationKeyring &m_keyring;
};

} // namespace vw::server::messaging
