#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QString>

class QByteArray;
class QNetworkReply;
class QUrl;

namespace vw::client {

// Why a REST call failed: `kind` for code to branch on, userText() for the person.
struct ApiError
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(ApiError)

public:
    enum class Kind {
        Network, // no answer: refused, host not found, connection dropped
        Unauthorized, // 401: wrong credentials at sign-in, otherwise the session is gone
        Forbidden, // 403
        NotFound, // 404: unknown, or not ours to see
        RateLimited, // 429, see retryAfterSeconds
        BadRequest, // every other 4xx (400, 409, 413, 415, 422, ...)
        Server, // 5xx, or an answer this client cannot read
        TlsError, // the TLS handshake failed (certificate not trusted, ...)
        Timeout, // no complete answer within the request's deadline
    };
    Q_ENUM(Kind)

    Kind kind = Kind::Network;
    // The HTTP status; 0 when no HTTP answer came.
    int status = 0;
    // The server's NestJS "message" (an array's items joined with "; ") or a sentence from the
    // network stack. For diagnostics; may be English whatever the UI language.
    QString message;
    // The Retry-After seconds of a 429; 0 otherwise.
    int retryAfterSeconds = 0;
    // "host:port" of the server, for sentences like "Cannot reach the server at …".
    QString server;
    // The call was a sign-in: a 401 then means a wrong user name or password, and a 429 the
    // login throttle, rather than an expired session or a busy sender.
    bool signIn = false;

    // From a finished reply that failed (an HTTP error status or a transport failure) and the
    // body read from it. A body that is not the NestJS shape gives the status's reason phrase.
    static ApiError fromReply(const QNetworkReply &reply, const QByteArray &body);
    // No complete answer from `url` in time.
    static ApiError timedOut(const QUrl &url);
    // A successful status whose body this client cannot use (`detail` says why).
    static ApiError badReply(const QUrl &url, int status, const QString &detail);
    static Kind kindForStatus(int status);
    // "host:port" of a URL.
    static QString serverOf(const QUrl &url);

    // One or two sentences for the UI, translated in the "ApiError" context.
    QString userText() const;
};

} // namespace vw::client
