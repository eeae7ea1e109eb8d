#pragma once

#include "server/auth/sessionrecord.h"

#include <QDateTime>

namespace vw::server::auth {

// Whether a session may still be used, and how long sessions live. Kept apart from the
// service so the limits are one place and testable without a store.
class SessionPolicy
{
public:
    enum class State { Live, Revoked, Idle, Expired };

    static constexpr qint64 kIdleLimitMs = 30 * 60 * 1000;
    static constexpr qint64 kAbsoluteLimitMs = 12 * 60 * 60 * 1000;
    // last_used_at is written at most this often per session, to spare the store a write per request.
    static constexpr qint64 kTouchIntervalMs = 60 * 1000;

    static State stateAt(const SessionRecord &session, const QDateTime &now);
    static bool needsTouch(const SessionRecord &session, const QDateTime &now);
    static QString toString(State state);
};

} // namespace vw::server::auth
