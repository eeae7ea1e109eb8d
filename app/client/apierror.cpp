#include "app/client/apierror.h"

#include "common/model/apierror.h"
#include "common/model/jsonreader.h"

#include <QDateTime>
#include <QLocale>
#include <QNetworkReply>
#include <QUrl>

#include <algorithm>

namespace vw::client {

namespace {

// A Retry-After beyond a day is a broken server, not advice worth showing.
constexpr int kMaxRetryAfterSeconds = 24 * 60 * 60;
constexpr int kSecondsPerMinute = 60;

// Retry-After is delta-seconds or an HTTP-date (RFC 9110 10.2.3); 0 when absent or unreadable.
int retryAfterFrom(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return 0;
    bool isNumber = false;
    const qlonglong seconds = value.toLongLong(&isNumber);
    if (isNumber)
        return static_cast<int>(std::clamp<qlonglong>(seconds, 0, kMaxRetryAfterSeconds));
    QDateTime when = QLocale::c().toDateTime(
        QString::fromLatin1(value), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return 0;
    when.setTimeSpec(Qt::UTC);
    const qint64 delta = QDateTime::currentDateTimeUtc().secsTo(when);
    return static_cast<int>(std::clamp<qint64>(delta, 0, kMaxRetryAfterSeconds));
}

ApiError::Kind kindForNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::TimeoutError:
        return ApiError::Kind::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return ApiError::Kind::TlsError;
    default:
        return ApiError::Kind::Network;
    }
}

QString waitSentence(bool signIn, int seconds)
{
    // Whole minutes from two minutes on, so a 15-minute login lock does not read "900 seconds".
    if (seconds >= 2 * kSecondsPerMinute) {
        const int minutes = (seconds + kSecondsPerMinute - 1) / kSecondsPerMinute;
        return signIn ? ApiError::tr("Too many attempts. Try again in %n minutes.", nullptr, minutes)
                      : ApiError::tr("Too many requests. Try again in %n minutes.", nullptr, minutes);
    }
    if (seconds >= 2) {
        return signIn ? ApiError::tr("Too many attempts. Try again in %n seconds.", nullptr, seconds)
                      : ApiError::tr("Too many requests. Try again in %n seconds.", nullptr, seconds);
    }
    return signIn ? ApiError::tr("Too many attempts. Try again in a moment.")
                  : ApiError::tr("Too many requests. Try again in a moment.");
}

QString badRequestSentence(int status, const QString &message)
{
    switch (status) {
    case 409:
        return ApiError::tr("This conflicts with a change made elsewhere. Reload and try again.");
    case 413:
        return ApiError::tr("The file is too large to send.");
    case 415:
        return ApiError::tr("This type of file cannot be sent.");
    case 422:
        return ApiError::tr("The file was refused because it may contain a virus.");
    default:
        if (message.isEmpty())
            return ApiError::tr("The server refused the request.");
        return ApiError::tr("The server refused the request: %1").arg(message);
    }
}

} // namespace

ApiError::Kind ApiError::kindForStatus(int status)
{
    switch (status) {
    case 401:
        return Kind::Unauthorized;
    case 403:
        return Kind::Forbidden;
    case 404:
        return Kind::NotFound;
    case 429:
        return Kind::RateLimited;
    default:
        if (status >= 400 && status < 500)
            return Kind::BadRequest;
        // 5xx, and anything a REST call should never end with (1xx, 3xx: we follow no redirects).
        return Kind::Server;
    }
}

QString ApiError::serverOf(const QUrl &url)
{
    // Without user info: it could hold a password.
    return url.adjusted(QUrl::RemoveUserInfo).authority();
}

ApiError ApiError::fromReply(const QNetworkReply &reply, const QByteArray &body)
{
    ApiError error;
    error.server = serverOf(reply.url());
    error.status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // No status, or a good one with the transfer broken off: there is no answer to read.
    if (error.status < 300) {
        error.status = 0;
        error.kind = kindForNetworkError(reply.error());
        error.message = reply.errorString();
        return error;
    }
    error.kind = kindForStatus(error.status);
    const auto object = model::JsonReader::parseObject(body);
    const auto nest = object ? model::ApiError::fromJson(object.value())
                             : Result<model::ApiError, model::DecodeError>(object.error());
    error.message = nest ? nest->message : model::ApiError::reasonPhrase(error.status);
    if (error.status == 429)
        error.retryAfterSeconds = retryAfterFrom(reply.rawHeader("Retry-After"));
    return error;
}

ApiError ApiError::timedOut(const QUrl &url)
{
    ApiError error;
    error.kind = Kind::Timeout;
    error.server = serverOf(url);
    error.message = QStringLiteral("No answer within the request's time limit");
    return error;
}

ApiError ApiError::badReply(const QUrl &url, int status, const QString &detail)
{
    ApiError error;
    error.kind = Kind::Server;
    error.status = status;
    error.server = serverOf(url);
    error.message = QStringLiteral("Unreadable reply: ") + detail;
    return error;
}

QString ApiError::userText() const
{
    switch (kind) {
    case Kind::Network:
        return tr("Cannot reach the server at %1. Check the address and your network connection.")
            .arg(server);
    case Kind::Timeout:
        return tr("The server at %1 did not answer in time. Try again.").arg(server);
    case Kind::TlsError:
        return tr("Cannot establish a secure connection to %1: %2").arg(server, message);
    case Kind::Unauthorized:
        return signIn ? tr("Wrong username or password.")
                      : tr("Your session has expired. Please sign in again.");
    case Kind::Forbidden:
        return tr("You are not allowed to do this.");
    case Kind::NotFound:
        return tr("This item does not exist or is not available to you.");
    case Kind::RateLimited:
        return waitSentence(signIn, retryAfterSeconds);
    case Kind::BadRequest:
        return badRequestSentence(status, message);
    case Kind::Server:
        if (status >= 200 && status < 300)
            return tr("The server at %1 sent an answer this app cannot read.").arg(server);
        if (status == 503)
            return tr("The server is temporarily unavailable. Try again later.");
        return tr("The server ran into a problem (error %1). Try again later.").arg(status);
    }
    return tr("Something went wrong.");
}

} // namespace vw::client
