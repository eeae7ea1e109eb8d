#pragma once

#include <QtGlobal>

namespace vw::server::http {

// The limits ConnectionGuard enforces in front of QtHttpServer, which has none of its own.
struct ConnectionLimits
{
    // Request line + header fields + the blank line that ends them (and blank lines before).
    qint64 maxHeaderBytes = 16 * 1024;
    // Content-Length allowed for every route but attachment uploads.
    qint64 jsonBodyBytes = 1024 * 1024;
    // Content-Length allowed for POST /messaging/conversations/<id>/attachments.
    qint64 attachmentBodyBytes = 50 * 1024 * 1024;
    // Time to receive a complete header block once a request has begun (-> 408).
    int headerTimeoutMs = 10 * 1000;
    // A connection with no traffic either way for this long is closed without a reply.
    int idleTimeoutMs = 120 * 1000;
    // A keep-alive connection quiet for this long between requests leaves Qt's poll set until
    // its next byte (ParkedSocket); 0 keeps every connection in it.
    int parkAfterIdleMs = 2 * 1000;
    // Open connections from one address; 0 means unlimited.
    int maxConnectionsPerIp = 256;
    // After an error reply, how long the rest of the request is read and discarded so the
    // client sees the reply instead of a reset; the connection is then aborted.
    int lingerMs = 2 * 1000;
    // With TLS: time from accept to a finished handshake before the socket is dropped.
    int tlsHandshakeTimeoutMs = 10 * 1000;
};

} // namespace vw::server::http
