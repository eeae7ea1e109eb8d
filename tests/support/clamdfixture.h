#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class QProcess;

namespace vw::test {

// A real clamd for one test: a private config, socket and signature database in a
// QTemporaryDir, and one signature, the EICAR test file's MD5 (freshclam cannot download the
// official databases here). start() waits until clamd answers PING; the destructor and
// stop() end it. clamd runs as the user running the test (no User directive), root included.
class ClamdFixture
{
public:
    ClamdFixture();
    ~ClamdFixture();
    Q_DISABLE_COPY_MOVE(ClamdFixture)

    // clamd's StreamMaxLength (clamd syntax: "60M", "1M", "512K"), set before start().
    void setStreamMaxLength(const QString &value);

    // Starts clamd on a Unix socket, and on 127.0.0.1 and a free TCP port with `withTcp`.
    // False with errorString() when clamd is missing, exits or does not answer within ~30 s.
    bool start(bool withTcp = false);
    QString errorString() const;

    QString unixSocketPath() const;
    quint16 tcpPort() const; // 0 without TCP
    QString clamdSpec() const; // "unix:<socket path>", for --clamd
    QString tcpSpec() const; // "tcp:127.0.0.1:<port>", empty without TCP
    qint64 startupMs() const; // from launch to the first PONG

    // Ends clamd (SIGTERM, then SIGKILL), to test a scanner that went away.
    void stop();

    // The 68-byte EICAR anti-virus test file.
    static QByteArray eicar();

private:
    bool launch(bool withTcp);
    bool waitUntilReady();
    QString clamdOutputTail() const;

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_streamMaxLength = QStringLiteral("60M");
    QString m_error;
    quint16 m_tcpPort = 0;
    qint64 m_startupMs = 0;
};

} // namespace vw::test
