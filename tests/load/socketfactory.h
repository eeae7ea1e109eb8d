#pragma once

#include "tests/load/loadgenoptions.h"

#include <QHostAddress>
#include <QUrl>

#include <functional>

namespace vw::load {

class LoadSocket;

// Makes the socket with a given global number; called from worker threads, so it only
// reads what it captured.
using SocketFactory = std::function<LoadSocket *(int socketIndex, QObject *parent)>;

// `kind` Qt gives RealtimeClient sockets, which cannot bind a source address; Raw sockets
// spread over loopback source addresses when the server is on loopback.
SocketFactory makeSocketFactory(ClientKind kind, const QUrl &serverUrl, int socketsPerSource);

// 127.0.0.2, 127.0.0.3, ... one per `socketsPerSource` sockets; null when not binding.
// 127.0.0.1 is left to the REST calls, which count against the same per-address cap.
QHostAddress sourceAddressFor(int socketIndex, int socketsPerSource);

} // namespace vw::load
