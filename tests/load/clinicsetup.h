#pragma once

#include "app/client/apiclient.h"
#include "common/core/result.h"
#include "tests/load/userprovisioner.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUuid>

#include <memory>

namespace vw::load {

// A provider (the sender) and a patient (the receiver) with a conversation between them.
struct PairAccounts
{
    UserSpec provider;
    UserSpec patient;
    QString providerToken;
    QString patientToken;
    QUuid conversationId;
};

// Creates the accounts and conversations a run needs, under a per-run username prefix, and
// signs them in. Blocking (local event loops): it runs before anything is measured.
class ClinicSetup
{
public:
    ClinicSetup(const QUrl &serverUrl, const QString &serverBinary, const QString &dataDir);
    ~ClinicSetup();

    const QString &prefix() const { return m_prefix; }
    client::ApiClient &api() { return *m_api; }

    // `tag` keeps the usernames of different groups apart (lg1a2b3c4d-idle-3).
    Result<QList<UserSpec>, QString> createUsers(const QString &tag, const QString &role, int count);
    Result<QList<PairAccounts>, QString> createPairs(int count);
    // Signs every user in, a few at a time; one access token per user, in order.
    Result<QStringList, QString> loginAll(const QList<UserSpec> &users);
    Result<QUuid, QString> openConversation(
        const QString &providerToken, const UserSpec &patient, const UserSpec &provider);

private:
    QString m_prefix;
    UserProvisioner m_provisioner;
    std::unique_ptr<client::ApiClient> m_api;
};

} // namespace vw::load
