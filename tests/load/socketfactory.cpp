#include "tests/load/socketfactory.h"

#include "tests/load/qtloadsocket.h"
#include "tests/load/rawloadsocket.h"

namespace vw::load {

namespace {

// Only a literal IPv4 loopback: "localhost" may resolve to ::1, which an IPv4 source
// address cannot reach.
bool isIpv4Loopback(const QString &host)
{
    const QHostAddress address(host);
    return address.protocol() == QAbstractSocket::IPv4Protocol && address.isLoopback();
}

} // namespace

QHostAddress sourceAddressFor(int socketIndex, int socketsPerSource)
{
    if (socketsPerSource <= 0)
        return {};
    const quint32 group = quint32(socketIndex / socketsPerSource);
    // Third and fourth octets; .0 and .255 are avoided in case anything treats them specially.
    const quint32 third = group / 250;
    const quint32 fourth = group % 250 + 2;
    return QHostAddress((127u << 24) | (third << 8) | fourth);
}

SocketFactory makeSocketFactory(ClientKind kind, const QUrl &serverUrl, int socketsPerSource)
{
    if (kind == ClientKind::Qt)
        return [](int, QObject *parent) -> LoadSocket * { return new QtLoadSocket(parent); };
    const int perSource = isIpv4Loopback(serverUrl.host()) ? socketsPerSource : 0;
    return [perSource](int socketIndex, QObject *parent) -> LoadSocket * {
        return new RawLoadSocket(sourceAddressFor(socketIndex, perSource), 30'000, parent);
    };
}

} // namespace vw::load
