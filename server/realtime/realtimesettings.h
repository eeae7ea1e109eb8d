#pragma once

#include <QString>

namespace vw::server::realtime {

// The one Socket.IO namespace we serve (API.md); every other gets "Invalid namespace".
inline const QString kMessagingNamespace = QStringLiteral("/messaging");

// Timing and limits of the Socket.IO gateway. The defaults are what the stock
// socket.io-client expects (API.md); tests shorten the timers.
struct RealtimeSettings
{
    // Engine.IO heartbeat announced in the OPEN packet: the server pings every interval and
    // drops a peer whose pong has not arrived `pingTimeoutMs` after the ping.
    int pingIntervalMs = 25 * 1000;
    int pingTimeoutMs = 20 * 1000;
    // Largest incoming WebSocket message (Engine.IO maxPayload); bigger ones close the socket.
    qint64 maxPayloadBytes = 1000 * 1000;
    // Time from the upgrade to an accepted namespace CONNECT before the socket is dropped
    // (socket.io's connectTimeout), so unauthenticated sockets cannot pile up.
    int connectTimeoutMs = 45 * 1000;
    // Refused namespace CONNECTs (bad token) one socket may make before it is closed.
    int maxFailedConnects = 3;
    // A typing indicator with no refresh for this long is cleared (isTyping:false).
    int typingTimeoutMs = 6 * 1000;
    // Repeated isTyping:true for the same person and conversation is relayed at most this
    // often; a change to false is always relayed at once.
    int typingRelayIntervalMs = 2 * 1000;
    // How often heartbeats, connect deadlines and typing expiries are checked; one timer for
    // all sockets instead of one per socket.
    int sweepIntervalMs = 500;
    // Incoming frames per second one socket may send on average, with bursts up to
    // `frameBurst`; beyond that it is flooding and is closed. 0 turns the check off
    // (benchmarks, with --rate-limit 0).
    int maxFramesPerSecond = 50;
    int frameBurst = 200;
    // `message:send` refused by the message rate limit this many times in a row: the client
    // ignores 429s and is closed.
    int maxRateLimitedInARow = 10;
    // Unacknowledged `message:new` deliveries remembered per socket; the oldest are forgotten
    // (the message then stays "sent" until another device or a read marks it).
    int maxPendingDeliveries = 512;
};

} // namespace vw::server::realtime
