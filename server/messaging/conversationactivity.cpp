#include "server/messaging/conversationactivity.h"

#include "server/messaging/conversationrepository.h"
#include "server/messaging/participantrepository.h"

namespace vw::server::messaging {

Result<QList<QUuid>, store::StoreError> ConversationActivity::memberIds(
    store::Database &database, const QUuid &conversationId)
{
    if (const auto known = m_members.constFind(conversationId); known != m_members.cend())
        return *known;
    auto members = ParticipantRepository(database).memberIds(conversationId);
    if (members)
        m_members.insert(conversationId, members.value());
    return members;
}

void ConversationActivity::messageStored(const QUuid &conversationId, const QUuid &senderId,
    const QList<QUuid> &members, qint64 atMs, const QByteArray &previewEnc)
{
    for (const QUuid &member : members) {
        if (member != senderId)
            ++m_unreadAdded[{conversationId, member}];
    }
    const auto [gathered, first] = m_previews.try_emplace(conversationId, Preview {atMs, previewEnc});
    if (!first && atMs >= gathered->second.atMs)
        gathered->second = Preview {atMs, previewEnc};
}

Status<store::StoreError> ConversationActivity::flush(store::Database &database)
{
    ParticipantRepository participants(database);
    for (const auto &[key, count] : m_unreadAdded) {
        if (auto added = participants.addUnread(key.first, key.second, count); !added)
            return added;
    }
    ConversationRepository conversations(database);
    for (const auto &[conversationId, preview] : m_previews) {
        if (auto updated = conversations.updateLastMessage(conversationId, preview.atMs, preview.previewEnc);
            !updated)
            return updated;
    }
    m_unreadAdded.clear();
    m_previews.clear();
    return {};
}

} // namespace vw::server::messaging
