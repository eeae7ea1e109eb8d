#include "tests/support/clamdfixture.h"

#include "server/scanner/clamdaddress.h"
#include "server/scanner/clamdclient.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

namespace vw::test {

namespace {

// Loading even a one-line database takes clamd a moment (about a second); a loaded CI
// machine can take much longer.
constexpr int kStartupTimeoutMs = 30000;
constexpr int kStopTimeoutMs = 10000;
constexpr int kStartAttempts = 3; // a "free" TCP port can be taken before clamd binds it

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size()
        && file.flush();
}

quint16 freeTcpPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

ClamdFixture::ClamdFixture() = default;

ClamdFixture::~ClamdFixture()
{
    stop();
}

void ClamdFixture::setStreamMaxLength(const QString &value)
{
    m_streamMaxLength = value;
}

QByteArray ClamdFixture::eicar()
{
    // Kept as hex, in two halves, so that no scanner flags this source file.
    return QByteArray::fromHex("58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d")
        + QByteArray::fromHex("5354414e444152442d414e544956495255532d544553542d46494c452124482b482a");
}

bool ClamdFixture::start(bool withTcp)
{
    stop();
    m_error.clear();
    if (!m_dir.isValid()) {
        m_error
            = QStringLiteral("cannot create a temporary directory for clamd: %1").arg(m_dir.errorString());
        return false;
    }
    for (int attempt = 1; attempt <= kStartAttempts; ++attempt) {
        if (launch(withTcp) && waitUntilReady())
            return true;
        stop();
        // Only a TCP port lost to someone else is worth another try.
        if (!withTcp || !clamdOutputTail().contains(QStringLiteral("TCP")))
            break;
    }
    return false;
}

bool ClamdFixture::launch(bool withTcp)
{
    const QString clamd = QStandardPaths::findExecutable(
        QStringLiteral("clamd"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    if (clamd.isEmpty()) {
        m_error = QStringLiteral("clamd is not installed (Debian: apt-get install clamav-daemon, "
                                 "or run packaging/install-deps.sh)");
        return false;
    }

    // MD5:size:name, the format of a ClamAV .hdb file.
    if (!writeFile(m_dir.filePath(QStringLiteral("test.hdb")),
            QByteArrayLiteral("44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n"))) {
        m_error = QStringLiteral("cannot write the clamd signature database");
        return false;
    }

    m_tcpPort = withTcp ? freeTcpPort() : 0;
    if (withTcp && m_tcpPort == 0) {
        m_error = QStringLiteral("cannot find a free TCP port for clamd");
        return false;
    }
    // No User directive: clamd then keeps the identity it was started with, which works both
    // for root in a container and for a developer's own account.
    QStringList config {
        QStringLiteral("Foreground yes"),
        QStringLiteral("LocalSocket %1").arg(unixSocketPath()),
        QStringLiteral("FixStaleSocket yes"),
        QStringLiteral("DatabaseDirectory %1").arg(m_dir.path()),
        QStringLiteral("TemporaryDirectory %1").arg(m_dir.path()),
        QStringLiteral("LogFile %1").arg(m_dir.filePath(QStringLiteral("clamd.log"))),
        QStringLiteral("LogTime yes"),
        QStringLiteral("StreamMaxLength %1").arg(m_streamMaxLength),
        // Whole 50 MiB uploads must be scanned, not cut off at the default file limits.
        QStringLiteral("MaxFileSize 100M"),
        QStringLiteral("MaxScanSize 100M"),
        // The test database has no bytecode; do not look for any.
        QStringLiteral("Bytecode no"),
    };
    if (withTcp) {
        config << QStringLiteral("TCPSocket %1").arg(m_tcpPort) << QStringLiteral("TCPAddr 127.0.0.1");
    }
    const QString configPath = m_dir.filePath(QStringLiteral("clamd.conf"));
    if (!writeFile(configPath, config.join(QLatin1Char('\n')).toUtf8() + '\n')) {
        m_error = QStringLiteral("cannot write the clamd configuration");
        return false;
    }

    m_process = std::make_unique<QProcess>();
    // clamd prints its start-up report on stdout in the foreground; a file never fills up
    // the way an unread pipe would.
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("clamd.out")));
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->start(clamd, {QStringLiteral("-c"), configPath});
    if (!m_process->waitForStarted(kStartupTimeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(clamd, m_process->errorString());
        return false;
    }
    return true;
}

bool ClamdFixture::waitUntilReady()
{
    QElapsedTimer elapsed;
    elapsed.start();
    auto address = server::scanner::ClamdAddress::parse(clamdSpec());
    if (!address) {
        m_error = address.error();
        return false;
    }
    const server::scanner::ClamdClient client(address.value(), 2000);
    const QDeadlineTimer deadline(kStartupTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->waitForFinished(50) || m_process->state() == QProcess::NotRunning) {
            m_error = QStringLiteral("clamd exited during start-up (exit code %1): %2")
                          .arg(m_process->exitCode())
                          .arg(clamdOutputTail());
            return false;
        }
        if (QFile::exists(unixSocketPath()) && client.ping().ok()) {
            m_startupMs = elapsed.elapsed();
            return true;
        }
        QThread::msleep(50);
    }
    m_error = QStringLiteral("clamd did not answer PING within %1 s: %2")
                  .arg(kStartupTimeoutMs / 1000)
                  .arg(clamdOutputTail());
    return false;
}

QString ClamdFixture::clamdOutputTail() const
{
    QString text;
    for (const QString &name : {QStringLiteral("clamd.out"), QStringLiteral("clamd.log")}) {
        QFile file(m_dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            text += QString::fromUtf8(file.readAll());
    }
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // The limits report is long and says nothing about why clamd failed.
    lines.removeIf([](const QString &line) { return line.startsWith(QStringLiteral("Limits:")); });
    return lines.mid(std::max<qsizetype>(0, lines.size() - 6)).join(QStringLiteral(" | "));
}

QString ClamdFixture::errorString() const
{
    return m_error;
}

QString ClamdFixture::unixSocketPath() const
{
    return m_dir.filePath(QStringLiteral("clamd.sock"));
}

quint16 ClamdFixture::tcpPort() const
{
    return m_tcpPort;
}

QString ClamdFixture::clamdSpec() const
{
    return QStringLiteral("unix:") + unixSocketPath();
}

QString ClamdFixture::tcpSpec() const
{
    return m_tcpPort ? QStringLiteral("tcp:127.0.0.1:%1").arg(m_tcpPort) : QString();
}

qint64 ClamdFixture::startupMs() const
{
    return m_startupMs;
}

void ClamdFixture::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(kStopTimeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(kStopTimeoutMs);
        }
    }
    m_process.reset();
}

} // namespace vw::test
