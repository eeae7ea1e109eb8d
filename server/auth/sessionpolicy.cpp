#include "server/auth/sessionpolicy.h"

namespace vw::server::auth {

SessionPolicy::State SessionPolicy::stateAt(const SessionRecord &session, const QDateTime &now)
{
    if (session.revokedAt)
        return State::Revoked;
    if (now >= session.expiresAt)
        return State::Expired;
    if (session.lastUsedAt.msecsTo(now) >= kIdleLimitMs)
        return State::Idle;
    return State::Live;
}

bool SessionPolicy::needsTouch(const SessionRecord &session, const QDateTime &now)
{
    return session.lastUsedAt.msecsTo(now) >= kTouchIntervalMs;
}

QString SessionPolicy::toString(State state)
{
    switch (state) {
    case State::Live:
        return QStringLiteral("live");
    case State::Revoked:
        return QStringLiteral("revoked");
    case State::Idle:
        return QStringLiteral("idle");
    case State::Expired:
        return QStringLiteral("expired");
    }
    return QStringLiteral("unknown");
}

} // namespace vw::server::auth
