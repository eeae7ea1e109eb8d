#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <memory>

namespace vw::server::messaging {

// The purpose keys of one conversation, derived with HKDF-SHA256 from its data key so
// that a key used for search tokens can never open a message and vice versa. The data
// key itself is not kept.
class ConversationKeys
{
    Q_DISABLE_COPY_MOVE(ConversationKeys)

public:
    static constexpr const char *kMessageInfo = "vytalwatch/message/v1";
    static constexpr const char *kSearchInfo = "vytalwatch/search/v1";
    static constexpr const char *kAttachmentInfo = "vytalwatch/attachment/v1";

    static Result<std::shared_ptr<const ConversationKeys>, crypto::CryptoError> derive(
        const crypto::SecretBytes &dataKey);

    const crypto::SecretBytes &messageKey() const { return m_messageKey; }
    const crypto::SecretBytes &searchKey() const { return m_searchKey; }
    const crypto::SecretBytes &attachmentKey() const { return m_attachmentKey; }

private:
    ConversationKeys(crypto::SecretBytes message, crypto::SecretBytes search, crypto::SecretBytes attachment);

    crypto::SecretBytes m_messageKey;
    crypto::SecretBytes m_searchKey;
    crypto::SecretBytes m_attachmentKey;
};

} // namespace vw::server::messaging
