#include "server/http/pendinganswers.h"

#include <QObject>
#include <QVariant>

namespace vw::server::http {

namespace {

// A dynamic property: the socket is QtHttpServer's, so it is the one object both sides see.
constexpr const char *kProperty = "vw.pendingAnswers";

int countOn(const QObject *socket)
{
    return socket->property(kProperty).toInt();
}

} // namespace

void PendingAnswers::begin(QObject *socket)
{
    if (socket)
        socket->setProperty(kProperty, countOn(socket) + 1);
}

void PendingAnswers::end(QObject *socket)
{
    if (socket)
        socket->setProperty(kProperty, qMax(0, countOn(socket) - 1));
}

bool PendingAnswers::any(const QObject *socket)
{
    return socket && countOn(socket) > 0;
}

} // namespace vw::server::http
