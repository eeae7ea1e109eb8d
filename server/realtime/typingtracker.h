#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QUuid>

namespace vw::server::realtime {

// One typing indicator to relay: who, where, and whether they are typing now.
struct TypingChange
{
    QUuid conversationId;
    QUuid userId;
    bool isTyping = false;

    bool operator==(const TypingChange &) const = default;
};

// Who is typing where. Clients repeat isTyping:true while the user types; this decides
// which reports are worth relaying (a start, a stop, a refresh at most every
// `relayIntervalMs`) and clears indicators nobody refreshed for `timeoutMs`, so a client
// that crashes mid-sentence does not leave "typing…" on everyone's screen.
class TypingTracker
{
public:
    TypingTracker(int timeoutMs, int relayIntervalMs);

    // A report from REST or realtime at `nowMs` (steady clock). True when it is to be relayed.
    bool report(const QUuid &conversationId, const QUuid &userId, bool isTyping, qint64 nowMs);
    // Indicators not refreshed within the timeout, now cleared; relay each as isTyping:false.
    QList<TypingChange> expire(qint64 nowMs);
    // Clears every indicator of a user who went offline; relay each as isTyping:false.
    QList<TypingChange> clearUser(const QUuid &userId);

    int activeCount() const { return static_cast<int>(m_active.size()); }

private:
    using Key = QPair<QUuid, QUuid>; // conversation, user
    struct Entry
    {
        qint64 lastReportMs = 0;
        qint64 lastRelayMs = 0;
    };

    const int m_timeoutMs;
    const int m_relayIntervalMs;
    QHash<Key, Entry> m_active;
};

} // namespace vw::server::realtime
