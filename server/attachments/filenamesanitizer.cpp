#include "server/attachments/filenamesanitizer.h"

#include <QStringDecoder>

#include <algorithm>

namespace vw::server::attachments {

namespace {

QString fallbackName()
{
    return QStringLiteral("attachment");
}

// Characters that are invisible, reorder what is shown (an RLO can make "exe.pdf" read as
// "fdp.exe") or mean something to a terminal or a file system: dropped, not replaced.
bool isDropped(const QString &text, qsizetype at)
{
    const QChar c = text.at(at);
    const char16_t u = c.unicode();
    if ((u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069))
        return true; // bidi embeddings, overrides and isolates (also Other_Format; named for clarity)
    if (c.isHighSurrogate())
        return at + 1 >= text.size() || !text.at(at + 1).isLowSurrogate();
    if (c.isLowSurrogate())
        return at == 0 || !text.at(at - 1).isHighSurrogate();
    if (c.isNonCharacter())
        return true;
    const QChar::Category category = c.category();
    return category == QChar::Other_Control || category == QChar::Other_Format;
}

// Dotted names keep their last extension when it is short and has no spaces.
qsizetype extensionStart(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || name.size() - dot > kMaxExtensionLength || name.size() - dot < 2)
        return -1;
    for (qsizetype i = dot; i < name.size(); ++i) {
        if (name.at(i).isSpace())
            return -1;
    }
    return dot;
}

// Cut at `length` without splitting a surrogate pair.
QString leftWhole(const QString &text, qsizetype length)
{
    if (length <= 0)
        return {};
    if (length < text.size() && text.at(length - 1).isHighSurrogate())
        --length;
    return text.left(length);
}

QString trimDotsAndSpaces(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && (text.at(begin) == u'.' || text.at(begin) == u' '))
        ++begin;
    while (end > begin && (text.at(end - 1) == u'.' || text.at(end - 1) == u' '))
        --end;
    return text.mid(begin, end - begin);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Only well-formed %XX escapes are decoded; a lone '%' (as in "50%off.pdf") stays.
QByteArray percentDecoded(QByteArrayView encoded)
{
    QByteArray decoded;
    decoded.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const int high = encoded[i] == '%' && i + 2 < encoded.size() ? hexValue(encoded[i + 1]) : -1;
        const int low = high < 0 ? -1 : hexValue(encoded[i + 2]);
        if (low >= 0) {
            decoded.append(char(high * 16 + low));
            i += 2;
        } else {
            decoded.append(encoded[i]);
        }
    }
    return decoded;
}

QString textFromBytes(QByteArrayView bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

} // namespace

QString sanitizeFileName(const QString &raw)
{
    QString kept;
    kept.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (c == u'\t' || c == u'\n' || c == u'\v' || c == u'\f' || c == u'\r')
            kept.append(u' '); // "Lab\nresults" reads as two words, not "Labresults"
        else if (!isDropped(raw, i))
            kept.append(c);
    }
    // After the drop, so that what it joins is composed too (macOS sends decomposed names).
    kept = kept.normalized(QString::NormalizationForm_C);
    const qsizetype separator = std::max(kept.lastIndexOf(u'/'), kept.lastIndexOf(u'\\'));
    const QString lastComponent = kept.mid(separator + 1);

    QString name;
    name.reserve(lastComponent.size());
    bool inSpace = false;
    for (const QChar c : lastComponent) {
        if (c.isSpace()) { // also NBSP, ideographic space, U+2028
            inSpace = true;
            continue;
        }
        if (inSpace && !name.isEmpty())
            name.append(u' ');
        inSpace = false;
        name.append(c);
    }
    name = trimDotsAndSpaces(name);

    if (name.size() > kMaxFileNameLength) {
        const qsizetype dot = extensionStart(name);
        const QString extension = dot < 0 ? QString() : name.mid(dot);
        const QString stem = dot < 0 ? name : name.left(dot);
        name = trimDotsAndSpaces(leftWhole(stem, kMaxFileNameLength - extension.size()));
        name = (name.isEmpty() ? fallbackName() : name) + extension;
    }
    return name.isEmpty() ? fallbackName() : name;
}

QString decodeFileNameHeader(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    // RFC 5987 ext-value: charset "'" [ language ] "'" value-chars
    const qsizetype firstQuote = value.indexOf('\'');
    const qsizetype secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
    if (secondQuote > 0) {
        const QByteArray charset = value.left(firstQuote).toLower();
        const QByteArray encoded = value.mid(secondQuote + 1);
        if (charset == "utf-8")
            return textFromBytes(percentDecoded(encoded));
        if (charset == "iso-8859-1")
            return QString::fromLatin1(percentDecoded(encoded));
    }
    const bool ascii = std::all_of(value.begin(), value.end(), [](char c) { return uchar(c) < 0x80; });
    // Raw UTF-8 is taken as it is: a '%' in it is part of the name.
    return textFromBytes(ascii ? percentDecoded(value) : value);
}

} // namespace vw::server::attachments
