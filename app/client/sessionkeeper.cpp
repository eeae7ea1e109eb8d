#include "app/client/sessionkeeper.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>
#include <climits>
#include <utility>

namespace vw::client {

namespace {

// Never tokens: only that a renewal happened or why it failed.
Q_LOGGING_CATEGORY(lcSession, "vw.client.session")

ApiError notSignedIn(const QUrl &server)
{
    ApiError error;
    error.kind = ApiError::Kind::Unauthorized;
    error.status = 401;
    error.message = QStringLiteral("Not signed in");
    error.server = ApiError::serverOf(server);
    return error;
}

// The refresh token itself was refused: renewing again cannot help.
bool endsTheSession(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Unauthorized:
    case ApiError::Kind::Forbidden:
    case ApiError::Kind::NotFound:
    case ApiError::Kind::BadRequest:
        return true;
    case ApiError::Kind::Network:
    case ApiError::Kind::RateLimited:
    case ApiError::Kind::Server:
    case ApiError::Kind::TlsError:
    case ApiError::Kind::Timeout:
        return false;
    }
    return false;
}

} // namespace

SessionKeeper::SessionKeeper(ApiClient &api, QObject *parent) : QObject(parent), m_api(&api)
{
    m_timer.setSingleShot(true);
    // Coarse timers may fire 5% late: 45 s on a 15-minute token, most of the lead.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SessionKeeper::refreshNow);
    api.setRenewHandler([this](Waiter done) { renew(std::move(done)); });
}

SessionKeeper::~SessionKeeper()
{
    if (m_api)
        m_api->setRenewHandler({});
    if (m_renewal)
        m_renewal->abort();
}

void SessionKeeper::start(const AuthSession &session)
{
    if (m_renewal)
        m_renewal->abort(); // its refresh token belongs to the session being replaced
    m_renewal = nullptr;
    m_session = session;
    m_active = true;
    if (m_api)
        m_api->setAccessToken(m_session.accessToken);
    scheduleRenewal();
    // Calls that waited for a renewal of the previous session go again with this one.
    settleWaiters(std::nullopt);
}

void SessionKeeper::stop()
{
    m_active = false;
    m_timer.stop();
    if (m_renewal)
        m_renewal->abort();
    m_renewal = nullptr;
    m_session = {};
    if (m_api)
        m_api->setAccessToken({});
    settleWaiters(notSignedIn(m_api ? m_api->baseUrl() : QUrl()));
}

void SessionKeeper::setRefreshLeadMs(int ms)
{
    m_leadMs = std::max(0, ms);
    if (m_active && !m_renewal)
        scheduleRenewal();
}

void SessionKeeper::refreshNow()
{
    renew({});
}

void SessionKeeper::renew(Waiter waiter)
{
    if (!m_active || !m_api) {
        if (waiter)
            waiter(notSignedIn(m_api ? m_api->baseUrl() : QUrl()));
        return;
    }
    if (waiter)
        m_waiters.push_back(std::move(waiter));
    if (m_renewal)
        return;
    m_timer.stop();
    qCDebug(lcSession) << "renewing the access token";
    m_renewal = m_api->refresh(
        m_session.refreshToken, [this](const Result<AuthSession, ApiError> &result) { onRenewed(result); });
    m_renewal->bindTo(this);
}

void SessionKeeper::onRenewed(const Result<AuthSession, ApiError> &result)
{
    m_renewal = nullptr;
    if (result) {
        m_session = result.value();
        if (m_api)
            m_api->setAccessToken(m_session.accessToken);
        scheduleRenewal();
        emit tokensChanged(m_session.accessToken);
        settleWaiters(std::nullopt);
        return;
    }

    const ApiError &error = result.error();
    if (endsTheSession(error)) {
        qCInfo(lcSession) << "the server refused the refresh token; the session is over";
        m_active = false;
        m_timer.stop();
        m_session = {};
        if (m_api)
            m_api->setAccessToken({});
        settleWaiters(error);
        emit sessionExpired();
        return;
    }
    qCInfo(lcSession).noquote() << "token renewal failed, retrying later:" << error.message;
    const qint64 retryMs = std::max<qint64>(kRetryDelayMs, qint64 {error.retryAfterSeconds} * 1000);
    m_timer.start(static_cast<int>(std::min<qint64>(retryMs, INT_MAX)));
    settleWaiters(error);
    emit renewalFailed(error);
}

void SessionKeeper::scheduleRenewal()
{
    const qint64 remaining = QDateTime::currentDateTimeUtc().msecsTo(m_session.expiresAt);
    // Halfway through a short-lived token, so a lead longer than its life cannot spin.
    const qint64 delay = std::max(remaining - m_leadMs, remaining / 2);
    m_timer.start(static_cast<int>(std::clamp<qint64>(delay, 0, INT_MAX)));
}

void SessionKeeper::settleWaiters(const std::optional<ApiError> &failure)
{
    const std::vector<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters)
        waiter(failure);
}

} // namespace vw::client
