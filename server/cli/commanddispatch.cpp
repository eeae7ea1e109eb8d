#include "server/cli/commanddispatch.h"

#include "server/cli/auditverifycommand.h"
#include "server/cli/backupcommand.h"
#include "server/cli/rotatekeycommand.h"
#include "server/cli/useraddcommand.h"

#include <functional>

namespace vw::server::cli {

namespace {

struct Subcommand
{
    QStringList words; // e.g. {"audit", "verify"}
    std::function<int(const QStringList &, QTextStream &, QTextStream &, QTextStream &)> run;
};

QList<Subcommand> subcommands()
{
    return {
        {{QStringLiteral("user"), QStringLiteral("add")},
            [](const QStringList &args, QTextStream &in, QTextStream &out, QTextStream &err) {
                return runUserAddCommand(args, in, out, err);
            }},
        {{QStringLiteral("audit"), QStringLiteral("verify")},
            [](const QStringList &args, QTextStream &, QTextStream &out, QTextStream &err) {
                return runAuditVerifyCommand(args, out, err);
            }},
        {{QStringLiteral("rotate-key")},
            [](const QStringList &args, QTextStream &, QTextStream &out, QTextStream &err) {
                return runRotateKeyCommand(args, out, err);
            }},
        {{QStringLiteral("backup")},
            [](const QStringList &args, QTextStream &, QTextStream &out, QTextStream &err) {
                return runBackupCommand(args, out, err);
            }},
    };
}

} // namespace

std::optional<int> runMaintenanceCommand(
    const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err)
{
    for (const Subcommand &command : subcommands()) {
        if (arguments.size() <= command.words.size())
            continue;
        if (arguments.mid(1, command.words.size()) != command.words)
            continue;
        // The command's parser sees "vytalwatch-server <rest>" as if it were the program.
        QStringList rest = arguments.mid(1 + command.words.size());
        rest.prepend(arguments.first() + QLatin1Char(' ') + command.words.join(QLatin1Char(' ')));
        return command.run(rest, in, out, err);
    }
    const QString first = arguments.value(1);
    if (first == QStringLiteral("user") || first == QStringLiteral("audit")) {
        err << "unknown command: " << arguments.mid(1, 2).join(QLatin1Char(' '))
            << " (try: user add, audit verify, backup, rotate-key, serve)" << Qt::endl;
        return 2;
    }
    return std::nullopt;
}

} // namespace vw::server::cli
