#include "server/cli/rotatekeycommand.h"

#include "common/core/clock.h"
#include "server/audit/auditlog.h"
#include "server/cli/storecommandoptions.h"
#include "server/keys/masterkeyloader.h"
#include "server/messaging/keyrotator.h"

namespace vw::server::cli {

namespace {

constexpr const char *kNewKeyEnvironmentVariable = "MESSAGING_NEW_ENCRYPTION_KEY";

Result<crypto::SecretBytes, QString> readNewKey(const QString &newKeyFile)
{
    QByteArray fromEnvironment = qgetenv(kNewKeyEnvironmentVariable);
    const bool haveEnvironment = !fromEnvironment.isEmpty();
    if (!newKeyFile.isEmpty() && haveEnvironment)
        return QStringLiteral("give the new key either with --new-key-file or with %1, not both")
            .arg(QLatin1String(kNewKeyEnvironmentVariable));
    if (!newKeyFile.isEmpty())
        return keys::MasterKeyLoader::readKeyFile(newKeyFile);
    if (!haveEnvironment)
        return QStringLiteral("no new key: give --new-key-file FILE or set %1")
            .arg(QLatin1String(kNewKeyEnvironmentVariable));
    auto key = crypto::SecretBytes::fromBase64(fromEnvironment);
    fromEnvironment.fill('\0');
    if (!key || key.value().size() != 32)
        return QStringLiteral("%1 must be base64 of 32 bytes").arg(QLatin1String(kNewKeyEnvironmentVariable));
    return std::move(key).value();
}

} // namespace

int runRotateKeyCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Re-wrap every conversation key under a new master key. Set the new key with "
                       "--new-key-file or MESSAGING_NEW_ENCRYPTION_KEY (base64 of 32 bytes)."));
    parser.addHelpOption();
    StoreCommandOptions storeOptions;
    storeOptions.addTo(parser);
    const QCommandLineOption newKeyFile(QStringLiteral("new-key-file"),
        QStringLiteral("The new master key (base64 of 32 bytes)."), QStringLiteral("FILE"));
    parser.addOption(newKeyFile);
    if (const auto exitCode = parseOrExit(parser, arguments, out, err))
        return *exitCode;
    auto newKey = readNewKey(parser.value(newKeyFile));
    if (!newKey) {
        err << "rotate-key: " << newKey.error() << Qt::endl;
        return 2;
    }
    auto opened = storeOptions.open(parser, QStringLiteral("rotate-key"), StoreBootstrap::Mode::OpenExisting);
    if (!opened) {
        err << "rotate-key: " << opened.error() << Qt::endl;
        return 1;
    }
    OpenedStore &store = opened.value();
    if (store.masterKey.key.equals(newKey.value())) {
        err << "rotate-key: the new key is the current master key" << Qt::endl;
        return 2;
    }
    SystemClock clock;
    audit::AuditLog log(*store.database, clock);
    messaging::KeyRotator rotator(*store.database, log);
    auto report = rotator.rotate(store.masterKey.key, newKey.value());
    if (!report) {
        err << "rotate-key: " << report.error() << Qt::endl;
        return 1;
    }
    out << "rotate-key: " << report.value().rewrapped << " conversation keys now use master key "
        << report.value().newKeyId << Qt::endl;
    if (store.masterKey.origin == keys::MasterKeyOrigin::DataDirKeyFile
        || store.masterKey.origin == keys::MasterKeyOrigin::Generated) {
        if (auto replaced = keys::MasterKeyLoader::writeKeyFile(store.masterKey.path, newKey.value());
            !replaced) {
            err << "rotate-key: the store now needs the NEW key, but " << store.masterKey.path
                << " could not be replaced (" << replaced.error()
                << "); start the server with --key-file pointing at the new key" << Qt::endl;
            return 1;
        }
        out << "rotate-key: " << store.masterKey.path << " now holds the new key" << Qt::endl;
    } else {
        out << "rotate-key: start the server with the new key from now on (--key-file or "
            << keys::MasterKeyLoader::kEnvironmentVariable << ")" << Qt::endl;
    }
    return 0;
}

} // namespace vw::server::cli
