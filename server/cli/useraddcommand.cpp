#include "server/cli/useraddcommand.h"

#include "common/core/clock.h"
#include "common/model/enums.h"
#include "server/audit/auditlog.h"
#include "server/auth/useradministration.h"
#include "server/cli/storecommandoptions.h"
#include "server/core/servercontext.h"
#include "server/metrics/metrics.h"
#include "server/users/userrepository.h"

#include <QCommandLineParser>

namespace vw::server::cli {

namespace {

const QString kCommand = QStringLiteral("user add: ");

int usageError(QTextStream &err, const QString &message)
{
    err << kCommand << message << Qt::endl;
    return 2;
}

} // namespace

int runUserAddCommand(const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Create a user account."));
    parser.addHelpOption();
    const QCommandLineOption username(QStringLiteral("username"),
        QStringLiteral("User name (3-64 of a-z 0-9 . _ -)."), QStringLiteral("U"));
    const QCommandLineOption role(
        QStringLiteral("role"), QStringLiteral("patient, provider or admin."), QStringLiteral("ROLE"));
    const QCommandLineOption displayName(
        QStringLiteral("display-name"), QStringLiteral("Name shown to others."), QStringLiteral("NAME"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"),
        QStringLiteral("Read the password as one line from standard input."));
    parser.addOptions({username, role, displayName, passwordStdin});
    StoreCommandOptions storeOptions;
    storeOptions.addTo(parser);

    if (const auto exitCode = parseOrExit(parser, arguments, out, err))
        return *exitCode;
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            err, QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first()));
    for (const QCommandLineOption *required : {&username, &role, &displayName}) {
        if (!parser.isSet(*required))
            return usageError(err, QStringLiteral("--%1 is required").arg(required->names().first()));
    }
    if (!parser.isSet(passwordStdin))
        return usageError(err,
            QStringLiteral("--password-stdin is required (passwords are never taken on the command line)"));
    const auto parsedRole = model::fromWire<model::UserRole>(parser.value(role));
    if (!parsedRole)
        return usageError(err, QStringLiteral("--role must be one of: patient, provider, admin"));

    // Check what can be checked before touching the store or reading the password.
    for (const auto &problem : {auth::UserAdministration::checkUsername(parser.value(username)),
             auth::UserAdministration::checkDisplayName(parser.value(displayName))}) {
        if (problem) {
            err << kCommand << problem->message << Qt::endl;
            return 1;
        }
    }

    QString password = in.readLine();
    if (password.endsWith(QLatin1Char('\r')))
        password.chop(1);
    if (password.isNull()) {
        err << kCommand << "no password on standard input" << Qt::endl;
        return 1;
    }
    if (const auto problem = auth::UserAdministration::checkPassword(password)) {
        err << kCommand << problem->message << Qt::endl;
        return 1;
    }

    auto opened = storeOptions.open(parser, QStringLiteral("user-add"));
    if (!opened) {
        err << kCommand << opened.error() << Qt::endl;
        return 1;
    }
    OpenedStore &store = opened.value();
    SystemClock clock;
    ServerOptions options;
    options.dataDir = store.dataDir;
    audit::AuditLog auditLog(*store.database, clock);
    metrics::Metrics metrics;
    ServerContext context {options, clock, *store.database, auditLog, metrics, store.masterKey.key, nullptr};
    users::UserRepository users(*store.database);
    auth::UserAdministration administration(context, users);

    const auto created = administration.createUser(parser.value(username), parser.value(displayName),
        *parsedRole, password, {}, ClientInfo {QString(), QStringLiteral("vytalwatch-server user add")});
    password.fill(QLatin1Char('\0'));
    if (!created) {
        err << kCommand << created.error().message << Qt::endl;
        return 1;
    }
    out << created.value().id.toString(QUuid::WithoutBraces) << Qt::endl;
    return 0;
}

} // namespace vw::server::cli
