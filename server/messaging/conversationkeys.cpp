#include "server/messaging/conversationkeys.h"

#include "common/crypto/hkdf.h"

namespace vw::server::messaging {

ConversationKeys::ConversationKeys(
    crypto::SecretBytes message, crypto::SecretBytes search, crypto::SecretBytes attachment)
    : m_messageKey(std::move(message)), m_searchKey(std::move(search)), m_attachmentKey(std::move(attachment))
{ }

Result<std::shared_ptr<const ConversationKeys>, crypto::CryptoError> ConversationKeys::derive(
    const crypto::SecretBytes &dataKey)
{
    auto message = crypto::hkdfSha256(dataKey.view(), {}, QByteArrayView(kMessageInfo), 32);
    if (!message)
        return message.error();
    auto search = crypto::hkdfSha256(dataKey.view(), {}, QByteArrayView(kSearchInfo), 32);
    if (!search)
        return search.error();
    auto attachment = crypto::hkdfSha256(dataKey.view(), {}, QByteArrayView(kAttachmentInfo), 32);
    if (!attachment)
        return attachment.error();
    // The constructor is private, so make_shared cannot reach it.
    return std::shared_ptr<const ConversationKeys>(new ConversationKeys(
        std::move(message).value(), std::move(search).value(), std::move(attachment).value()));
}

} // namespace vw::server::messaging
