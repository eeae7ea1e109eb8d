#include "common/model/jsontextwriter.h"

namespace vw::model {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void appendUnicodeEscape(QByteArray &out, char16_t unit)
{
    const char escape[] = {'\\', 'u', kHexDigits[(unit >> 12) & 0xf], kHexDigits[(unit >> 8) & 0xf],
        kHexDigits[(unit >> 4) & 0xf], kHexDigits[unit & 0xf]};
    out.append(escape, sizeof(escape));
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
            switch (unit) {
            case u'"':
                m_text.append("\\\"", 2);
                break;
            case u'\\':
                m_text.append("\\\\", 2);
                break;
            case u'\b':
                m_text.append("\\b", 2);
                break;
            case u'\f':
                m_text.append("\\f", 2);
                break;
            case u'\n':
                m_text.append("\\n", 2);
                break;
            case u'\r':
                m_text.append("\\r", 2);
                break;
            case u'\t':
                m_text.append("\\t", 2);
                break;
            default:
                appendUnicodeEscape(m_text, unit);
                break;
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
