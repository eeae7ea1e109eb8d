#include "tests/load/keepalivefleet.h"

#include "tests/load/socketfactory.h"

#include <QHostAddress>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace vw::load {

namespace {

QString lastError(const char *what)
{
    return QStringLiteral("%1: %2").arg(
        QLatin1StringView(what), QString::fromLocal8Bit(std::strerror(errno)));
}

sockaddr_in ipv4(const QHostAddress &address, quint16 port)
{
    sockaddr_in socketAddress {};
    socketAddress.sin_family = AF_INET;
    socketAddress.sin_port = htons(port);
    socketAddress.sin_addr.s_addr = htonl(address.toIPv4Address());
    return socketAddress;
}

// Reads one whole answer (header block and Content-Length body); its status, or an error.
Result<int, QString> readAnswer(int descriptor)
{
    QByteArray received;
    char chunk[4096];
    for (;;) {
        const qsizetype headerEnd = received.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            const QByteArray header = received.left(headerEnd).toLower();
            const qsizetype field = header.indexOf("\r\ncontent-length:");
            const qsizetype length
                = field < 0 ? 0 : header.mid(field + 17).split('\r').front().trimmed().toLongLong();
            if (received.size() >= headerEnd + 4 + length)
                return received.mid(9, 3).toInt();
        }
        const ssize_t got = ::recv(descriptor, chunk, sizeof chunk, 0);
        if (got <= 0)
            return got == 0 ? QStringLiteral("the server closed the connection") : lastError("recv");
        received.append(chunk, got);
    }
}

} // namespace

KeepAliveFleet::~KeepAliveFleet()
{
    for (const int descriptor : m_descriptors)
        ::close(descriptor);
}

Status<QString> KeepAliveFleet::open(const QUrl &serverUrl, int count, int socketsPerSource)
{
    const QHostAddress server(serverUrl.host());
    if (server.protocol() != QAbstractSocket::IPv4Protocol)
        return QStringLiteral("keep-alive connections need an IPv4 server address, not %1")
            .arg(serverUrl.host());
    const sockaddr_in target = ipv4(server, static_cast<quint16>(serverUrl.port(80)));
    const QByteArray request
        = "GET /healthz HTTP/1.1\r\nHost: " + serverUrl.authority().toLatin1() + "\r\n\r\n";
    const bool bindSources = server.isLoopback() && socketsPerSource > 0;
    m_descriptors.reserve(m_descriptors.size() + size_t(count));
    for (int i = 0; i < count; ++i) {
        const int descriptor = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (descriptor < 0)
            return lastError("socket");
        m_descriptors.push_back(descriptor);
        const timeval timeout {10, 0};
        ::setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        if (bindSources) {
            const sockaddr_in source = ipv4(sourceAddressFor(i, socketsPerSource), 0);
            if (::bind(descriptor, reinterpret_cast<const sockaddr *>(&source), sizeof source) != 0)
                return lastError("bind");
        }
        if (::connect(descriptor, reinterpret_cast<const sockaddr *>(&target), sizeof target) != 0)
            return lastError("connect");
        if (::send(descriptor, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size())
            return lastError("send");
        auto status = readAnswer(descriptor);
        if (!status)
            return status.error();
        if (status.value() != 200)
            return QStringLiteral("GET /healthz answered %1").arg(status.value());
    }
    return {};
}

} // namespace vw::load
