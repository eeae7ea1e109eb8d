#include "common/crypto/hkdf.h"
#include "common/crypto/hmac.h"
#include "common/model/wire.h"
#include "server/auth/tokenservice.h"
#include "tests/support/manualclock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace vw::server::auth;
using vw::crypto::SecretBytes;
using vw::model::UserRole;

namespace {

const QByteArray kPinnedHeader = QByteArrayLiteral("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9");

SecretBytes keyOf(char fill)
{
    return SecretBytes::fromBytes(QByteArray(32, fill));
}

QByteArray b64(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray unb64(const QByteArray &data)
{
    return QByteArray::fromBase64(data, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// header.payload.signature, as a QByteArray (QStringBuilder expressions do not go into test rows).
QByteArray joined(const QByteArray &header, const QByteArray &payload, const QByteArray &signature)
{
    QByteArray token = header;
    token += '.';
    token += payload;
    token += '.';
    token += signature;
    return token;
}

QList<QByteArray> segmentsOf(const QByteArray &token)
{
    return token.split('.');
}

} // namespace

Q_DECLARE_METATYPE(TokenError)

// HS256 access tokens: the pinned header, the claims, expiry and skew on a manual clock,
// and every way a forged or damaged token must be refused (each with its own reason).
class TestTokenService : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_clock = std::make_unique<vw::test::ManualClock>();
        m_service = std::make_unique<TokenService>(m_masterKey, *m_clock);
    }

    void issuesPinnedHeaderAndClaims()
    {
        const QUuid user = QUuid::createUuid();
        const QUuid session = QUuid::createUuid();
        const auto token = m_service->issue(user, UserRole::Provider, session);
        QVERIFY(token.ok());
        const QList<QByteArray> parts = segmentsOf(token.value());
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts[0], kPinnedHeader);
        const QJsonObject payload = QJsonDocument::fromJson(unb64(parts[1])).object();
        QCOMPARE(payload.value(QStringLiteral("sub")).toString(), vw::model::uuidToWire(user));
        QCOMPARE(payload.value(QStringLiteral("sid")).toString(), vw::model::uuidToWire(session));
        QCOMPARE(payload.value(QStringLiteral("role")).toString(), QStringLiteral("provider"));
        const qint64 now = m_clock->nowUtc().toSecsSinceEpoch();
        QCOMPARE(payload.value(QStringLiteral("iat")).toInteger(), now);
        QCOMPARE(payload.value(QStringLiteral("exp")).toInteger(), now + 15 * 60);
        QVERIFY(!payload.value(QStringLiteral("jti")).toString().isEmpty());

        const auto claims = m_service->verify(token.value());
        QVERIFY(claims.ok());
        QCOMPARE(claims->userId, user);
        QCOMPARE(claims->sessionId, session);
        QCOMPARE(claims->role, UserRole::Provider);
        QCOMPARE(claims->expiresAt, now + TokenService::kLifetimeSeconds);

        // Each token gets its own id.
        const auto second = m_service->issue(user, UserRole::Provider, session);
        QVERIFY(second.ok());
        QVERIFY(m_service->verify(second.value())->tokenId != claims->tokenId);
    }

    // The signing key is HKDF-SHA256(master key, no salt, "vytalwatch/jwt/v1"), never the master key.
    void signsWithDerivedKey()
    {
        const auto token = m_service->issue(QUuid::createUuid(), UserRole::Patient, QUuid::createUuid());
        QVERIFY(token.ok());
        const QList<QByteArray> parts = segmentsOf(token.value());
        const auto derived = vw::crypto::hkdfSha256(m_masterKey.view(), {}, "vytalwatch/jwt/v1", 32);
        QVERIFY(derived.ok());
        const auto expected
            = vw::crypto::hmacSha256(derived.value().view(), QByteArray(parts[0] + '.' + parts[1]));
        QVERIFY(expected.ok());
        QCOMPARE(unb64(parts[2]), expected.value());
        const auto withMaster
            = vw::crypto::hmacSha256(m_masterKey.view(), QByteArray(parts[0] + '.' + parts[1]));
        QVERIFY(unb64(parts[2]) != withMaster.value());
    }

    void rejectsTampering_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<TokenError>("reason");

        // A fresh service: _data runs before init().
        vw::test::ManualClock clock;
        const TokenService service(m_masterKey, clock);
        const QByteArray good
            = service.issue(QUuid::createUuid(), UserRole::Patient, QUuid::createUuid()).value();
        const QList<QByteArray> parts = segmentsOf(good);
        QJsonObject claims = QJsonDocument::fromJson(unb64(parts[1])).object();
        const auto sign = [&](const QByteArray &header, const QJsonObject &payload) {
            return service.signRaw(header, QJsonDocument(payload).toJson(QJsonDocument::Compact)).value();
        };
        const QByteArray ourHeader = R"({"alg":"HS256","typ":"JWT"})";

        QJsonObject asAdmin = claims;
        asAdmin.insert(QStringLiteral("role"), QStringLiteral("admin"));
        const QByteArray adminPayload = b64(QJsonDocument(asAdmin).toJson(QJsonDocument::Compact));
        const QByteArray noneHeader = b64(R"({"alg":"none","typ":"JWT"})");
        const QByteArray otherSignature = segmentsOf(
            service.issue(QUuid::createUuid(), UserRole::Patient, QUuid::createUuid()).value())[2];

        QTest::newRow("role flipped to admin, old signature")
            << joined(parts[0], adminPayload, parts[2]) << TokenError::BadSignature;
        QTest::newRow("alg none, no signature")
            << joined(noneHeader, parts[1], {}) << TokenError::UnsupportedAlgorithm;
        QTest::newRow("alg none, old signature")
            << joined(noneHeader, parts[1], parts[2]) << TokenError::UnsupportedAlgorithm;
        QTest::newRow("alg HS512 signed with our key")
            << sign(R"({"alg":"HS512","typ":"JWT"})", claims) << TokenError::UnsupportedAlgorithm;
        QTest::newRow("alg RS256") << sign(R"({"alg":"RS256","typ":"JWT"})", claims)
                                   << TokenError::UnsupportedAlgorithm;
        QTest::newRow("alg missing") << sign(R"({"typ":"JWT"})", claims) << TokenError::UnsupportedAlgorithm;
        QTest::newRow("alg lower-case")
            << sign(R"({"alg":"hs256","typ":"JWT"})", claims) << TokenError::UnsupportedAlgorithm;
        QTest::newRow("header with extra key")
            << sign(R"({"alg":"HS256","typ":"JWT","kid":"../../x"})", claims) << TokenError::MalformedHeader;
        QTest::newRow("header respaced")
            << sign(R"({"alg": "HS256", "typ": "JWT"})", claims) << TokenError::MalformedHeader;
        QTest::newRow("header not JSON") << sign("HS256", claims) << TokenError::MalformedHeader;
        QTest::newRow("header JSON with trailing junk")
            << joined(b64(ourHeader + QByteArray("xx")), parts[1], parts[2]) << TokenError::MalformedHeader;
        QTest::newRow("truncated signature")
            << joined(parts[0], parts[1], parts[2].left(40)) << TokenError::BadSignature;
        QTest::newRow("signature of another token")
            << joined(parts[0], parts[1], otherSignature) << TokenError::BadSignature;
        QTest::newRow("signature dropped")
            << good.left(good.lastIndexOf('.')) << TokenError::WrongSegmentCount;
        QTest::newRow("four segments") << good + QByteArray(".e30") << TokenError::WrongSegmentCount;
        QTest::newRow("empty") << QByteArray() << TokenError::WrongSegmentCount;
        QTest::newRow("just dots") << QByteArray("..") << TokenError::MalformedEncoding;
        QTest::newRow("bad base64 character")
            << joined(parts[0], parts[1] + QByteArray("*"), parts[2]) << TokenError::MalformedEncoding;
        QTest::newRow("standard base64 alphabet")
            << joined(parts[0], parts[1], parts[2] + QByteArray("+/")) << TokenError::MalformedEncoding;
        QTest::newRow("padded") << joined(parts[0], parts[1], parts[2] + QByteArray("="))
                                << TokenError::MalformedEncoding;
        QTest::newRow("impossible length")
            << joined(parts[0] + QByteArray("A"), parts[1], parts[2]) << TokenError::MalformedEncoding;
        QTest::newRow("oversized") << good + QByteArray(TokenService::kMaxTokenBytes, 'A')
                                   << TokenError::Oversized;

        QJsonObject noSub = claims;
        noSub.remove(QStringLiteral("sub"));
        QTest::newRow("claims without sub") << sign(ourHeader, noSub) << TokenError::MalformedClaims;
        QJsonObject badSid = claims;
        badSid.insert(QStringLiteral("sid"), QStringLiteral("not-a-uuid"));
        QTest::newRow("claims with a bad sid") << sign(ourHeader, badSid) << TokenError::MalformedClaims;
        QJsonObject badRole = claims;
        badRole.insert(QStringLiteral("role"), QStringLiteral("root"));
        QTest::newRow("claims with an unknown role")
            << sign(ourHeader, badRole) << TokenError::MalformedClaims;
        QJsonObject textExp = claims;
        textExp.insert(QStringLiteral("exp"), QStringLiteral("9999999999"));
        QTest::newRow("exp as text") << sign(ourHeader, textExp) << TokenError::MalformedClaims;
        QJsonObject fractionalExp = claims;
        fractionalExp.insert(QStringLiteral("exp"), 1.5e12 + 0.5);
        QTest::newRow("fractional exp") << sign(ourHeader, fractionalExp) << TokenError::MalformedClaims;
        QTest::newRow("payload not JSON")
            << service.signRaw(ourHeader, "{{{").value() << TokenError::MalformedClaims;
        QTest::newRow("payload an array")
            << service.signRaw(ourHeader, "[]").value() << TokenError::MalformedClaims;
    }

    void rejectsTampering()
    {
        QFETCH(QByteArray, token);
        QFETCH(TokenError, reason);
        const auto verified = m_service->verify(token);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error(), reason);
        QVERIFY(!errorString(reason).isEmpty());
    }

    void rejectsOtherKey()
    {
        const SecretBytes otherKey = keyOf('k');
        const TokenService other(otherKey, *m_clock);
        const auto token = other.issue(QUuid::createUuid(), UserRole::Admin, QUuid::createUuid());
        QVERIFY(token.ok());
        QCOMPARE(m_service->verify(token.value()).error(), TokenError::BadSignature);
    }

    void expiresAfterFifteenMinutes()
    {
        const auto token = m_service->issue(QUuid::createUuid(), UserRole::Patient, QUuid::createUuid());
        QVERIFY(token.ok());
        m_clock->advanceMs((15 * 60 - 1) * 1000);
        QVERIFY(m_service->verify(token.value()).ok());
        m_clock->advanceMs(1000);
        QCOMPARE(m_service->verify(token.value()).error(), TokenError::Expired);
    }

    void refusesIssuedInTheFuture()
    {
        const QDateTime issued = m_clock->nowUtc();
        const auto token = m_service->issue(QUuid::createUuid(), UserRole::Patient, QUuid::createUuid());
        QVERIFY(token.ok());
        // Within the allowed skew of another node's clock: fine.
        m_clock->setNowUtc(issued.addSecs(-TokenService::kAllowedClockSkewSeconds));
        QVERIFY(m_service->verify(token.value()).ok());
        m_clock->setNowUtc(issued.addSecs(-TokenService::kAllowedClockSkewSeconds - 1));
        QCOMPARE(m_service->verify(token.value()).error(), TokenError::IssuedInFuture);
    }

private:
    const SecretBytes m_masterKey = keyOf('m');
    std::unique_ptr<vw::test::ManualClock> m_clock;
    std::unique_ptr<TokenService> m_service;
};

QTEST_GUILESS_MAIN(TestTokenService)
#include "tst_tokenservice.moc"
