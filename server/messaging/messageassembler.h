#pragma once

#include "common/core/result.h"
#include "common/model/message.h"
#include "server/core/serviceerror.h"
#include "server/messaging/messagerecord.h"

#include <QList>

namespace vw::server::messaging {

class ConversationKeyring;

// Turns stored message rows into wire Messages: opens content and metadata under the
// conversation's key, and shows a deleted message as a tombstone (no content, no
// attachments) without decrypting anything. A row that does not open is a 500.
class MessageAssembler
{
public:
    explicit MessageAssembler(ConversationKeyring &keyring) : m_keyring(keyring) { }

    Result<model::Message, ServiceError> assemble(const MessageRecord &record);
    Result<QList<model::Message>, ServiceError> assembleAll(const QList<MessageRecord> &records);

private:
    ConversationKeyring &m_keyring;
};

} // namespace vw::server::messaging
