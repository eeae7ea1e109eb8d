#include "server/http/websocketupgrade.h"

#include <QCryptographicHash>

namespace vw::server::http {

namespace {

constexpr QByteArrayView kHandshakeGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
constexpr qsizetype kKeyBytes = 16;

UpgradeRefusal badRequest(const QString &message)
{
    return UpgradeRefusal {400, message};
}

} // namespace

QByteArray WebSocketUpgrade::switchingProtocolsReply() const
{
    QByteArray reply;
    reply.reserve(160);
    reply
        .append("HTTP/1.1 101 Switching Protocols\r\n"
                "Upgrade: websocket\r\n"
                "Connection: Upgrade\r\n"
                "Sec-WebSocket-Accept: ")
        .append(acceptKey)
        .append("\r\n\r\n");
    return reply;
}

QByteArray webSocketAcceptKey(QByteArrayView key)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(kHandshakeGuid);
    return sha1.result().toBase64();
}

Result<WebSocketUpgrade, UpgradeRefusal> parseWebSocketUpgrade(QByteArrayView headerBlock)
{
    const qsizetype lineEnd = headerBlock.indexOf('\n');
    if (lineEnd < 0)
        return badRequest(QStringLiteral("Malformed upgrade request"));
    const QByteArrayView requestLine = headerBlock.first(lineEnd).trimmed();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace)
        return badRequest(QStringLiteral("Malformed upgrade request"));
    if (requestLine.first(firstSpace) != "GET")
        return badRequest(QStringLiteral("A WebSocket upgrade must be a GET request"));
    if (requestLine.sliced(lastSpace + 1) != "HTTP/1.1")
        return badRequest(QStringLiteral("A WebSocket upgrade needs HTTP/1.1"));

    WebSocketUpgrade upgrade;
    upgrade.target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1).trimmed().toByteArray();
    int keys = 0;
    bool host = false;
    QByteArrayView key;
    QByteArrayView version;
    qsizetype position = lineEnd + 1;
    while (position < headerBlock.size()) {
        qsizetype end = headerBlock.indexOf('\n', position);
        if (end < 0)
            end = headerBlock.size();
        const QByteArrayView line = headerBlock.sliced(position, end - position).trimmed();
        position = end + 1;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // the blank line that ends the block (RequestFramer checked the rest)
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (name.compare("host", Qt::CaseInsensitive) == 0) {
            host = !value.isEmpty();
        } else if (name.compare("sec-websocket-key", Qt::CaseInsensitive) == 0) {
            ++keys;
            key = value;
        } else if (name.compare("sec-websocket-version", Qt::CaseInsensitive) == 0) {
            version = value;
        } else if (name.compare("user-agent", Qt::CaseInsensitive) == 0) {
            upgrade.userAgent = value.toByteArray();
        }
    }
    if (!host)
        return badRequest(QStringLiteral("A WebSocket upgrade needs a Host header"));
    if (keys != 1)
        return badRequest(QStringLiteral("A WebSocket upgrade needs exactly one Sec-WebSocket-Key"));
    const auto decoded
        = QByteArray::fromBase64Encoding(key.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kKeyBytes)
        return badRequest(QStringLiteral("Sec-WebSocket-Key must be 16 bytes in base64"));
    if (version != "13")
        return UpgradeRefusal {426, QStringLiteral("Only WebSocket version 13 is supported")};
    upgrade.acceptKey = webSocketAcceptKey(key);
    return upgrade;
}

} // namespace vw::server::http
