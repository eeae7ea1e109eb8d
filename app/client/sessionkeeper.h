#pragma once

#include "app/client/apiclient.h"
#include "app/client/apierror.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>
#include <vector>

namespace vw::client {

// Keeps a signed-in session alive: gives the ApiClient the access token, renews it shortly
// before it expires and whenever a call is refused with 401 (that call is retried once), and
// says when the session is gone. One renewal at a time: refresh tokens rotate, and the server
// revokes the whole session when a used one comes back.
class SessionKeeper : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultRefreshLeadMs = 60'000;
    // After a renewal that failed for a passing reason (network, 5xx, 429).
    static constexpr int kRetryDelayMs = 15'000;

    // Installs itself as `api`'s renew handler; `api` must outlive it or be destroyed with it.
    explicit SessionKeeper(ApiClient &api, QObject *parent = nullptr);
    ~SessionKeeper() override;

    // Takes over the session a login gave: the ApiClient carries its access token from now on.
    void start(const AuthSession &session);
    // Forgets the tokens (after a logout); no signal. Calls waiting for a renewal fail.
    void stop();
    bool isActive() const { return m_active; }
    // The current tokens and user; empty when not active.
    const AuthSession &session() const { return m_session; }

    // How long before expiry to renew (default kDefaultRefreshLeadMs). A token that lives
    // less than twice as long is renewed halfway through its life instead.
    void setRefreshLeadMs(int ms);
    // Renews now, or joins the renewal under way.
    void refreshNow();

signals:
    // The access token was renewed (not emitted by start()): hand it to the realtime client.
    void tokensChanged(const QString &accessToken);
    // The server refused the refresh token (revoked, expired or reused): sign in again.
    void sessionExpired();
    // A renewal failed for a passing reason (offline, server trouble); it is retried after
    // kRetryDelayMs or the server's Retry-After. The session goes on.
    void renewalFailed(const vw::client::ApiError &error);

private:
    using Waiter = std::function<void(const std::optional<ApiError> &)>;

    void renew(Waiter waiter);
    void onRenewed(const Result<AuthSession, ApiError> &result);
    void scheduleRenewal();
    void settleWaiters(const std::optional<ApiError> &failure);

    QPointer<ApiClient> m_api;
    AuthSession m_session;
    bool m_active = false;
    int m_leadMs = kDefaultRefreshLeadMs;
    QTimer m_timer;
    QPointer<ApiCall> m_renewal;
    std::vector<Waiter> m_waiters;
};

} // namespace vw::client
