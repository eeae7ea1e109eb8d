#include "tests/support/localsocketpair.h"

#include <sys/socket.h>
#include <unistd.h>

namespace vw::test {

LocalSocketPair::LocalSocketPair()
{
    int fds[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0) {
        ours = fds[0];
        peer = fds[1];
    }
}

LocalSocketPair::~LocalSocketPair()
{
    for (const int descriptor : {ours, peer}) {
        if (descriptor >= 0)
            ::close(descriptor);
    }
}

QByteArray LocalSocketPair::readPeer()
{
    QByteArray all;
    char buffer[65536];
    ssize_t got = 0;
    while ((got = ::recv(peer, buffer, sizeof buffer, 0)) > 0)
        all.append(buffer, got);
    return all;
}

bool LocalSocketPair::peerSawEnd(QByteArray &data)
{
    char buffer[65536];
    while (true) {
        const ssize_t got = ::recv(peer, buffer, sizeof buffer, 0);
        if (got > 0) {
            data.append(buffer, got);
            continue;
        }
        return got == 0;
    }
}

} // namespace vw::test
