#pragma once

#include "common/core/result.h"
#include "common/crypto/secretbytes.h"

#include <QString>

namespace vw::server::keys {

// Where the master key (the key-encryption key) came from, for the start-up log.
enum class MasterKeyOrigin { Environment, KeyFile, DataDirKeyFile, Generated };

struct LoadedMasterKey
{
    crypto::SecretBytes key;
    MasterKeyOrigin origin = MasterKeyOrigin::Environment;
    QString path; // the key file read or written, if any
};

// Finds the master key as API.md prescribes: env MESSAGING_ENCRYPTION_KEY (base64 of 32 bytes),
// else --key-file, else `master.key` in the data dir; on a NEW data dir with none of these a
// key file is generated there with mode 0600. A data dir that already holds a store but no
// key is refused: a fresh key could not read it, and silently starting empty would hide data.
class MasterKeyLoader
{
public:
    static constexpr const char *kEnvironmentVariable = "MESSAGING_ENCRYPTION_KEY";
    static constexpr const char *kDataDirKeyFileName = "master.key";

    // storeExists: whether the data dir already holds a database.
    static Result<LoadedMasterKey, QString> load(
        const QString &dataDir, const QString &keyFile, bool storeExists);

    // Reads a key file: base64 of 32 bytes, optional trailing newline.
    static Result<crypto::SecretBytes, QString> readKeyFile(const QString &path);
    // Writes a fresh random key atomically with mode 0600.
    static Result<crypto::SecretBytes, QString> generateKeyFile(const QString &path);
    // Writes (or atomically replaces) a key file: base64 and a newline, mode 0600.
    static Status<QString> writeKeyFile(const QString &path, const crypto::SecretBytes &key);
};

} // namespace vw::server::keys
