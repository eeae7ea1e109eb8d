#include "common/crypto/passwordhasher.h"

#include "common/crypto/sodiumruntime.h"

#include <sodium.h>

#include <cerrno>

namespace vw::crypto {

namespace {

constexpr QByteArrayView kPrefix("$argon2id$v=19$");

bool isBase64Char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// Reads "<name>=<digits>" from the front of text; digits only, bounded, no sign.
bool takeNumber(QByteArrayView &text, char name, unsigned long long max, unsigned long long &value)
{
    if (text.size() < 3 || text[0] != name || text[1] != '=') {
        return false;
    }
    text = text.sliced(2);
    qsizetype digits = 0;
    value = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
        value = value * 10 + static_cast<unsigned long long>(text[digits] - '0');
        if (++digits > 10 || value > max) {
            return false;
        }
    }
    if (digits == 0) {
        return false;
    }
    text = text.sliced(digits);
    return true;
}

bool takeChar(QByteArrayView &text, char c)
{
    if (text.isEmpty() || text[0] != c) {
        return false;
    }
    text = text.sliced(1);
    return true;
}

bool isBase64Field(QByteArrayView field)
{
    if (field.isEmpty()) {
        return false;
    }
    for (const char c : field) {
        if (!isBase64Char(c)) {
            return false;
        }
    }
    return true;
}

// Checks the shape and the cost limits before libsodium sees the string, so hostile
// parameters are never acted on. Returns the NUL-terminated Latin-1 form libsodium needs.
Result<QByteArray, CryptoError> checkedEncodedHash(const QString &encodedHash)
{
    // crypto_pwhash_STRBYTES includes the terminating NUL.
    if (encodedHash.size() >= static_cast<qsizetype>(crypto_pwhash_STRBYTES)) {
        return CryptoError::MalformedHash;
    }
    for (const QChar c : encodedHash) {
        if (c.unicode() == 0 || c.unicode() > 0x7f) {
            return CryptoError::MalformedHash;
        }
    }
    QByteArray latin1 = encodedHash.toLatin1();
    QByteArrayView rest(latin1);
    if (!rest.startsWith(kPrefix)) {
        return CryptoError::MalformedHash;
    }
    rest = rest.sliced(kPrefix.size());
    unsigned long long memKiB = 0;
    unsigned long long ops = 0;
    unsigned long long lanes = 0;
    const bool paramsOk = takeNumber(rest, 'm', PasswordHasher::kMaxAcceptedMemLimitBytes / 1024, memKiB)
        && takeChar(rest, ',') && takeNumber(rest, 't', PasswordHasher::kMaxAcceptedOpsLimit, ops)
        && takeChar(rest, ',') && takeNumber(rest, 'p', 255, lanes) && takeChar(rest, '$');
    if (!paramsOk || memKiB == 0 || ops == 0 || lanes == 0) {
        return CryptoError::MalformedHash;
    }
    const qsizetype separator = rest.indexOf('$');
    if (separator < 0 || !isBase64Field(rest.first(separator))
        || !isBase64Field(rest.sliced(separator + 1))) {
        return CryptoError::MalformedHash;
    }
    return latin1;
}

const char *passwordData(QByteArrayView password)
{
    return password.isEmpty() ? "" : password.data();
}

} // namespace

namespace detail {

Result<QString, CryptoError> hashPasswordWithParams(
    QByteArrayView password, unsigned long long opsLimit, size_t memLimitBytes)
{
    if (!ensureSodium()) {
        return CryptoError::BackendFailure;
    }
    if (static_cast<unsigned long long>(password.size()) > crypto_pwhash_PASSWD_MAX) {
        return CryptoError::InvalidInput;
    }
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, passwordData(password), static_cast<unsigned long long>(password.size()),
            opsLimit, memLimitBytes, crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        // libsodium's only runtime failure here is failing to allocate the memory cost.
        return CryptoError::OutOfMemory;
    }
    return QString::fromLatin1(out);
}

} // namespace detail

Result<QString, CryptoError> PasswordHasher::hash(QByteArrayView password)
{
    return detail::hashPasswordWithParams(password, kOpsLimit, kMemLimitBytes);
}

Result<PasswordCheck, CryptoError> PasswordHasher::verify(const QString &encodedHash, QByteArrayView password)
{
    if (!detail::ensureSodium()) {
        return CryptoError::BackendFailure;
    }
    auto encoded = checkedEncodedHash(encodedHash);
    if (!encoded) {
        return encoded.error();
    }
    // needs_rehash decodes the whole string, catching what the shape check above does not.
    if (crypto_pwhash_argon2id_str_needs_rehash(encoded.value().constData(), kOpsLimit, kMemLimitBytes) < 0) {
        return CryptoError::MalformedHash;
    }
    if (static_cast<unsigned long long>(password.size()) > crypto_pwhash_PASSWD_MAX) {
        return PasswordCheck::Mismatch;
    }
    // libsodium sets errno to EINVAL for a wrong password and leaves other failures
    // (memory allocation) distinguishable.
    errno = 0;
    const int rc = crypto_pwhash_argon2id_str_verify(encoded.value().constData(), passwordData(password),
        static_cast<unsigned long long>(password.size()));
    if (rc == 0) {
        return PasswordCheck::Match;
    }
    if (errno == EINVAL) {
        return PasswordCheck::Mismatch;
    }
    return CryptoError::OutOfMemory;
}

Result<bool, CryptoError> PasswordHasher::needsRehash(const QString &encodedHash)
{
    if (!detail::ensureSodium()) {
        return CryptoError::BackendFailure;
    }
    auto encoded = checkedEncodedHash(encodedHash);
    if (!encoded) {
        return encoded.error();
    }
    const int rc
        = crypto_pwhash_argon2id_str_needs_rehash(encoded.value().constData(), kOpsLimit, kMemLimitBytes);
    if (rc < 0) {
        return CryptoError::MalformedHash;
    }
    return rc == 1;
}

} // namespace vw::crypto
