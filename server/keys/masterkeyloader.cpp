#include "server/keys/masterkeyloader.h"

#include "common/crypto/keywrap.h"
#include "common/crypto/random.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace vw::server::keys {

namespace {

Result<crypto::SecretBytes, QString> decodeKey(QByteArrayView base64, const QString &source)
{
    auto key = crypto::SecretBytes::fromBase64(base64);
    if (!key || key.value().size() != crypto::KeyWrap::kKeySize)
        return QStringLiteral("%1 must hold the base64 encoding of exactly 32 bytes").arg(source);
    return std::move(key).value();
}

} // namespace

Result<LoadedMasterKey, QString> MasterKeyLoader::load(
    const QString &dataDir, const QString &keyFile, bool storeExists)
{
    if (qEnvironmentVariableIsSet(kEnvironmentVariable)) {
        QByteArray text = qgetenv(kEnvironmentVariable);
        auto key = decodeKey(text, QString::fromLatin1(kEnvironmentVariable));
        text.fill('\0');
        if (!key)
            return key.error();
        return LoadedMasterKey {std::move(key).value(), MasterKeyOrigin::Environment, {}};
    }
    if (!keyFile.isEmpty()) {
        auto key = readKeyFile(keyFile);
        if (!key)
            return key.error();
        return LoadedMasterKey {std::move(key).value(), MasterKeyOrigin::KeyFile, keyFile};
    }
    const QString defaultPath = QDir(dataDir).filePath(QString::fromLatin1(kDataDirKeyFileName));
    if (QFileInfo::exists(defaultPath)) {
        auto key = readKeyFile(defaultPath);
        if (!key)
            return key.error();
        return LoadedMasterKey {std::move(key).value(), MasterKeyOrigin::DataDirKeyFile, defaultPath};
    }
    if (storeExists) {
        return QStringLiteral("the data dir holds an encrypted store but no master key: set %1 or pass "
                              "--key-file with the key it was created with")
            .arg(QString::fromLatin1(kEnvironmentVariable));
    }
    auto generated = generateKeyFile(defaultPath);
    if (!generated)
        return generated.error();
    return LoadedMasterKey {std::move(generated).value(), MasterKeyOrigin::Generated, defaultPath};
}

Result<crypto::SecretBytes, QString> MasterKeyLoader::readKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the key file %1: %2").arg(path, file.errorString());
    constexpr qint64 kMaxKeyFileBytes = 1024; // base64 of 32 bytes is 44; refuse anything huge
    QByteArray text = file.read(kMaxKeyFileBytes);
    auto key = decodeKey(text, QStringLiteral("the key file %1").arg(path));
    text.fill('\0');
    return key;
}

Result<crypto::SecretBytes, QString> MasterKeyLoader::generateKeyFile(const QString &path)
{
    auto key = crypto::randomSecret(crypto::KeyWrap::kKeySize);
    if (!key)
        return QStringLiteral("cannot generate a master key: %1").arg(crypto::errorString(key.error()));
    if (auto written = writeKeyFile(path, key.value()); !written)
        return written.error();
    return std::move(key).value();
}

Status<QString> MasterKeyLoader::writeKeyFile(const QString &path, const crypto::SecretBytes &key)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write the key file %1: %2").arg(path, file.errorString());
    // Restrict before any key byte is written.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const crypto::SecretBytes text = key.toBase64();
    if (file.write(text.constData(), text.size()) != text.size() || file.write("\n", 1) != 1) {
        file.cancelWriting();
        return QStringLiteral("cannot write the key file %1: %2").arg(path, file.errorString());
    }
    if (!file.commit())
        return QStringLiteral("cannot write the key file %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace vw::server::keys
