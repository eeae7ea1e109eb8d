#pragma once

#include "common/core/result.h"
#include "server/http/connectionlimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace vw::server::http {

// Which body limit a request falls under.
enum class RouteClass { Json, Attachment };

// Why a request stream was refused. Every one ends the connection.
enum class FrameError {
    MalformedRequestLine,
    MalformedHeaderField,
    UnsupportedHttpVersion,
    HeaderTooLarge,
    BodyTooLarge,
    InvalidContentLength,
    DuplicateContentLength,
    LengthWithTransferEncoding,
    ChunkedBodyNotSupported,
    UnsupportedTransferEncoding,
    UnsupportedExpectation,
    UpgradeWithBody,
};

// The HTTP status a FrameError is answered with.
int frameErrorStatus(FrameError error);
// A human-readable description of a FrameError (without request-specific details).
QString frameErrorString(FrameError error);

// A refused request: the reply's status and message (NestJS `message`).
struct FrameRejection
{
    FrameError error = FrameError::MalformedRequestLine;
    int statusCode = 400;
    QString message;
};

// What the connection owner must do after a chunk was accepted.
enum class FrameVerdict {
    Continue, // keep reading
    NeedsContinue, // a header with `Expect: 100-continue` was accepted; answer 100 Continue
    Upgraded, // a WebSocket upgrade request was framed; the stream is no longer HTTP
};

// Follows the HTTP/1.1 request stream of one connection, fed chunk by chunk, and
// refuses it as soon as a header block or an announced body breaks the limits or is
// ambiguous (request smuggling). Bodies need Content-Length; chunked bodies get 411.
// It knows where each pipelined request starts, so bytes beyond an announced body are
// judged as the next request. Pure logic: no sockets, no timers.
class RequestFramer
{
public:
    enum class State {
        BetweenRequests, // nothing but blank lines since the last request
        InHeader, // a request line has begun; its header block is incomplete
        InBody, // counting the announced body
        Upgraded, // stopped after a WebSocket upgrade request
        Rejected, // stopped after a rejection; feed() repeats it
    };

    explicit RequestFramer(ConnectionLimits limits = {});

    // Consumes the next bytes of the stream. Once rejected or upgraded, the framer stays so.
    Result<FrameVerdict, FrameRejection> feed(QByteArrayView bytes);

    State state() const { return m_state; }
    // Total bytes passed to feed(), i.e. the stream offset just after them.
    qint64 bytesFed() const { return m_fed; }
    // Stream offset of the first byte (blank lines included) of the request in progress
    // or of the one that was rejected or upgraded.
    qint64 currentRequestStart() const { return m_requestStart; }
    qint64 headersCompleted() const { return m_headersCompleted; }
    qint64 requestsCompleted() const { return m_requestsCompleted; }
    // Once Upgraded: the upgrade request's header block (request line, fields, blank line)
    // and the stream offset just after it, where the WebSocket's bytes begin.
    QByteArrayView upgradeHeader() const
    {
        return m_state == State::Upgraded ? QByteArrayView(m_header) : QByteArrayView();
    }
    qint64 upgradeHeaderEnd() const { return m_upgradeHeaderEnd; }
    // An `Expect: 100-continue` header was accepted and no byte of its body arrived yet.
    bool awaitingContinue() const;

    // POST /messaging/conversations/<id>/attachments is the attachment class; the rest is JSON.
    static RouteClass classifyRoute(QByteArrayView method, QByteArrayView target);

private:
    Result<FrameVerdict, FrameRejection> reject(FrameError error, const QString &message);
    Result<FrameVerdict, FrameRejection> finishHeader();
    void startRequest(qint64 offset);

    ConnectionLimits m_limits;
    State m_state = State::BetweenRequests;
    QByteArray m_header; // the current header block, leading blank lines dropped
    qint64 m_headerBytes = 0; // counted against maxHeaderBytes, leading blank lines included
    qsizetype m_lineStart = 0;
    bool m_requestLineDone = false;
    qint64 m_bodyRemaining = 0;
    bool m_expectContinue = false;
    bool m_bodyStarted = false;
    qint64 m_fed = 0;
    qint64 m_requestStart = 0;
    qint64 m_upgradeHeaderEnd = 0;
    qint64 m_headersCompleted = 0;
    qint64 m_requestsCompleted = 0;
    FrameRejection m_rejection;
};

} // namespace vw::server::http
