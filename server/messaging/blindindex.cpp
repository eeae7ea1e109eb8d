#include "server/messaging/blindindex.h"

#include "common/crypto/hmac.h"

#include <QSet>

namespace vw::server::messaging {

namespace {

bool isWordCharacter(char32_t c)
{
    // Marks stay with their letter: splitting on them would cut words of many scripts apart.
    return QChar::isLetterOrNumber(c) || QChar::isMark(c);
}

} // namespace

QStringList BlindIndex::words(const QString &text, qsizetype maxWords)
{
    // Folding can produce characters that NFKC would compose again, hence the second pass.
    const QString normalised = text.normalized(QString::NormalizationForm_KC)
                                   .toCaseFolded()
                                   .normalized(QString::NormalizationForm_KC);
    QStringList result;
    QSet<QString> seen;
    QString current;
    const auto flush = [&] {
        if (!current.isEmpty() && !seen.contains(current) && result.size() < maxWords) {
            seen.insert(current);
            result.append(current);
        }
        current.clear();
    };
    const QList<uint> codePoints = normalised.toUcs4();
    for (const uint c : codePoints) {
        if (result.size() >= maxWords)
            break;
        if (isWordCharacter(char32_t(c)))
            current.append(QChar::fromUcs4(char32_t(c)));
        else
            flush();
    }
    flush();
    return result;
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
    for (const QString &word : words) {
        auto mac = keyed.value().mac(word.toUtf8());
        if (!mac)
            return mac.error();
        result.append(mac.value().left(kTokenSize));
    }
    return result;
}

Result<QList<QByteArray>, crypto::CryptoError> BlindIndex::tokens(
    const crypto::SecretBytes &searchKey, const QString &text, qsizetype maxWords)
{
    return tokensOfWords(searchKey, words(text, maxWords));
}

} // namespace vw::server::messaging
