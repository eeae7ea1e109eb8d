#include "app/client/outboxkey.h"

#include "app/client/outbox.h"
#include "common/crypto/aead.h"
#include "common/crypto/passwordkey.h"
#include "common/crypto/random.h"
#include "common/crypto/sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>

namespace vw::client {

namespace {

Q_LOGGING_CATEGORY(lcOutboxKey, "vw.client.outbox")

// The canary's plaintext and AAD. Its file is sealed || SHA-256(salt || sealed): the checksum
// catches a damaged salt or canary before the key is tried, so a failure to open an intact
// canary can only mean a wrong password.
constexpr QByteArrayView kCanaryText = "vytalwatch/outbox/canary/v1";
constexpr qint64 kCanaryFileSize = crypto::Aead::kOverhead + kCanaryText.size() + crypto::kSha256Size;

OutboxKeyError storageError(const QString &detail)
{
    return {OutboxKeyError::Kind::Storage,
        QStringLiteral("The offline outbox could not be opened (%1).").arg(detail)};
}

OutboxKeyError damagedError(const QString &detail)
{
    return {OutboxKeyError::Kind::Damaged,
        QStringLiteral("The offline outbox is damaged (%1); its unsent messages cannot be read.")
            .arg(detail)};
}

OutboxKeyError cryptoError(crypto::CryptoError error)
{
    return {OutboxKeyError::Kind::Crypto,
        QStringLiteral("The offline outbox could not be unlocked (%1).").arg(crypto::errorString(error))};
}

bool hasEntryFiles(const QDir &dir)
{
    return !dir.entryList({QLatin1Char('*') + Outbox::kEntrySuffix, QLatin1Char('*') + Outbox::kFailedSuffix},
                   QDir::Files | QDir::Hidden | QDir::System)
                .isEmpty();
}

Result<crypto::SecretBytes, OutboxKeyError> derive(const QString &password, QByteArrayView salt)
{
    QByteArray utf8 = password.toUtf8();
    auto key = crypto::deriveKeyFromPassword(utf8, salt);
    utf8.fill('\0');
    if (!key)
        return cryptoError(key.error());
    return std::move(key).value();
}

QByteArray canaryChecksum(QByteArrayView salt, QByteArrayView sealed)
{
    QByteArray input;
    input.reserve(salt.size() + sealed.size());
    input.append(salt);
    input.append(sealed);
    return crypto::sha256(input);
}

Result<crypto::SecretBytes, OutboxKeyError> create(const QDir &dir, const QString &password)
{
    auto salt = crypto::randomBytes(crypto::kPasswordSaltSize);
    if (!salt)
        return cryptoError(salt.error());
    auto key = derive(password, salt.value());
    if (!key)
        return key.error();
    auto sealed = crypto::Aead::seal(key.value(), kCanaryText, kCanaryText);
    if (!sealed)
        return cryptoError(sealed.error());
    // The canary goes first: a crash between the two writes leaves a canary without a salt
    // (and no entries), which the next unlock() replaces. A salt without its canary would
    // look damaged and need a reset().
    const QByteArray canary = sealed.value() + canaryChecksum(salt.value(), sealed.value());
    if (auto written = detail::writePrivateFile(dir.filePath(OutboxKey::kCanaryFileName), canary); !written)
        return storageError(written.error());
    if (auto written = detail::writePrivateFile(dir.filePath(OutboxKey::kSaltFileName), salt.value());
        !written)
        return storageError(written.error());
    qCInfo(lcOutboxKey) << "created a new outbox key in" << dir.dirName();
    return std::move(key).value();
}

Result<crypto::SecretBytes, OutboxKeyError> open(const QDir &dir, const QString &password)
{
    auto salt = detail::readSmallFile(dir.filePath(OutboxKey::kSaltFileName), crypto::kPasswordSaltSize);
    if (!salt)
        return damagedError(QStringLiteral("salt: %1").arg(salt.error()));
    if (salt.value().size() != crypto::kPasswordSaltSize)
        return damagedError(QStringLiteral("salt has the wrong size"));
    auto canary = detail::readSmallFile(dir.filePath(OutboxKey::kCanaryFileName), kCanaryFileSize);
    if (!canary)
        return damagedError(QStringLiteral("canary: %1").arg(canary.error()));
    if (canary.value().size() != kCanaryFileSize)
        return damagedError(QStringLiteral("canary has the wrong size"));
    const QByteArrayView sealed = QByteArrayView(canary.value()).first(kCanaryFileSize - crypto::kSha256Size);
    const QByteArrayView checksum = QByteArrayView(canary.value()).last(crypto::kSha256Size);
    if (canaryChecksum(salt.value(), sealed) != checksum)
        return damagedError(QStringLiteral("salt or canary was altered"));

    auto key = derive(password, salt.value());
    if (!key)
        return key.error();
    auto opened = crypto::Aead::open(key.value(), sealed, kCanaryText);
    if (!opened && opened.error() == crypto::CryptoError::AuthenticationFailed)
        return OutboxKeyError {OutboxKeyError::Kind::WrongPassword,
            QStringLiteral("The unsent messages on this computer were saved under a different password "
                           "and cannot be read with this one.")};
    if (!opened)
        return cryptoError(opened.error());
    if (opened.value() != kCanaryText)
        return damagedError(QStringLiteral("canary has unexpected contents"));
    return std::move(key).value();
}

} // namespace

OutboxKey::OutboxKey(crypto::SecretBytes key) : m_key(std::move(key)) { }

Result<OutboxKey, OutboxKeyError> OutboxKey::unlock(const QString &dir, const QString &password)
{
    if (auto made = detail::ensurePrivateDirectory(dir); !made)
        return storageError(made.error());
    const QDir directory(dir);
    const bool hasSalt = QFileInfo::exists(directory.filePath(kSaltFileName));
    const bool hasCanary = QFileInfo::exists(directory.filePath(kCanaryFileName));

    Result<crypto::SecretBytes, OutboxKeyError> key = crypto::SecretBytes();
    if (hasSalt) {
        key = open(directory, password);
    } else if (hasEntryFiles(directory)) {
        // A new salt would make a key that can never open these entries: say so instead.
        return damagedError(QStringLiteral("its salt is missing"));
    } else {
        // Nothing is sealed yet; a canary without a salt is left over from an interrupted start.
        if (hasCanary)
            qCInfo(lcOutboxKey) << "replacing a canary that has no salt";
        key = create(directory, password);
    }
    if (!key)
        return key.error();
    return OutboxKey(std::move(key).value());
}

Result<OutboxKey, OutboxKeyError> OutboxKey::reset(const QString &dir, const QString &password)
{
    QDir directory(dir);
    if (directory.exists()) {
        QStringList doomed = directory.entryList(
            {QLatin1Char('*') + Outbox::kEntrySuffix, QLatin1Char('*') + Outbox::kFailedSuffix},
            QDir::Files | QDir::Hidden | QDir::System);
        // The salt last: if a removal fails part way, unlock() still refuses rather than
        // creating a key next to entries it cannot open.
        doomed << kCanaryFileName << kSaltFileName;
        for (const QString &name : std::as_const(doomed)) {
            const QString path = directory.filePath(name);
            if (QFileInfo::exists(path) && !QFile::remove(path))
                return storageError(QStringLiteral("cannot remove %1").arg(name));
        }
        qCInfo(lcOutboxKey) << "reset the outbox in" << directory.dirName() << "removing" << doomed.size() - 2
                            << "entries";
    }
    return unlock(dir, password);
}

namespace detail {

Status<QString> ensurePrivateDirectory(const QString &dir)
{
    if (dir.isEmpty())
        return QStringLiteral("no directory given");
    if (!QDir().mkpath(dir))
        return QStringLiteral("cannot create the directory");
    if (!QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return QStringLiteral("cannot restrict the directory to its owner");
    return {};
}

Status<QString> writePrivateFile(const QString &path, QByteArrayView data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot create %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
    // QSaveFile gives a new file the default mode (0666 & ~umask) unless told otherwise;
    // this applies to the temporary file before anything is written into it.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return QStringLiteral("cannot restrict %1 to its owner").arg(QFileInfo(path).fileName());
    }
    if (file.write(data.data(), data.size()) != data.size() || !file.commit())
        return QStringLiteral("cannot write %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
    return {};
}

Result<QByteArray, QString> readSmallFile(const QString &path, qint64 maxSize)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read: %1").arg(file.errorString());
    if (file.size() > maxSize)
        return QStringLiteral("too large");
    QByteArray data = file.read(maxSize + 1);
    if (data.size() > maxSize)
        return QStringLiteral("too large");
    if (file.error() != QFileDevice::NoError)
        return QStringLiteral("cannot read: %1").arg(file.errorString());
    return data;
}

} // namespace detail

} // namespace vw::client
