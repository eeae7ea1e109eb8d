#include "server/http/router.h"

#include <QTest>

using vw::server::http::Access;
using vw::server::http::HttpResponse;
using vw::server::http::RequestContext;
using vw::server::http::Router;

namespace {
HttpResponse answer(int status)
{
    return HttpResponse::json(status, QJsonObject());
}
} // namespace

// Route matching: methods, parameters, literal segments before parameters.
class TestRouter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_router.add("GET", QStringLiteral("/messaging/conversations/:id"), Access::Authenticated,
            [](const RequestContext &) { return answer(201); });
        m_router.add("GET", QStringLiteral("/messaging/conversations/unread-count"), Access::Authenticated,
            [](const RequestContext &) { return answer(202); });
        m_router.add("POST", QStringLiteral("/messaging/conversations/:id/messages"), Access::Authenticated,
            [](const RequestContext &) { return answer(203); });
        m_router.add("GET", QStringLiteral("/healthz"), Access::Public,
            [](const RequestContext &) { return answer(204); });
    }

    void matches_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("handlerStatus"); // 0: no match
        QTest::addColumn<QString>("id");
        QTest::newRow("parameter") << QByteArray("GET") << QStringLiteral("/messaging/conversations/abc")
                                   << 201 << QStringLiteral("abc");
        QTest::newRow("literal wins though registered later")
            << QByteArray("GET") << QStringLiteral("/messaging/conversations/unread-count") << 202
            << QString();
        QTest::newRow("nested") << QByteArray("POST")
                                << QStringLiteral("/messaging/conversations/x1/messages") << 203
                                << QStringLiteral("x1");
        QTest::newRow("trailing slash")
            << QByteArray("GET") << QStringLiteral("/healthz/") << 204 << QString();
        QTest::newRow("wrong method") << QByteArray("DELETE") << QStringLiteral("/healthz") << 0 << QString();
        QTest::newRow("too long") << QByteArray("GET") << QStringLiteral("/healthz/extra") << 0 << QString();
        QTest::newRow("too short") << QByteArray("GET") << QStringLiteral("/messaging") << 0 << QString();
        QTest::newRow("root") << QByteArray("GET") << QStringLiteral("/") << 0 << QString();
    }

    void matches()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, handlerStatus);
        QFETCH(QString, id);
        const auto match = m_router.match(method, path);
        QCOMPARE(match.has_value(), handlerStatus != 0);
        if (!match)
            return;
        QCOMPARE(match->route->handler(RequestContext()).status, handlerStatus);
        QCOMPARE(match->params.value(QStringLiteral("id")), id);
    }

private:
    Router m_router;
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
