#include "common/model/jsontextwriter.h"

#include <utility>

namespace vw::model {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void appendUnicodeEscape(QByteArray &out, char16_t unit)
{
    const char escape[] = {'\\', 'u', kHexDigits[(unit >> 12) & 0xf], kHexDigits[(unit >> 8) & 0xf],
        kHexDigits[(unit >> 4) & 0xf], kHexDigits[unit & 0xf]};
    out.append(escape, sizeof(escape));
}

// The letter of JSON's two-character escape for `unit` (as Qt writes them), or 0 for none.
char shortEscapeOf(char16_t unit)
{
    constexpr std::pair<char16_t, char> kShortEscapes[]
        = {{u'"', '"'}, {u'\\', '\\'}, {u'\b', 'b'}, {u'\f', 'f'}, {u'\n', 'n'}, {u'\r', 'r'}, {u'\t', 't'}};
    for (const auto &[escaped, letter] : kShortEscapes) {
        if (unit == escaped)
            return letter;
    }
    return 0;
}

} // namespace

JsonTextWriter::JsonTextWriter(qsizetype reserve)
{
    m_text.reserve(reserve);
}

void JsonTextWriter::beginObject()
{
    m_text.append('{');
    m_hasMembers.push_back(false);
}

void JsonTextWriter::endObject()
{
    m_text.append('}');
    m_hasMembers.pop_back();
}

void JsonTextWriter::key(QLatin1StringView name)
{
    if (m_hasMembers.back())
        m_text.append(',');
    m_hasMembers.back() = true;
    m_text.append('"');
    m_text.append(name.data(), name.size());
    m_text.append("\":", 2);
}

void JsonTextWriter::string(QStringView text)
{
    m_text.append('"');
    const char16_t *at = text.utf16();
    const char16_t *const end = at + text.size();
    while (at != end) {
        const char16_t unit = *at++;
        if (unit < 0x80) {
            if (unit >= 0x20 && unit != u'"' && unit != u'\\') {
                m_text.append(char(unit));
                continue;
            }
            if (const char letter = shortEscapeOf(unit)) {
                const char escape[] = {'\\', letter};
                m_text.append(escape, 2);
            } else {
                appendUnicodeEscape(m_text, unit);
            }
        } else if (unit < 0x800) {
            const char bytes[] = {char(0xc0 | (unit >> 6)), char(0x80 | (unit & 0x3f))};
            m_text.append(bytes, 2);
        } else if (QChar::isHighSurrogate(unit) && at != end && QChar::isLowSurrogate(*at)) {
            const char32_t point = QChar::surrogateToUcs4(unit, *at++);
            const char bytes[] = {char(0xf0 | (point >> 18)), char(0x80 | ((point >> 12) & 0x3f)),
                char(0x80 | ((point >> 6) & 0x3f)), char(0x80 | (point & 0x3f))};
            m_text.append(bytes, 4);
        } else if (QChar::isSurrogate(unit)) {
            // A lone surrogate has no UTF-8 form: Qt writes it as an escape.
            appendUnicodeEscape(m_text, unit);
        } else {
            const char bytes[]
                = {char(0xe0 | (unit >> 12)), char(0x80 | ((unit >> 6) & 0x3f)), char(0x80 | (unit & 0x3f))};
            m_text.append(bytes, 3);
        }
    }
    m_text.append('"');
}

void JsonTextWriter::plainString(QByteArrayView ascii)
{
    m_text.append('"');
    m_text.append(ascii);
    m_text.append('"');
}

void JsonTextWriter::null()
{
    m_text.append("null", 4);
}

void JsonTextWriter::raw(QByteArrayView json)
{
    m_text.append(json);
}

} // namespace vw::model
