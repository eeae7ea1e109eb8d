#include "server/cli/auditverifycommand.h"

#include "common/core/clock.h"
#include "server/audit/auditlog.h"
#include "server/cli/storecommandoptions.h"

namespace vw::server::cli {

int runAuditVerifyCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Verify the audit trail's hash chain."));
    parser.addHelpOption();
    StoreCommandOptions storeOptions;
    storeOptions.addTo(parser);
    if (const auto exitCode = parseOrExit(parser, arguments, out, err))
        return *exitCode;
    auto opened
        = storeOptions.open(parser, QStringLiteral("audit-verify"), StoreBootstrap::Mode::OpenExisting);
    if (!opened) {
        err << "audit verify: " << opened.error() << Qt::endl;
        return 1;
    }
    SystemClock clock;
    audit::AuditLog log(*opened.value().database, clock);
    const auto verification = log.verify();
    if (!verification) {
        err << "audit verify: cannot read the audit trail: " << verification.error().detail << Qt::endl;
        return 1;
    }
    if (!verification.value().ok) {
        out << "audit trail BROKEN at entry " << verification.value().firstBadId << " (after "
            << verification.value().entries << " intact entries)" << Qt::endl;
        return 3;
    }
    out << "audit trail intact: " << verification.value().entries << " entries" << Qt::endl;
    return 0;
}

} // namespace vw::server::cli
