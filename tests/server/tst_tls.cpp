#include "server/http/connectionguard.h"
#include "server/http/tlsconfiguration.h"
#include "server/server.h"
#include "server/websocket/websocketconnection.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <memory>
#include <vector>

using vw::server::Server;
using vw::server::ServerOptions;
using vw::server::http::ConnectionGuard;
using vw::server::http::ConnectionLimits;
using vw::server::http::RejectReason;
using vw::server::websocket::WebSocketConnection;

namespace {

constexpr int kWaitMs = 10000;

// One reply read off the wire: status line, headers and the raw bytes that followed.
struct HttpsReply
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString error;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// A raw client socket (plain or TLS) that records what it receives and whether it was closed.
class RawClient
{
public:
    // Plain TCP.
    explicit RawClient(quint16 port) : m_socket(std::make_unique<QTcpSocket>())
    {
        connectSignals();
        m_socket->connectToHost(QHostAddress::LocalHost, port);
    }

    // TLS, trusting exactly `trusted` (self-signed).
    RawClient(quint16 port, const QSslCertificate &trusted)
    {
        auto tls = std::make_unique<QSslSocket>();
        tls->ignoreSslErrors({QSslError(QSslError::SelfSignedCertificate, trusted)});
        QObject::connect(tls.get(), &QSslSocket::encrypted, [this] { m_encrypted = true; });
        QSslSocket *socket = tls.get();
        m_socket = std::move(tls);
        connectSignals();
        socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    }

    void send(const QByteArray &bytes) { m_socket->write(bytes); }
    bool waitConnected() { return m_socket->waitForConnected(kWaitMs); }
    const QByteArray &received() const { return m_received; }
    bool closed() const { return m_closed; }
    bool encrypted() const { return m_encrypted; }
    int status() const { return m_received.startsWith("HTTP/1.1 ") ? m_received.mid(9, 3).toInt() : 0; }

private:
    void connectSignals()
    {
        QObject::connect(
            m_socket.get(), &QTcpSocket::readyRead, [this] { m_received += m_socket->readAll(); });
        QObject::connect(m_socket.get(), &QTcpSocket::disconnected, [this] { m_closed = true; });
        QObject::connect(m_socket.get(), &QTcpSocket::errorOccurred, [this] { m_closed = true; });
    }

    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_received;
    bool m_closed = false;
    bool m_encrypted = false;
};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Runs the openssl command line tool in `directory`; false (with its stderr) on failure.
bool runOpenssl(const QStringList &arguments, const QString &directory, QString *error)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = QStringLiteral("the openssl command line tool is not installed");
        return false;
    }
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(openssl, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *error = QString::fromUtf8(process.readAllStandardError());
        return false;
    }
    return true;
}

// Writes a self-signed EC certificate for localhost/127.0.0.1 and its key.
bool makeCertificate(const QString &certPath, const QString &keyPath, QString *error)
{
    return runOpenssl(
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
            QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
            QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"), QStringLiteral("-keyout"), keyPath,
            QStringLiteral("-out"), certPath},
        QDir::tempPath(), error);
}

// Writes a self-signed certificate valid only on 1 January 2020 (`openssl req` cannot
// back-date, `openssl ca` can) as expired-cert.pem/expired-key.pem in `directory`.
bool makeExpiredCertificate(const QString &directory, QString *error)
{
    const QDir dir(directory);
    if (!writeFile(dir.filePath(QStringLiteral("ca.cnf")),
            "[ca]\ndefault_ca = selfsigned\n[selfsigned]\ndatabase = index.txt\nnew_certs_dir = .\n"
            "serial = serial\ndefault_md = sha256\npolicy = anything\n[anything]\ncommonName = supplied\n")
        || !writeFile(dir.filePath(QStringLiteral("index.txt")), {})
        || !writeFile(dir.filePath(QStringLiteral("serial")), "01\n")) {
        *error = QStringLiteral("cannot write the openssl ca files");
        return false;
    }
    return runOpenssl(
               {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-keyout"),
                   QStringLiteral("expired-key.pem"), QStringLiteral("-out"), QStringLiteral("expired.csr")},
               directory, error)
        && runOpenssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"),
                          QStringLiteral("-config"), QStringLiteral("ca.cnf"), QStringLiteral("-selfsign"),
                          QStringLiteral("-keyfile"), QStringLiteral("expired-key.pem"),
                          QStringLiteral("-in"), QStringLiteral("expired.csr"), QStringLiteral("-startdate"),
                          QStringLiteral("20200101000000Z"), QStringLiteral("-enddate"),
                          QStringLiteral("20200102000000Z"), QStringLiteral("-out"),
                          QStringLiteral("expired-cert.pem")},
            directory, error);
}

QSslCertificate readCertificate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QSslCertificate();
    return QSslCertificate(file.readAll(), QSsl::Pem);
}

// GET over https with QNetworkAccessManager, ignoring only the self-signed error of `trusted`.
HttpsReply httpsGet(QNetworkAccessManager &network, const QUrl &url, const QSslCertificate &trusted)
{
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    reply->ignoreSslErrors({QSslError(QSslError::SelfSignedCertificate, trusted)});
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(kWaitMs);
    if (!reply->isFinished())
        loop.exec();
    HttpsReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QStringLiteral("timed out");
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        result.error = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

} // namespace

// TLS on the server's own port: the guard does the handshake (QHttpServer::sslSetup() does
// nothing with bind() in Qt 6.4) and keeps its limits; Server::start() refuses bad
// certificate files and plain HTTP on non-loopback addresses.
class TestTls : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_pki.isValid());
        QString error;
        QVERIFY2(makeCertificate(path("cert.pem"), path("key.pem"), &error), qPrintable(error));
        QVERIFY2(makeCertificate(path("other-cert.pem"), path("other-key.pem"), &error), qPrintable(error));
        QVERIFY2(makeExpiredCertificate(m_pki.path(), &error), qPrintable(error));
        QVERIFY(writeFile(path("garbage.pem"),
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"));
        QVERIFY(writeFile(path("text.pem"), "just some text\n"));
        QVERIFY(QDir(m_pki.path()).mkdir(QStringLiteral("directory.pem")));
        m_certificate = readCertificate(path("cert.pem"));
        QVERIFY(!m_certificate.isNull());
    }

    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
    }

    void cleanup()
    {
        m_server.reset();
        m_dataDir.reset();
    }

    void healthzOverHttpsSendsHsts()
    {
        startTlsServer();
        QNetworkAccessManager network;
        const HttpsReply reply = httpsGet(network, url("/healthz"), m_certificate);
        QVERIFY2(reply.status == 200, qPrintable(reply.error));
        QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString(),
            QStringLiteral("ok"));
        QVERIFY(reply.header("Strict-Transport-Security").contains("max-age="));
        // A second request on the same (kept-alive, encrypted) connection is served too.
        const HttpsReply again = httpsGet(network, url("/healthz"), m_certificate);
        QCOMPARE(again.status, 200);
        QCOMPARE(guard()->tlsHandshakeFailures(), 0);
    }

    void certificateErrorsAreNotIgnoredBlindly()
    {
        startTlsServer();
        // Ignoring the self-signed error of a different certificate must not get through.
        QNetworkAccessManager network;
        const HttpsReply reply = httpsGet(network, url("/healthz"), readCertificate(path("other-cert.pem")));
        QCOMPARE(reply.status, 0);
    }

    void plainHttpToTlsPortIsNotServed()
    {
        startTlsServer();
        RawClient client(m_server->port());
        QVERIFY(client.waitConnected());
        client.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed(), kWaitMs);
        QVERIFY(!client.received().contains("HTTP/1.1 200"));
        QVERIFY(!client.received().contains("\"ok\""));
        QTRY_COMPARE_WITH_TIMEOUT(guard()->tlsHandshakeFailures(), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 0, kWaitMs);
    }

    void guardLimitsApplyOverTls()
    {
        startTlsServer();
        RawClient client(m_server->port(), m_certificate);
        QTRY_VERIFY_WITH_TIMEOUT(client.encrypted() || client.closed(), kWaitMs);
        QVERIFY(client.encrypted());
        client.send("POST /messaging/conversations/c1/messages HTTP/1.1\r\nHost: localhost\r\n"
                    "Content-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed(), kWaitMs);
        QCOMPARE(client.status(), 413);
        const QByteArray body = client.received().mid(client.received().indexOf("\r\n\r\n") + 4);
        QCOMPARE(QJsonDocument::fromJson(body).object().value(QStringLiteral("statusCode")).toInt(), 413);
        QCOMPARE(guard()->rejections(RejectReason::BodyTooLarge), 1);
    }

    void headerTimeoutRepliesOverTls()
    {
        ConnectionLimits limits = testLimits();
        limits.headerTimeoutMs = 200;
        startTlsServer(limits);
        RawClient client(m_server->port(), m_certificate);
        QTRY_VERIFY_WITH_TIMEOUT(client.encrypted() || client.closed(), kWaitMs);
        QVERIFY(client.encrypted());
        client.send("GET /healthz HTTP/1.1\r\nHost: loc");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed(), kWaitMs);
        QCOMPARE(client.status(), 408);
        QCOMPARE(guard()->rejections(RejectReason::HeaderTimeout), 1);
    }

    // An encrypted keep-alive connection is parked between requests like a plain one (its
    // QSslSocket's plain socket leaves Qt's poll set) and decrypts its next request as before.
    void aParkedTlsConnectionIsServedAgain()
    {
        ConnectionLimits limits = testLimits();
        limits.parkAfterIdleMs = 100;
        startTlsServer(limits);
        RawClient client(m_server->port(), m_certificate);
        QTRY_VERIFY_WITH_TIMEOUT(client.encrypted() || client.closed(), kWaitMs);
        QVERIFY(client.encrypted());
        const QByteArray healthz("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        client.send(healthz);
        QTRY_COMPARE_WITH_TIMEOUT(client.received().count("HTTP/1.1 200"), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(guard()->parkedConnections(), 1, kWaitMs);
        client.send(healthz);
        QTRY_COMPARE_WITH_TIMEOUT(client.received().count("HTTP/1.1 200"), 2, kWaitMs);
        QVERIFY(!client.closed());
        QTRY_COMPARE_WITH_TIMEOUT(guard()->parkedConnections(), 1, kWaitMs);
    }

    void silentClientIsDroppedAfterHandshakeTimeout()
    {
        ConnectionLimits limits = testLimits();
        limits.tlsHandshakeTimeoutMs = 300;
        startTlsServer(limits);
        RawClient silent(m_server->port());
        QVERIFY(silent.waitConnected());
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 1, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(silent.closed(), kWaitMs);
        QVERIFY(silent.received().isEmpty());
        QCOMPARE(guard()->tlsHandshakeFailures(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 0, kWaitMs);
    }

    void connectionsInHandshakeCountPerAddress()
    {
        ConnectionLimits limits = testLimits();
        limits.maxConnectionsPerIp = 2;
        startTlsServer(limits);
        std::vector<std::unique_ptr<RawClient>> handshaking;
        for (int i = 0; i < 2; ++i) {
            handshaking.push_back(std::make_unique<RawClient>(m_server->port()));
            QVERIFY(handshaking.back()->waitConnected());
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            guard()->openConnections(QHostAddress(QHostAddress::LocalHost)), 2, kWaitMs);

        RawClient refused(m_server->port(), m_certificate);
        QTRY_VERIFY_WITH_TIMEOUT(refused.closed(), kWaitMs);
        QVERIFY(!refused.encrypted());
        QCOMPARE(guard()->rejections(RejectReason::TooManyConnections), 1);

        handshaking.front().reset();
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 1, kWaitMs);
        RawClient admitted(m_server->port(), m_certificate);
        QTRY_VERIFY_WITH_TIMEOUT(admitted.encrypted() || admitted.closed(), kWaitMs);
        QVERIFY(admitted.encrypted());
        admitted.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(admitted.status(), 200, kWaitMs);
    }

    // With a guard and QHttpServer of their own (the server's realtime gateway is not
    // needed): the upgrade over TLS is handed to the server's WebSocket layer, which keeps the
    // QSslSocket (DeviceTransport), and frames flow both ways.
    void webSocketUpgradeOverWss()
    {
        auto configuration = vw::server::http::loadTlsConfiguration(path("cert.pem"), path("key.pem"));
        QVERIFY2(configuration.ok(), qPrintable(configuration.ok() ? QString() : configuration.error()));
        QHttpServer http;
        auto guard = std::make_unique<ConnectionGuard>(testLimits());
        guard->setTlsConfiguration(configuration.value());
        std::unique_ptr<WebSocketConnection> serverSide;
        guard->setUpgradeHandler([&serverSide](vw::server::http::UpgradedConnection &&upgraded) {
            serverSide = WebSocketConnection::adopt(std::move(upgraded), 1 << 20);
        });
        QVERIFY(guard->listen(QHostAddress::LocalHost, 0));
        const quint16 port = guard->serverPort();
        http.bind(guard.release());

        QWebSocket client;
        client.ignoreSslErrors({QSslError(QSslError::SelfSignedCertificate, m_certificate)});
        QStringList received;
        connect(&client, &QWebSocket::textMessageReceived, this,
            [&received](const QString &message) { received.append(message); });
        client.open(
            QUrl(QStringLiteral("wss://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(port)));
        QTRY_VERIFY_WITH_TIMEOUT(serverSide != nullptr, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, kWaitMs);
        QCOMPARE(serverSide->requestTarget(), QByteArray("/socket.io/?EIO=4&transport=websocket"));

        QStringList fromClient;
        connect(serverSide.get(), &WebSocketConnection::textMessageReceived, this,
            [&fromClient](const QString &message) { fromClient.append(message); });
        serverSide->sendText(QStringLiteral("0{\"sid\":\"s1\"}"));
        client.sendTextMessage(QStringLiteral("40"));
        QTRY_COMPARE_WITH_TIMEOUT(received, QStringList {QStringLiteral("0{\"sid\":\"s1\"}")}, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(fromClient, QStringList {QStringLiteral("40")}, kWaitMs);

        // The closing handshake over TLS: the client's close is answered and the link ends.
        QSignalSpy ended(serverSide.get(), &WebSocketConnection::disconnected);
        client.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("done"));
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kWaitMs);
        QCOMPARE(serverSide->closeCode(), vw::server::websocket::CloseCode::Normal);
    }

    void expiredCertificateOnlyWarns()
    {
        ServerOptions options = baseOptions();
        options.tlsCertFile = path("expired-cert.pem");
        options.tlsKeyFile = path("expired-key.pem");
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("TLS certificate .* expired on 2020-01-02")));
        m_server = std::make_unique<Server>(options);
        const auto started = m_server->start();
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QVERIFY(guard()->tlsEnabled());
    }

    void badTlsFilesStopStart_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing certificate")
            << QStringLiteral("absent.pem") << QStringLiteral("key.pem") << QStringLiteral("does not exist");
        QTest::newRow("missing key") << QStringLiteral("cert.pem") << QStringLiteral("absent.pem")
                                     << QStringLiteral("does not exist");
        QTest::newRow("certificate is a directory")
            << QStringLiteral("directory.pem") << QStringLiteral("key.pem")
            << QStringLiteral("not a regular file");
        QTest::newRow("garbage certificate PEM") << QStringLiteral("garbage.pem") << QStringLiteral("key.pem")
                                                 << QStringLiteral("holds no PEM certificate");
        QTest::newRow("text as certificate") << QStringLiteral("text.pem") << QStringLiteral("key.pem")
                                             << QStringLiteral("holds no PEM certificate");
        QTest::newRow("garbage key PEM") << QStringLiteral("cert.pem") << QStringLiteral("garbage.pem")
                                         << QStringLiteral("holds no unencrypted PEM private key");
        QTest::newRow("certificate as key") << QStringLiteral("cert.pem") << QStringLiteral("cert.pem")
                                            << QStringLiteral("holds no unencrypted PEM private key");
        QTest::newRow("key of another certificate")
            << QStringLiteral("cert.pem") << QStringLiteral("other-key.pem")
            << QStringLiteral("does not belong to the certificate");
        QTest::newRow("certificate without key") << QStringLiteral("cert.pem") << QString()
                                                 << QStringLiteral("--tls-cert was given without --tls-key");
        QTest::newRow("key without certificate") << QString() << QStringLiteral("key.pem")
                                                 << QStringLiteral("--tls-key was given without --tls-cert");
    }

    void badTlsFilesStopStart()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        ServerOptions options = baseOptions();
        options.tlsCertFile = cert.isEmpty() ? QString() : m_pki.filePath(cert);
        options.tlsKeyFile = key.isEmpty() ? QString() : m_pki.filePath(key);
        m_server = std::make_unique<Server>(options);
        const auto started = m_server->start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().contains(expected), qPrintable(started.error()));
        QCOMPARE(m_server->port(), quint16(0));
        QVERIFY(m_server->connectionGuard() == nullptr);
        // Refused before the store was created.
        QVERIFY(QDir(m_dataDir->path()).isEmpty());
    }

    void transportSecurityOnNonLoopback_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("allowInsecure");
        QTest::addColumn<bool>("starts");
        QTest::newRow("any address, plain") << QStringLiteral("0.0.0.0") << false << false << false;
        QTest::newRow("any address, plain, --allow-insecure-http")
            << QStringLiteral("0.0.0.0") << false << true << true;
        QTest::newRow("any address, TLS") << QStringLiteral("0.0.0.0") << true << false << true;
        QTest::newRow("loopback, plain") << QStringLiteral("127.0.0.1") << false << false << true;
        QTest::newRow("loopback, TLS") << QStringLiteral("127.0.0.1") << true << false << true;
    }

    void transportSecurityOnNonLoopback()
    {
        QFETCH(QString, address);
        QFETCH(bool, tls);
        QFETCH(bool, allowInsecure);
        QFETCH(bool, starts);
        ServerOptions options = baseOptions();
        options.listenAddress = QHostAddress(address);
        options.allowInsecureHttp = allowInsecure;
        if (tls) {
            options.tlsCertFile = path("cert.pem");
            options.tlsKeyFile = path("key.pem");
        }
        m_server = std::make_unique<Server>(options);
        const auto started = m_server->start();
        QCOMPARE(started.ok(), starts);
        if (!starts) {
            QVERIFY2(
                started.error().contains(QStringLiteral("refusing to serve health information over plain "
                                                        "HTTP on 0.0.0.0")),
                qPrintable(started.error()));
            QVERIFY(started.error().contains(QStringLiteral("--allow-insecure-http")));
            return;
        }
        QVERIFY(m_server->port() != 0);
        QCOMPARE(guard()->tlsEnabled(), tls);
        if (!tls)
            return;
        // Reachable over loopback, and only over TLS.
        QNetworkAccessManager network;
        QCOMPARE(httpsGet(network, url("/healthz"), m_certificate).status, 200);
    }

private:
    static ConnectionLimits testLimits()
    {
        ConnectionLimits limits;
        limits.headerTimeoutMs = 60 * 1000;
        limits.idleTimeoutMs = 60 * 1000;
        limits.tlsHandshakeTimeoutMs = 60 * 1000;
        limits.lingerMs = 500;
        return limits;
    }

    ServerOptions baseOptions() const
    {
        ServerOptions options;
        options.dataDir = m_dataDir->path();
        options.port = 0;
        options.connectionLimits = testLimits();
        return options;
    }

    void startTlsServer(const ConnectionLimits &limits = testLimits())
    {
        ServerOptions options = baseOptions();
        options.connectionLimits = limits;
        options.tlsCertFile = path("cert.pem");
        options.tlsKeyFile = path("key.pem");
        m_server = std::make_unique<Server>(options);
        const auto started = m_server->start();
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QVERIFY(guard() != nullptr);
        QVERIFY(guard()->tlsEnabled());
    }

    QString path(const char *name) const { return m_pki.filePath(QString::fromUtf8(name)); }
    QUrl url(const char *path) const
    {
        return QUrl(
            QStringLiteral("https://127.0.0.1:%1%2").arg(m_server->port()).arg(QString::fromUtf8(path)));
    }
    ConnectionGuard *guard() const { return m_server->connectionGuard(); }

    QTemporaryDir m_pki;
    QSslCertificate m_certificate;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<Server> m_server;
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
