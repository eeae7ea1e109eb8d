#include "server/http/requestframer.h"

#include <QList>

#include <algorithm>

namespace vw::server::http {

namespace {

// Mirrors QtHttpServer 6.4, which skips these before a request line: the framer must
// agree with it on where each request starts.
bool isLeadingBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\r' || c == '\n';
}

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isTargetChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
}

// Field values: HTAB, SP, visible ASCII and obs-text; no other control characters.
bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

QByteArrayView withoutCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QList<QByteArrayView> splitLines(QByteArrayView block)
{
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < block.size(); ++i) {
        if (block[i] == '\n') {
            lines.append(block.sliced(start, i - start));
            start = i + 1;
        }
    }
    return lines;
}

// The fields of one header block that decide framing.
struct FramingFields
{
    int contentLengthCount = 0;
    QByteArrayView contentLength;
    bool transferEncoding = false;
    QByteArray transferEncodingValue;
    bool expect = false;
    bool expectContinue = true;
    QByteArray upgrade;
    QByteArray connection;
};

void appendListValue(QByteArray &list, QByteArrayView value)
{
    if (!list.isEmpty())
        list.append(", ");
    list.append(value);
}

void collectField(FramingFields &fields, QByteArrayView name, QByteArrayView value)
{
    if (equalsIgnoringCase(name, "content-length")) {
        ++fields.contentLengthCount;
        fields.contentLength = value;
    } else if (equalsIgnoringCase(name, "transfer-encoding")) {
        fields.transferEncoding = true;
        appendListValue(fields.transferEncodingValue, value);
    } else if (equalsIgnoringCase(name, "expect")) {
        fields.expect = true;
        fields.expectContinue = fields.expectContinue && equalsIgnoringCase(value, "100-continue");
    } else if (equalsIgnoringCase(name, "upgrade")) {
        appendListValue(fields.upgrade, value);
    } else if (equalsIgnoringCase(name, "connection")) {
        appendListValue(fields.connection, value);
    }
}

// Strict 1*DIGIT. More than 18 significant digits is reported as "huge" rather than
// overflowing; it is beyond any limit anyway.
struct ParsedLength
{
    bool valid = false;
    bool huge = false;
    qint64 value = 0;
};

ParsedLength parseContentLength(QByteArrayView text)
{
    ParsedLength parsed;
    if (text.isEmpty() || !std::all_of(text.begin(), text.end(), isDigit))
        return parsed;
    parsed.valid = true;
    while (text.size() > 1 && text.front() == '0')
        text = text.sliced(1);
    if (text.size() > 18) {
        parsed.huge = true;
        return parsed;
    }
    for (const char c : text)
        parsed.value = parsed.value * 10 + (c - '0');
    return parsed;
}

} // namespace

int frameErrorStatus(FrameError error)
{
    switch (error) {
    case FrameError::MalformedRequestLine:
    case FrameError::MalformedHeaderField:
    case FrameError::InvalidContentLength:
    case FrameError::DuplicateContentLength:
    case FrameError::LengthWithTransferEncoding:
    case FrameError::UpgradeWithBody:
        return 400;
    case FrameError::UnsupportedHttpVersion:
        return 505;
    case FrameError::HeaderTooLarge:
        return 431;
    case FrameError::BodyTooLarge:
        return 413;
    case FrameError::ChunkedBodyNotSupported:
        return 411;
    case FrameError::UnsupportedTransferEncoding:
        return 501;
    case FrameError::UnsupportedExpectation:
        return 417;
    }
    return 400;
}

QString frameErrorString(FrameError error)
{
    switch (error) {
    case FrameError::MalformedRequestLine:
        return QStringLiteral("Malformed request line");
    case FrameError::MalformedHeaderField:
        return QStringLiteral("Malformed header field");
    case FrameError::UnsupportedHttpVersion:
        return QStringLiteral("HTTP version not supported");
    case FrameError::HeaderTooLarge:
        return QStringLiteral("Request header too large");
    case FrameError::BodyTooLarge:
        return QStringLiteral("Request body too large");
    case FrameError::InvalidContentLength:
        return QStringLiteral("Invalid Content-Length");
    case FrameError::DuplicateContentLength:
        return QStringLiteral("Duplicate Content-Length");
    case FrameError::LengthWithTransferEncoding:
        return QStringLiteral("Content-Length and Transfer-Encoding together");
    case FrameError::ChunkedBodyNotSupported:
        return QStringLiteral("Chunked request bodies are not supported; send Content-Length");
    case FrameError::UnsupportedTransferEncoding:
        return QStringLiteral("Unsupported Transfer-Encoding");
    case FrameError::UnsupportedExpectation:
        return QStringLiteral("Unsupported Expect header");
    case FrameError::UpgradeWithBody:
        return QStringLiteral("Upgrade request with a body");
    }
    return QStringLiteral("Bad request");
}

RequestFramer::RequestFramer(ConnectionLimits limits) : m_limits(limits) { }

bool RequestFramer::awaitingContinue() const
{
    return m_state == State::InBody && m_expectContinue && !m_bodyStarted;
}

RouteClass RequestFramer::classifyRoute(QByteArrayView method, QByteArrayView target)
{
    if (method != "POST")
        return RouteClass::Json;
    QByteArrayView path = target;
    // absolute-form (`POST http://host/path`) is legal HTTP/1.1; only its path matters.
    for (const QByteArrayView scheme : {QByteArrayView("http://"), QByteArrayView("https://")}) {
        if (path.size() >= scheme.size() && equalsIgnoringCase(path.first(scheme.size()), scheme)) {
            path = path.sliced(scheme.size());
            const qsizetype slash = path.indexOf('/');
            path = slash < 0 ? QByteArrayView("/") : path.sliced(slash);
            break;
        }
    }
    for (const char end : {'?', '#'}) {
        const qsizetype at = path.indexOf(end);
        if (at >= 0)
            path = path.first(at);
    }
    const QByteArrayView prefix("/messaging/conversations/");
    const QByteArrayView suffix("/attachments");
    if (!path.startsWith(prefix) || !path.endsWith(suffix))
        return RouteClass::Json;
    if (path.size() <= prefix.size() + suffix.size())
        return RouteClass::Json;
    const QByteArrayView id = path.sliced(prefix.size(), path.size() - prefix.size() - suffix.size());
    return id.contains('/') ? RouteClass::Json : RouteClass::Attachment;
}

void RequestFramer::startRequest(qint64 offset)
{
    m_requestStart = offset;
    m_header.clear();
    m_headerBytes = 0;
    m_lineStart = 0;
    m_requestLineDone = false;
    m_bodyRemaining = 0;
    m_expectContinue = false;
    m_bodyStarted = false;
}

Result<FrameVerdict, FrameRejection> RequestFramer::reject(FrameError error, const QString &message)
{
    m_state = State::Rejected;
    m_rejection = FrameRejection {error, frameErrorStatus(error), message};
    return m_rejection;
}

Result<FrameVerdict, FrameRejection> RequestFramer::feed(QByteArrayView bytes)
{
    const qint64 base = m_fed;
    m_fed += bytes.size();
    if (m_state == State::Rejected)
        return m_rejection;
    if (m_state == State::Upgraded)
        return FrameVerdict::Upgraded;

    FrameVerdict verdict = FrameVerdict::Continue;
    qsizetype i = 0;
    while (i < bytes.size()) {
        if (m_state == State::InBody) {
            const qint64 take = std::min<qint64>(m_bodyRemaining, bytes.size() - i);
            i += take;
            m_bodyRemaining -= take;
            m_bodyStarted = true;
            verdict = FrameVerdict::Continue;
            if (m_bodyRemaining == 0) {
                ++m_requestsCompleted;
                m_state = State::BetweenRequests;
                startRequest(base + i);
            }
            continue;
        }

        // BetweenRequests or InHeader: one byte at a time; a header block is at most
        // maxHeaderBytes, so this stays cheap.
        const char c = bytes[i];
        if (m_state == State::BetweenRequests && m_headerBytes == 0)
            m_requestStart = base + i;
        ++i;
        if (++m_headerBytes > m_limits.maxHeaderBytes) {
            return reject(FrameError::HeaderTooLarge,
                QStringLiteral("Request header exceeds %1 bytes").arg(m_limits.maxHeaderBytes));
        }
        if (m_header.isEmpty() && isLeadingBlank(c))
            continue;
        m_state = State::InHeader;
        m_header.append(c);
        if (c != '\n')
            continue;
        const QByteArrayView line
            = QByteArrayView(m_header).sliced(m_lineStart, m_header.size() - 1 - m_lineStart);
        m_lineStart = m_header.size();
        if (!m_requestLineDone) {
            m_requestLineDone = true;
            continue;
        }
        if (!line.isEmpty() && line != "\r")
            continue;

        // A complete header block.
        ++m_headersCompleted;
        const auto outcome = finishHeader();
        if (!outcome)
            return outcome;
        if (outcome.value() == FrameVerdict::Upgraded) {
            m_state = State::Upgraded;
            m_upgradeHeaderEnd = base + i;
            return FrameVerdict::Upgraded;
        }
        m_header.clear();
        m_headerBytes = 0;
        if (m_bodyRemaining == 0) {
            ++m_requestsCompleted;
            m_state = State::BetweenRequests;
            startRequest(base + i);
            verdict = FrameVerdict::Continue;
        } else {
            m_state = State::InBody;
            verdict = m_expectContinue ? FrameVerdict::NeedsContinue : FrameVerdict::Continue;
        }
    }
    return verdict;
}

Result<FrameVerdict, FrameRejection> RequestFramer::finishHeader()
{
    const QList<QByteArrayView> lines = splitLines(m_header);
    // lines: request line, fields..., and the empty line that ended the block.
    const QByteArrayView requestLine = withoutCr(lines.front());
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : requestLine.indexOf(' ', firstSpace + 1);
    if (firstSpace <= 0 || secondSpace < 0 || requestLine.contains('\r'))
        return reject(FrameError::MalformedRequestLine, frameErrorString(FrameError::MalformedRequestLine));
    const QByteArrayView method = requestLine.first(firstSpace);
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = requestLine.sliced(secondSpace + 1);
    if (!isToken(method) || target.isEmpty() || !std::all_of(target.begin(), target.end(), isTargetChar))
        return reject(FrameError::MalformedRequestLine, frameErrorString(FrameError::MalformedRequestLine));
    const bool versionShaped = version.size() == 8 && version.startsWith("HTTP/") && isDigit(version[5])
        && version[6] == '.' && isDigit(version[7]);
    if (!versionShaped)
        return reject(FrameError::MalformedRequestLine, frameErrorString(FrameError::MalformedRequestLine));
    if (version[5] != '1')
        return reject(
            FrameError::UnsupportedHttpVersion, frameErrorString(FrameError::UnsupportedHttpVersion));

    FramingFields fields;
    for (qsizetype n = 1; n + 1 < lines.size(); ++n) {
        const QByteArrayView line = withoutCr(lines[n]);
        const qsizetype colon = line.indexOf(':');
        // Obsolete line folding and whitespace before the colon are refused (RFC 9112 5).
        if (colon <= 0 || line.contains('\r') || !isToken(line.first(colon)))
            return reject(
                FrameError::MalformedHeaderField, frameErrorString(FrameError::MalformedHeaderField));
        const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
        if (!std::all_of(value.begin(), value.end(), isFieldValueChar))
            return reject(
                FrameError::MalformedHeaderField, frameErrorString(FrameError::MalformedHeaderField));
        collectField(fields, line.first(colon), value);
    }

    // Request smuggling defence: one unambiguous body length or none.
    if (fields.transferEncoding && fields.contentLengthCount > 0) {
        return reject(
            FrameError::LengthWithTransferEncoding, frameErrorString(FrameError::LengthWithTransferEncoding));
    }
    if (fields.contentLengthCount > 1)
        return reject(
            FrameError::DuplicateContentLength, frameErrorString(FrameError::DuplicateContentLength));
    if (fields.transferEncoding) {
        if (fields.transferEncodingValue.toLower().contains("chunked")) {
            return reject(
                FrameError::ChunkedBodyNotSupported, frameErrorString(FrameError::ChunkedBodyNotSupported));
        }
        return reject(FrameError::UnsupportedTransferEncoding,
            frameErrorString(FrameError::UnsupportedTransferEncoding));
    }
    ParsedLength length {true, false, 0};
    if (fields.contentLengthCount == 1) {
        length = parseContentLength(fields.contentLength);
        if (!length.valid)
            return reject(
                FrameError::InvalidContentLength, frameErrorString(FrameError::InvalidContentLength));
    }
    if (fields.expect && !fields.expectContinue)
        return reject(
            FrameError::UnsupportedExpectation, frameErrorString(FrameError::UnsupportedExpectation));

    // The test QtHttpServer 6.4 applies for an upgrade; the guard hands such a request to the
    // WebSocket layer (server/websocket) before QtHttpServer reads it.
    if (fields.connection.toLower().contains("upgrade") && equalsIgnoringCase(fields.upgrade, "websocket")) {
        if (length.huge || length.value > 0)
            return reject(FrameError::UpgradeWithBody, frameErrorString(FrameError::UpgradeWithBody));
        return FrameVerdict::Upgraded;
    }

    const qint64 limit = classifyRoute(method, target) == RouteClass::Attachment
        ? m_limits.attachmentBodyBytes
        : m_limits.jsonBodyBytes;
    if (length.huge || length.value > limit)
        return reject(FrameError::BodyTooLarge, QStringLiteral("Request body exceeds %1 bytes").arg(limit));
    m_bodyRemaining = length.value;
    m_expectContinue = fields.expect && length.value > 0;
    m_bodyStarted = false;
    return FrameVerdict::Continue;
}

} // namespace vw::server::http
