#pragma once

#include "common/core/result.h"

#include <QList>
#include <QString>
#include <QUuid>

namespace vw::load {

// One account the load generator needs; `role` is the wire name (patient|provider|admin).
struct UserSpec
{
    QString username;
    QString role;
    QString displayName;
    QString password;
    QUuid id; // filled in once created
};

// Creates accounts through `vytalwatch-server user add` on the running server's data dir:
// accounts can only be made by the CLI (there is no REST route), and SQLite lets the CLI
// write while the server runs.
class UserProvisioner
{
public:
    UserProvisioner(QString serverBinary, QString dataDir, int parallel = 2);

    // Runs the commands `parallel` at a time (each hashes a password, which is slow by design).
    // On success every spec has its id; the error names the user and quotes the command.
    Result<QList<UserSpec>, QString> create(QList<UserSpec> users) const;

    // A prefix no earlier run used: usernames are unique and runs share a data dir.
    static QString uniquePrefix();
    static QString randomPassword();

private:
    QString m_serverBinary;
    QString m_dataDir;
    int m_parallel;
};

} // namespace vw::load
