#pragma once

class QObject;

namespace vw::server::http {

// Requests a connection still owes an answer to (a deferred route waiting for the group-commit
// writer, an upload on a worker), counted on the connection's socket. HttpApi counts them;
// ConnectionGuard's idle timeout leaves such a connection open, since the silence is the
// server's, not the client's.
class PendingAnswers
{
public:
    PendingAnswers() = delete;

    static void begin(QObject *socket);
    static void end(QObject *socket);
    static bool any(const QObject *socket);
};

} // namespace vw::server::http
