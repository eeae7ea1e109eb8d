#pragma once

#include <QUuid>

namespace vw::server {

// Whether a user has at least one live realtime connection. Implemented by the realtime
// gateway; the user directory reads it for the `online` field of User.
class PresenceSource
{
public:
    virtual ~PresenceSource() = default;
    virtual bool isOnline(const QUuid &userId) const = 0;
};

} // namespace vw::server
