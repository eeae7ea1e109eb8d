#include "server/demo/demoaccounts.h"

#include "server/auth/authmodule.h"
#include "server/auth/useradministration.h"
#include "server/messaging/messagingmodule.h"
#include "server/messaging/systemmessenger.h"
#include "server/server.h"

namespace vw::server::demo {

namespace {
// Demo passwords are public by design (printed at start); they meet the password policy.
const QString kDemoPassword = QStringLiteral("demo-clinic-2026");
} // namespace

QList<DemoAccount> DemoAccounts::accounts()
{
    return {
        {QStringLiteral("dr.house"), QStringLiteral("Dr. Gregory House"), model::UserRole::Provider,
            kDemoPassword},
        {QStringLiteral("maria.lopez"), QStringLiteral("Maria Lopez"), model::UserRole::Patient,
            kDemoPassword},
        {QStringLiteral("james.chen"), QStringLiteral("James Chen"), model::UserRole::Patient, kDemoPassword},
    };
}

Result<QList<DemoAccount>, QString> DemoAccounts::seed(Server &server)
{
    if (!server.auth() || !server.messaging())
        return QStringLiteral("the server is not started");
    QList<DemoAccount> created;
    QList<model::User> users;
    for (const DemoAccount &account : accounts()) {
        auto user = server.auth()->userAdministration().createUser(
            account.username, account.displayName, account.role, account.password);
        if (!user) {
            if (user.error().kind == ServiceError::Kind::Conflict)
                continue; // already seeded
            return QStringLiteral("cannot create %1: %2").arg(account.username, user.error().message);
        }
        created.append(account);
        users.append(user.value());
    }
    // Welcome conversations only for a freshly seeded clinic.
    if (users.size() == accounts().size()) {
        const model::User &provider = users.first();
        for (qsizetype i = 1; i < users.size(); ++i) {
            auto posted = server.messaging()->systemMessenger().postSystemMessage(users.at(i).id, provider.id,
                QStringLiteral(
                    "Welcome to VytalWatch Messaging. Your care team reads messages during clinic hours; "
                    "for emergencies call 911."));
            if (!posted)
                return QStringLiteral("cannot open the welcome conversation: %1").arg(posted.error().message);
        }
    }
    return created;
}

} // namespace vw::server::demo
