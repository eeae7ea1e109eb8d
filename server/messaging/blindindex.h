#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace vw::server::messaging {

// The blind search index: the server finds whole words without storing them. Text is
// normalised (NFKC, Unicode case folding) and split into words of letters, digits and
// combining marks; each distinct word becomes the first 16 bytes of
// HMAC-SHA256(searchKey, word). The search key is per conversation, so equal words in two
// conversations give unrelated tokens.
class BlindIndex
{
public:
    static constexpr qsizetype kTokenSize = 16;
    static constexpr qsizetype kMaxWordsPerText = 512;

    BlindIndex() = delete;

    // The distinct normalised words of `text` in order of first appearance, at most maxWords.
    static QStringList words(const QString &text, qsizetype maxWords = kMaxWordsPerText);
    static Result<QByteArray, crypto::CryptoError> token(
        const crypto::SecretBytes &searchKey, const QString &word);
    // The tokens of `words`, in order, under one keyed MAC.
    static Result<QList<QByteArray>, crypto::CryptoError> tokensOfWords(
        const crypto::SecretBytes &searchKey, const QStringList &words);
    // The tokens of words(text).
    static Result<QList<QByteArray>, crypto::CryptoError> tokens(
        const crypto::SecretBytes &searchKey, const QString &text, qsizetype maxWords = kMaxWordsPerText);
};

} // namespace vw::server::messaging
