#pragma once

#include "common/core/result.h"
#include "common/model/enums.h"

#include <QList>
#include <QString>

namespace vw::server {
class Server;
}

namespace vw::server::demo {

// One account of the demo clinic, with the password to sign in with.
struct DemoAccount
{
    QString username;
    QString displayName;
    model::UserRole role = model::UserRole::Patient;
    QString password;
};

// The demo clinic of `vytalwatch-chat --local-server --demo`: a provider and two patients,
// each patient with a conversation opened by a welcome message from the platform.
// Idempotent: accounts that already exist are left alone (their passwords too).
class DemoAccounts
{
public:
    static QList<DemoAccount> accounts();
    // Returns the accounts created now (empty when the clinic was already seeded).
    static Result<QList<DemoAccount>, QString> seed(Server &server);
};

} // namespace vw::server::demo
