#include "server/attachments/multipartform.h"

#include "server/attachments/filenamesanitizer.h"

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QStringDecoder>

#include <algorithm>
#include <optional>

namespace vw::server::attachments {

namespace {

constexpr qsizetype kMaxBoundaryLength = 70; // RFC 2046
constexpr qsizetype kMaxHeaderBlock = 8 * 1024; // per part; browsers send ~200 bytes
constexpr int kMaxParts = 1000;

ServiceError badRequest(const char *message)
{
    return ServiceError::badRequest(QString::fromLatin1(message));
}

bool isSpaceOrTab(char c)
{
    return c == ' ' || c == '\t';
}

// RFC 7230 tchar: what header names and parameter names are made of.
bool isTokenChar(char c)
{
    static constexpr QByteArrayView kSpecials("!#$%&'*+-.^_`|~");
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || kSpecials.contains(c);
}

// RFC 2046 bchars (a space is allowed, but not last).
bool isValidBoundary(QByteArrayView boundary)
{
    static constexpr QByteArrayView kAllowed("'()+_,-./:=? ");
    if (boundary.isEmpty() || boundary.size() > kMaxBoundaryLength || boundary.endsWith(' '))
        return false;
    for (const char c : boundary) {
        const bool alphanumeric = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alphanumeric && !kAllowed.contains(c))
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && isSpaceOrTab(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isSpaceOrTab(text.back()))
        text.chop(1);
    return text;
}

// `value; name=token; name="quoted \" string"` with lower-cased parameter names. A
// parameter given twice is refused: two parsers could pick different ones.
struct ParameterizedValue
{
    QByteArray value;
    QList<QPair<QByteArray, QByteArray>> parameters;

    std::optional<QByteArray> parameter(QByteArrayView name) const
    {
        for (const auto &[key, parameterValue] : parameters) {
            if (key == name)
                return parameterValue;
        }
        return std::nullopt;
    }
};

std::optional<ParameterizedValue> parseParameterized(QByteArrayView text)
{
    ParameterizedValue result;
    const qsizetype semicolon = text.indexOf(';');
    result.value = trimmed(semicolon < 0 ? text : text.first(semicolon)).toByteArray().toLower();
    qsizetype i = semicolon < 0 ? text.size() : semicolon;
    const qsizetype n = text.size();
    while (i < n) { // text[i] == ';'
        ++i;
        while (i < n && isSpaceOrTab(text[i]))
            ++i;
        if (i == n)
            break; // a trailing ';'
        const qsizetype nameStart = i;
        while (i < n && isTokenChar(text[i]))
            ++i;
        const QByteArray name = text.sliced(nameStart, i - nameStart).toByteArray().toLower();
        while (i < n && isSpaceOrTab(text[i]))
            ++i;
        if (name.isEmpty() || i == n || text[i] != '=')
            return std::nullopt;
        ++i;
        while (i < n && isSpaceOrTab(text[i]))
            ++i;
        QByteArray value;
        if (i < n && text[i] == '"') {
            bool closed = false;
            for (++i; i < n && !closed; ++i) {
                const char c = text[i];
                if (c == '\\' && i + 1 < n && (text[i + 1] == '"' || text[i + 1] == '\\'))
                    value.append(text[++i]);
                else if (c == '"')
                    closed = true;
                else if (uchar(c) < 0x20 && c != '\t')
                    return std::nullopt;
                else
                    value.append(c); // a lone backslash is kept: old browsers sent C:\path\name
            }
            if (!closed)
                return std::nullopt;
        } else {
            const qsizetype valueStart = i;
            while (i < n && uchar(text[i]) > 0x20 && text[i] != ';' && text[i] != '"' && text[i] != 0x7f)
                ++i;
            value = text.sliced(valueStart, i - valueStart).toByteArray();
            if (value.isEmpty())
                return std::nullopt;
        }
        while (i < n && isSpaceOrTab(text[i]))
            ++i;
        if ((i < n && text[i] != ';') || result.parameter(name))
            return std::nullopt;
        result.parameters.append({name, value});
    }
    return result;
}

QString textFromBytes(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

// The headers of one part, as far as form-data needs them.
struct PartHeaders
{
    std::optional<ParameterizedValue> disposition;
    std::optional<QByteArray> contentType;
};

Result<PartHeaders, ServiceError> parsePartHeaders(QByteArrayView block)
{
    PartHeaders headers;
    while (!block.isEmpty()) {
        const qsizetype lineEnd = block.indexOf("\r\n");
        const QByteArrayView line = lineEnd < 0 ? block : block.first(lineEnd);
        block = lineEnd < 0 ? QByteArrayView() : block.sliced(lineEnd + 2);
        const qsizetype colon = line.indexOf(':');
        // No folded lines (RFC 7578 4.8), no bare CR or LF, a token for a name.
        if (colon <= 0 || line.contains('\r') || line.contains('\n')
            || !std::all_of(line.begin(), line.begin() + colon, isTokenChar))
            return badRequest("multipart part headers are malformed");
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (name == "content-disposition") {
            auto parsed = parseParameterized(value);
            if (!parsed || headers.disposition)
                return badRequest("multipart part has a malformed Content-Disposition header");
            headers.disposition = std::move(*parsed);
        } else if (name == "content-type") {
            if (headers.contentType)
                return badRequest("multipart part has more than one Content-Type header");
            const qsizetype semicolon = value.indexOf(';');
            headers.contentType
                = trimmed(semicolon < 0 ? value : value.first(semicolon)).toByteArray().toLower();
        } else if (name == "content-transfer-encoding") {
            const QByteArray encoding = value.toByteArray().toLower();
            if (encoding != "7bit" && encoding != "8bit" && encoding != "binary")
                return badRequest("multipart part uses an unsupported Content-Transfer-Encoding");
        }
    }
    return headers;
}

// The client's name for the file: filename* (RFC 5987, preferred by RFC 6266) or filename,
// where browsers write '"' as %22 (HTML's form-data encoding) and send UTF-8 as it is.
QString fileNameOf(const ParameterizedValue &disposition)
{
    if (const auto extended = disposition.parameter("filename*"))
        return decodeFileNameHeader(*extended);
    if (auto plain = disposition.parameter("filename"))
        return textFromBytes(plain->replace("%22", "\""));
    return {};
}

} // namespace

Result<UploadedPart, ServiceError> extractFilePart(
    const QByteArray &contentTypeHeader, const QByteArray &body, const QByteArray &fieldName)
{
    const auto contentType = parseParameterized(contentTypeHeader);
    if (!contentType || contentType->value != "multipart/form-data")
        return badRequest("Content-Type is not a valid multipart/form-data header");
    const auto boundary = contentType->parameter("boundary");
    if (!boundary || !isValidBoundary(*boundary))
        return badRequest("multipart/form-data needs a boundary of 1 to 70 characters");

    const QByteArrayView all(body);
    const QByteArray delimiter = "\r\n--" + *boundary;
    // The first boundary opens the body or follows a preamble (RFC 2046), without its CRLF.
    qsizetype at = 0;
    if (all.startsWith(QByteArrayView(delimiter).sliced(2))) {
        at = delimiter.size() - 2;
    } else {
        at = all.indexOf(delimiter);
        if (at < 0)
            return badRequest("multipart body does not contain its boundary");
        at += delimiter.size();
    }

    const QString field = QString::fromLatin1(fieldName);
    qsizetype fileStart = -1;
    qsizetype fileLength = 0;
    PartHeaders fileHeaders;
    for (int parts = 0;; ++parts) {
        // `at` is just past a boundary: "--" closes the body, else padding and CRLF open a part.
        if (all.sliced(at).startsWith("--"))
            break; // the epilogue, if any, is ignored
        while (at < all.size() && isSpaceOrTab(all[at]))
            ++at;
        if (at == all.size())
            return badRequest("multipart body has no closing boundary");
        if (!all.sliced(at).startsWith("\r\n"))
            return badRequest("multipart boundary is followed by unexpected bytes");
        if (parts == kMaxParts)
            return badRequest("multipart body has too many parts");
        at += 2;

        const QByteArrayView window = all.sliced(at, std::min(all.size() - at, kMaxHeaderBlock + 4));
        qsizetype headerLength = 0;
        if (!window.startsWith("\r\n")) {
            headerLength = window.indexOf("\r\n\r\n");
            if (headerLength < 0) {
                return badRequest(window.size() > kMaxHeaderBlock
                        ? "multipart part headers are too large"
                        : "multipart part headers are not terminated");
            }
            headerLength += 2; // the last header's CRLF
        }
        auto headers = parsePartHeaders(window.first(headerLength).chopped(headerLength ? 2 : 0));
        if (!headers)
            return headers.error();
        const qsizetype contentStart = at + headerLength + 2;
        const qsizetype next = all.indexOf(delimiter, contentStart);
        if (next < 0)
            return badRequest("multipart body has no closing boundary");
        at = next + delimiter.size();

        const auto &disposition = headers.value().disposition;
        const auto name = disposition ? disposition->parameter("name") : std::nullopt;
        if (!disposition || disposition->value != "form-data" || !name)
            return badRequest("multipart part has no Content-Disposition: form-data with a name");
        if (*name != fieldName)
            continue; // other fields are not ours to read
        if (fileStart >= 0)
            return ServiceError::badRequest(
                QStringLiteral("multipart field '%1' must be sent only once").arg(field));
        fileStart = contentStart;
        fileLength = next - contentStart;
        fileHeaders = std::move(headers.value());
    }
    if (fileStart < 0)
        return ServiceError::badRequest(QStringLiteral("multipart field '%1' is required").arg(field));

    UploadedPart part;
    part.data = body.mid(fileStart, fileLength);
    part.fileName = fileNameOf(*fileHeaders.disposition);
    part.contentType = QString::fromLatin1(fileHeaders.contentType.value_or(QByteArray()));
    return part;
}

} // namespace vw::server::attachments
