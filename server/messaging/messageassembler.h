#pragma once

#include "common/core/result.h"
#include "common/model/message.h"
#include "server/core/serviceerror.h"
#include "server/messaging/attachmentcipher.h"
#include "server/messaging/attachmentrecord.h"
#include "server/messaging/messagerecord.h"

#include <QList>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

class ConversationKeyring;

// Turns stored message rows into wire Messages: opens content and metadata under the
// conversation's key, adds the attachments of image and file messages (one query per page),
// and shows a deleted message as a tombstone (no content, no attachments) without
// decrypting anything. A row that does not open is a 500.
class MessageAssembler
{
public:
    MessageAssembler(store::Database &database, ConversationKeyring &keyring)
        : m_database(database), m_keyring(keyring)
    { }

    Result<model::Message, ServiceError> assemble(const MessageRecord &record);
    Result<QList<model::Message>, ServiceError> assembleAll(const QList<MessageRecord> &records);

private:
    Result<model::Message, ServiceError> assembleText(const MessageRecord &record);
    Status<ServiceError> addAttachments(QList<model::Message> &messages);

    store::Database &m_database;
    ConversationKeyring &m_keyring;
};

// The wire Attachment of a row whose metadata was opened.
model::Attachment toModel(const AttachmentRecord &record, const AttachmentMeta &meta);

} // namespace vw::server::messaging
