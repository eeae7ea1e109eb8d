#pragma once

#include "common/core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace vw::server::http {

// A WebSocket opening handshake the server accepts (RFC 6455 4.2.1).
struct WebSocketUpgrade
{
    QByteArray target; // the request target, e.g. /socket.io/?EIO=4&transport=websocket
    QByteArray userAgent;
    QByteArray acceptKey; // Sec-WebSocket-Accept

    // The 101 reply. No extension or subprotocol is agreed: none is offered to clients.
    QByteArray switchingProtocolsReply() const;
};

// Why an upgrade request is refused: the HTTP status (400, or 426 for a version other than
// 13) and the NestJS `message`.
struct UpgradeRefusal
{
    int statusCode = 400;
    QString message;
};

// Checks the header block (request line, fields, blank line) of a request RequestFramer
// framed as a WebSocket upgrade: GET over HTTP/1.1 with a Host, one Sec-WebSocket-Key that
// is 16 bytes in base64, and Sec-WebSocket-Version 13.
Result<WebSocketUpgrade, UpgradeRefusal> parseWebSocketUpgrade(QByteArrayView headerBlock);

// base64(SHA-1(key + the RFC 6455 GUID)).
QByteArray webSocketAcceptKey(QByteArrayView key);

} // namespace vw::server::http
