#include "server/server.h"
#include "tests/support/realtimetestserver.h"

#include <QFile>
#include <QTcpSocket>
#include <QTest>

using namespace vw;
using namespace vw::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// This process's resident set in KiB (the server runs in it).
qint64 residentKiB()
{
    QFile status(s("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

constexpr qint64 kLimit = 50LL * 1024 * 1024;

} // namespace

// The 50 MiB attachment limit at the connection guard of the production server: a larger
// Content-Length is answered 413 from the header alone, without the body ever being
// buffered (the server's memory stays flat), exactly 50 MiB is accepted, and a body that
// stops short of its Content-Length is cut off.
class TestUploadLimits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RealtimeTestServer> m_server;
    RealtimeTestUser m_patient;
    QString m_conversationId;

    QByteArray requestHead(qint64 contentLength) const
    {
        return QByteArrayLiteral("POST /messaging/conversations/") + m_conversationId.toLatin1()
            + QByteArrayLiteral("/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ")
            + m_patient.accessToken.toLatin1()
            + QByteArrayLiteral("\r\nContent-Type: text/plain\r\nX-File-Name: big.txt\r\nContent-Length: ")
            + QByteArray::number(contentLength) + QByteArrayLiteral("\r\n\r\n");
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<RealtimeTestServer>([](server::ServerOptions &options) {
            options.connectionLimits.idleTimeoutMs = 800; // a stalled body is cut off quickly
        });
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const auto provider = m_server->addUser(s("dr.limits"), model::UserRole::Provider);
        m_patient = m_server->addUser(s("pat.limits"), model::UserRole::Patient);
        m_conversationId = m_server->openPair(provider, m_patient);
        QVERIFY(!m_conversationId.isEmpty());
    }

    void oneByteOverTheLimitIsRefusedBeforeBuffering()
    {
        const qint64 before = residentKiB();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->server().port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write(requestHead(kLimit + 1));
        // Keep sending the body as a real client would, until the server answers.
        const QByteArray chunk(1024 * 1024, 'a');
        QByteArray reply;
        for (int sent = 0; sent < 50 && reply.isEmpty() && socket.state() == QAbstractSocket::ConnectedState;
             ++sent) {
            socket.write(chunk);
            socket.waitForBytesWritten(200);
            if (socket.waitForReadyRead(20))
                reply += socket.readAll();
        }
        QTRY_VERIFY_WITH_TIMEOUT((reply += socket.readAll()).contains("\r\n\r\n")
                || socket.state() != QAbstractSocket::ConnectedState,
            5000);
        QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.left(80).constData());
        QVERIFY(reply.contains("\"statusCode\":413"));
        const qint64 grown = residentKiB() - before;
        qInfo("server RSS grew %lld KiB while refusing a %lld-byte upload", grown, kLimit + 1);
        QVERIFY2(grown < 16 * 1024, qPrintable(QString::number(grown)));
    }

    void exactlyTheLimitIsAccepted()
    {
        const QByteArray body(kLimit, 'a');
        auto client = m_server->clientFor(m_patient);
        const auto reply
            = client->send("POST", s("/messaging/conversations/%1/attachments").arg(m_conversationId), body,
                "text/plain", {{QByteArrayLiteral("X-File-Name"), QByteArrayLiteral("big.txt")}});
        QVERIFY2(reply.status == 201, reply.body.constData());
        QCOMPARE(reply.json().value(s("size")).toInteger(), kLimit);
    }

    void bodyShorterThanItsLengthIsCutOff()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->server().port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write(requestHead(1000) + QByteArray(10, 'a'));
        QVERIFY(socket.waitForBytesWritten(1000));
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY(!socket.readAll().startsWith("HTTP/1.1 201"));
        // The server is unharmed.
        QCOMPARE(m_server->clientFor(m_patient)->get(s("/auth/me")).status, 200);
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestUploadLimits)
#include "tst_uploadlimits.moc"
