#pragma once

#include "app/client/chatsession.h"
#include "tests/support/realtimetestserver.h"

#include <QDateTime>
#include <QString>
#include <QTemporaryDir>
#include <QUuid>

#include <chrono>
#include <memory>
#include <optional>

namespace vw::test {

// What the ChatSession tests (and the window tests over a real session) share: a
// RealtimeTestServer with a provider "drhouse" and a patient "patient1" in one pair
// conversation, and sessions against it with short reconnect and resend delays, each with
// its own outbox directory. Made fresh in init() so every test starts from an empty server.
class ChatSessionFixture
{
public:
    static constexpr int kSignInTimeoutMs = 15000;

    ChatSessionFixture();
    ~ChatSessionFixture();
    Q_DISABLE_COPY_MOVE(ChatSessionFixture)

    // Starts the server, adds both users and opens their conversation; false (and
    // errorString()) when any of it fails.
    bool start();
    QString errorString() const { return m_error; }

    RealtimeTestServer &server() { return *m_server; }
    // The server goes away (its connections drop); server() is gone afterwards.
    void stopServer() { m_server.reset(); }
    const RealtimeTestUser &provider() const { return m_provider; }
    const RealtimeTestUser &patient() const { return m_patient; }
    QUuid conversationId() const { return m_conversationId; }
    // A path in the fixture's temporary directory, for files to attach.
    QString filePath(const QString &name) const;

    // A new outbox directory each call; reconnects after reconnectDelayMs (twice that at
    // most, no jitter), resends after 100 to 500 ms.
    client::ChatSessionOptions sessionOptions(int reconnectDelayMs = 100);
    std::unique_ptr<client::ChatSession> makeSession(int reconnectDelayMs = 100);
    // Signs `session` in as `user`; true once it is signed in and online.
    bool signIn(client::ChatSession &session, const RealtimeTestUser &user);

    // Replaces the signed-in session's access token, for REST and the realtime socket, by
    // one for the same server session, signed with the server's key, that expires
    // `lifetime` from now: as if the server issued short-lived tokens while the session's
    // renewal timer still counts on the usual life (a laptop asleep through it does that).
    // When it expires (whole seconds, as in the token), or nothing without a session.
    std::optional<QDateTime> giveShortLivedAccessToken(
        client::ChatSession &session, std::chrono::seconds lifetime);

private:
    std::unique_ptr<RealtimeTestServer> m_server;
    QTemporaryDir m_dir;
    RealtimeTestUser m_provider;
    RealtimeTestUser m_patient;
    QUuid m_conversationId;
    int m_sessions = 0;
    QString m_error;
};

} // namespace vw::test
