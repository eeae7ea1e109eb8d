#include "tests/load/userprovisioner.h"

#include <QProcess>
#include <QRandomGenerator>

#include <algorithm>
#include <memory>
#include <vector>

namespace vw::load {

namespace {

// Argon2 hashing plus opening the store; generous for a busy machine.
constexpr int kCommandTimeoutMs = 60'000;

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &byte : raw)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

} // namespace

UserProvisioner::UserProvisioner(QString serverBinary, QString dataDir, int parallel)
    : m_serverBinary(std::move(serverBinary)),
      m_dataDir(std::move(dataDir)),
      m_parallel(std::max(1, parallel))
{ }

QString UserProvisioner::uniquePrefix()
{
    return QStringLiteral("lg") + randomHex(4);
}

QString UserProvisioner::randomPassword()
{
    return QStringLiteral("lg-") + randomHex(12);
}

Result<QList<UserSpec>, QString> UserProvisioner::create(QList<UserSpec> users) const
{
    for (qsizetype first = 0; first < users.size(); first += m_parallel) {
        const qsizetype end = std::min<qsizetype>(first + m_parallel, users.size());
        std::vector<std::unique_ptr<QProcess>> batch;
        for (qsizetype i = first; i < end; ++i) {
            const UserSpec &user = users.at(i);
            auto process = std::make_unique<QProcess>();
            process->start(m_serverBinary,
                {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--data-dir"), m_dataDir,
                    QStringLiteral("--username"), user.username, QStringLiteral("--role"), user.role,
                    QStringLiteral("--display-name"), user.displayName, QStringLiteral("--password-stdin")});
            // The password goes through stdin only: command lines are visible to every local user.
            process->write(user.password.toUtf8() + '\n');
            process->closeWriteChannel();
            batch.push_back(std::move(process));
        }
        for (std::size_t j = 0; j < batch.size(); ++j) {
            QProcess &process = *batch[j];
            UserSpec &user = users[first + qsizetype(j)];
            const bool finished = process.waitForFinished(kCommandTimeoutMs);
            const QString stderrText = QString::fromUtf8(process.readAllStandardError()).trimmed();
            if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
                return QStringLiteral("`%1 user add --username %2` failed (%3): %4")
                    .arg(m_serverBinary, user.username,
                        finished ? QStringLiteral("exit %1").arg(process.exitCode()) : process.errorString(),
                        stderrText);
            }
            user.id = QUuid::fromString(QString::fromUtf8(process.readAllStandardOutput()).trimmed());
            if (user.id.isNull())
                return QStringLiteral("`user add --username %1` printed no user id").arg(user.username);
        }
    }
    return users;
}

} // namespace vw::load
