#include "server/messaging/conversationassembler.h"

#include "server/messaging/contentcipher.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/messagingfailures.h"

namespace vw::server::messaging {

Result<model::Conversation, ServiceError> ConversationAssembler::assemble(
    const ConversationRecord &record, const QList<ParticipantRecord> &members, const QUuid &viewerId)
{
    model::Conversation conversation;
    conversation.id = record.id;
    conversation.patientId = record.patientId;
    conversation.providerId = record.providerId;
    conversation.lastMessageAt = record.lastMessageAt;
    conversation.createdAt = record.createdAt;
    conversation.metadata = record.metadata;
    for (const ParticipantRecord &member : members) {
        if (member.conversationId != record.id)
            continue;
        conversation.participantIds.append(member.userId);
        if (member.userId == viewerId)
            conversation.unreadCount = member.unreadCount;
    }
    if (record.titleEnc.isEmpty() && record.previewEnc.isEmpty())
        return conversation;

    auto keys = m_keyring.keys(record.id);
    if (!keys)
        return keyFailed(keys.error(), record.id);
    const crypto::SecretBytes &key = keys.value()->messageKey();
    if (!record.titleEnc.isEmpty()) {
        auto title = ContentCipher::openTitle(key, record.id, record.titleEnc);
        if (!title)
            return decryptFailed(record.id, record.id);
        conversation.title = title.value();
    }
    if (!record.previewEnc.isEmpty()) {
        auto preview = ContentCipher::openPreview(key, record.id, record.previewEnc);
        if (!preview)
            return decryptFailed(record.id, record.id);
        conversation.lastMessagePreview = preview.value();
    }
    return conversation;
}

} // namespace vw::server::messaging
