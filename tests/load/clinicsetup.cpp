#include "tests/load/clinicsetup.h"

#include "app/client/serverendpoint.h"
#include "tests/load/eventwait.h"

#include <QPointer>

namespace vw::load {

namespace {

constexpr int kRequestTimeoutMs = 60'000;

// The callbacks capture locals of the waiting function: calls still running when it gives up
// must never call back.
void abortAll(const QList<QPointer<client::ApiCall>> &calls)
{
    for (const QPointer<client::ApiCall> &call : calls) {
        if (call)
            call->abort();
    }
}

} // namespace

ClinicSetup::ClinicSetup(const QUrl &serverUrl, const QString &serverBinary, const QString &dataDir)
    : m_prefix(UserProvisioner::uniquePrefix()), m_provisioner(serverBinary, dataDir)
{
    // The URL was checked when the options were read; parse() only normalises it here.
    auto endpoint = client::ServerEndpoint::parse(serverUrl.toString());
    m_api = std::make_unique<client::ApiClient>(endpoint.value());
}

ClinicSetup::~ClinicSetup() = default;

Result<QList<UserSpec>, QString> ClinicSetup::createUsers(const QString &tag, const QString &role, int count)
{
    QList<UserSpec> users;
    for (int i = 1; i <= count; ++i) {
        users.append({QStringLiteral("%1-%2%3").arg(m_prefix, tag).arg(i), role,
            QStringLiteral("Loadgen %1 %2").arg(tag).arg(i), UserProvisioner::randomPassword(), {}});
    }
    return m_provisioner.create(users);
}

Result<QList<PairAccounts>, QString> ClinicSetup::createPairs(int count)
{
    auto providers = createUsers(QStringLiteral("p"), QStringLiteral("provider"), count);
    if (!providers)
        return providers.error();
    auto patients = createUsers(QStringLiteral("c"), QStringLiteral("patient"), count);
    if (!patients)
        return patients.error();
    auto providerTokens = loginAll(providers.value());
    if (!providerTokens)
        return providerTokens.error();
    auto patientTokens = loginAll(patients.value());
    if (!patientTokens)
        return patientTokens.error();

    QList<PairAccounts> pairs;
    for (int i = 0; i < count; ++i) {
        PairAccounts pair {
            providers->at(i), patients->at(i), providerTokens->at(i), patientTokens->at(i), {}};
        auto conversation = openConversation(pair.providerToken, pair.patient, pair.provider);
        if (!conversation)
            return conversation.error();
        pair.conversationId = conversation.value();
        pairs.append(pair);
    }
    return pairs;
}

Result<QStringList, QString> ClinicSetup::loginAll(const QList<UserSpec> &users)
{
    QStringList tokens(users.size());
    QString failure;
    EventWait wait(int(users.size()));
    QList<QPointer<client::ApiCall>> calls;
    // QNetworkAccessManager runs six requests per host at once and queues the rest.
    for (qsizetype i = 0; i < users.size(); ++i) {
        calls += m_api->login(users.at(i).username, users.at(i).password,
            [&tokens, &failure, &wait, i, name = users.at(i).username](const auto &result) {
                if (result)
                    tokens[i] = result->accessToken;
                else
                    failure = QStringLiteral("login of %1 failed: HTTP %2 %3")
                                  .arg(name)
                                  .arg(result.error().status)
                                  .arg(result.error().message);
                wait.done();
            });
    }
    if (!wait.wait(kRequestTimeoutMs)) {
        abortAll(calls);
        return QStringLiteral("logins timed out after %1 s").arg(kRequestTimeoutMs / 1000);
    }
    if (!failure.isEmpty())
        return failure;
    return tokens;
}

Result<QUuid, QString> ClinicSetup::openConversation(
    const QString &providerToken, const UserSpec &patient, const UserSpec &provider)
{
    m_api->setAccessToken(providerToken);
    QUuid id;
    QString failure = QStringLiteral("POST /messaging/conversations timed out");
    EventWait wait;
    const QPointer<client::ApiCall> call = m_api->openPair(
        patient.id, provider.id, [&](const Result<model::Conversation, client::ApiError> &result) {
            if (result) {
                id = result->id;
            } else {
                failure = QStringLiteral("POST /messaging/conversations failed: HTTP %1 %2")
                              .arg(result.error().status)
                              .arg(result.error().message);
            }
            wait.done();
        });
    if (!wait.wait(kRequestTimeoutMs))
        abortAll({call});
    if (id.isNull())
        return failure;
    return id;
}

} // namespace vw::load
