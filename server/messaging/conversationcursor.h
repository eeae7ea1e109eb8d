#pragma once

#include "server/messaging/conversationrepository.h"

#include <QString>

#include <optional>

namespace vw::server::messaging {

// The opaque `cursor` of GET /messaging/conversations: base64url of "<activityMs>:<id>",
// the position of the last conversation of the previous page.
class ConversationCursor
{
public:
    ConversationCursor() = delete;

    static QString encode(const ConversationPosition &position);
    // Nothing for anything that is not a cursor we made.
    static std::optional<ConversationPosition> decode(const QString &cursor);
};

} // namespace vw::server::messaging
