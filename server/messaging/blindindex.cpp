#include "server/messaging/blindindex.h"

#include "common/crypto/hmac.h"

#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <cstring>

namespace vw::server::messaging {

namespace {

bool isWordCharacter(char32_t c)
{
    // Marks stay with their letter: splitting on them would cut words of many scripts apart.
    return QChar::isLetterOrNumber(c) || QChar::isMark(c);
}

bool isAsciiWordCharacter(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

// The distinct words in order of first appearance, at most `maxWords`.
class DistinctWords
{
public:
    explicit DistinctWords(qsizetype maxWords) : m_maxWords(maxWords) { }

    bool full() const { return m_words.size() >= m_maxWords; }
    void add(const QString &word)
    {
        if (word.isEmpty() || full() || m_seen.contains(word))
            return;
        m_seen.insert(word);
        m_words.append(word);
    }
    QStringList take() { return std::move(m_words); }

private:
    qsizetype m_maxWords;
    QStringList m_words;
    QSet<QString> m_seen;
};

// Most messages are plain ASCII, where NFKC changes nothing, case folding is lower-casing and
// the word characters are [A-Za-z0-9]: the same words as the general path, without its three
// passes over the text (a tenth of the network thread's time per message, measured).
QStringList asciiWords(const QString &text, qsizetype maxWords)
{
    DistinctWords words(maxWords);
    const qsizetype length = text.size();
    qsizetype at = 0;
    while (at < length && !words.full()) {
        while (at < length && !isAsciiWordCharacter(text.at(at).unicode()))
            ++at;
        const qsizetype start = at;
        while (at < length && isAsciiWordCharacter(text.at(at).unicode()))
            ++at;
        if (at > start)
            words.add(text.sliced(start, at - start).toLower());
    }
    return words.take();
}

char asciiLower(char16_t c)
{
    return static_cast<char>(c >= u'A' && c <= u'Z' ? c + (u'a' - u'A') : c);
}

// tokens() for ASCII text in one pass: each word is lower-cased into a buffer and MACed at
// once, and repeats are recognised by their token. The same tokens, in the same order, as
// words() followed by tokensOfWords(), without a QString and a set entry per word (those
// allocations were a fifth of the send path's indexing time).
QList<QByteArray> asciiTokens(crypto::HmacSha256 &keyed, const QString &text, qsizetype maxWords)
{
    QList<QByteArray> tokens;
    // The tokens so far as two integers each: a cheap comparison for spotting repeats.
    using Packed = std::array<quint64, 2>;
    static_assert(sizeof(Packed) == BlindIndex::kTokenSize);
    QVarLengthArray<Packed, 64> seen;
    QVarLengthArray<char, 64> word;
    std::array<unsigned char, crypto::kHmacSha256Size> tag {};
    const qsizetype length = text.size();
    qsizetype at = 0;
    while (at < length && tokens.size() < maxWords) {
        while (at < length && !isAsciiWordCharacter(text.at(at).unicode()))
            ++at;
        word.clear();
        while (at < length && isAsciiWordCharacter(text.at(at).unicode()))
            word.append(asciiLower(text.at(at++).unicode()));
        if (word.isEmpty())
            continue;
        keyed.macInto(QByteArrayView(word.constData(), word.size()), tag);
        Packed packed {};
        std::memcpy(packed.data(), tag.data(), sizeof(packed));
        if (std::find(seen.cbegin(), seen.cend(), packed) != seen.cend())
            continue;
        seen.append(packed);
        tokens.append(QByteArray(reinterpret_cast<const char *>(tag.data()), BlindIndex::kTokenSize));
    }
    return tokens;
}

} // namespace

QStringList BlindIndex::words(const QString &text, qsizetype maxWords)
{
    if (isAscii(text))
        return asciiWords(text, maxWords);
    // Folding can produce characters that NFKC would compose again, hence the second pass.
    const QString normalised = text.normalized(QString::NormalizationForm_KC)
                                   .toCaseFolded()
                                   .normalized(QString::NormalizationForm_KC);
    DistinctWords words(maxWords);
    QString current;
    const QList<uint> codePoints = normalised.toUcs4();
    for (const uint c : codePoints) {
        if (words.full())
            break;
        if (isWordCharacter(char32_t(c))) {
            current.append(QChar::fromUcs4(char32_t(c)));
        } else {
            words.add(current);
            current.clear();
        }
    }
    words.add(current);
    return words.take();
}

Result<QByteArray, crypto::CryptoError> BlindIndex::token(
    const crypto::SecretBytes &searchKey, const QString &word)
{
    auto mac = crypto::hmacSha256(searchKey.view(), word.toUtf8());
    if (!mac)
        return mac.error();
    return mac.value().left(kTokenSize);
}

Result<QList<QByteArray>, crypto::CryptoError> BlindIndex::tokensOfWords(
    const crypto::SecretBytes &searchKey, const QStringList &words)
{
    auto keyed = crypto::HmacSha256::create(searchKey.view());
    if (!keyed)
        return keyed.error();
    QList<QByteArray> result;
    result.reserve(words.size());
    std::array<unsigned char, crypto::kHmacSha256Size> tag {};
    for (const QString &word : words) {
        keyed.value().macInto(word.toUtf8(), tag);
        result.append(QByteArray(reinterpret_cast<const char *>(tag.data()), kTokenSize));
    }
    return result;
}

Result<QList<QByteArray>, crypto::CryptoError> BlindIndex::tokens(
    const crypto::SecretBytes &searchKey, const QString &text, qsizetype maxWords)
{
    if (!isAscii(text))
        return tokensOfWords(searchKey, words(text, maxWords));
    auto keyed = crypto::HmacSha256::create(searchKey.view());
    if (!keyed)
        return keyed.error();
    return asciiTokens(keyed.value(), text, maxWords);
}

} // namespace vw::server::messaging
