#include "common/crypto/hmac.h"
#include "common/crypto/keywrap.h"
#include "common/crypto/random.h"

#include <QTest>

using vw::crypto::CryptoError;
using vw::crypto::KeyWrap;
using vw::crypto::SecretBytes;
using vw::crypto::WrappedKey;

namespace {

SecretBytes randomKey()
{
    auto key = vw::crypto::randomSecret(32);
    return key ? std::move(key).value() : SecretBytes();
}

KeyWrap makeWrap(const SecretBytes &master)
{
    auto wrap = KeyWrap::create(master.clone());
    if (!wrap) {
        qFatal("KeyWrap::create failed");
    }
    return std::move(wrap).value();
}

} // namespace

// Wrapping data keys under the master key: round trip, rotation, and the two distinct
// failures (wrong master key vs. tampered ciphertext).
class TestKeyWrap : public QObject
{
    Q_OBJECT
private slots:
    void keyIdIsTheDocumentedHmacPrefix()
    {
        const SecretBytes master = SecretBytes::fromBytes(QByteArray(32, '\x11'));
        const auto id = vw::crypto::masterKeyId(master);
        QVERIFY(id.ok());
        QCOMPARE(id.value().size(), 16);
        const auto tag = vw::crypto::hmacSha256(master.view(), "vytalwatch/key-id/v1");
        QVERIFY(tag.ok());
        QCOMPARE(id.value(), QString::fromLatin1(tag.value().first(8).toHex()));
        QCOMPARE(makeWrap(master).keyId(), id.value());
        QVERIFY(vw::crypto::masterKeyId(randomKey()).value() != id.value());
    }

    void roundTrip()
    {
        const SecretBytes master = randomKey();
        const KeyWrap wrap = makeWrap(master);
        const SecretBytes dataKey = randomKey();
        const auto wrapped = wrap.wrap(dataKey);
        QVERIFY(wrapped.ok());
        QCOMPARE(wrapped.value().keyId, wrap.keyId());
        QCOMPARE(wrapped.value().sealed.size(), WrappedKey::kSealedSize);

        // Through the stored text form and back.
        const QString text = wrapped.value().toString();
        QVERIFY(text.startsWith(QLatin1StringView("v1:") + wrap.keyId() + u':'));
        const auto parsed = WrappedKey::parse(text);
        QVERIFY(parsed.ok());
        const auto unwrapped = wrap.unwrap(parsed.value());
        QVERIFY(unwrapped.ok());
        QVERIFY(unwrapped.value().equals(dataKey));
    }

    void wrappingTwiceDiffers()
    {
        const KeyWrap wrap = makeWrap(randomKey());
        const SecretBytes dataKey = randomKey();
        const auto a = wrap.wrap(dataKey);
        const auto b = wrap.wrap(dataKey);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.value().sealed != b.value().sealed);
    }

    void rotation()
    {
        const KeyWrap oldWrap = makeWrap(randomKey());
        const KeyWrap newWrap = makeWrap(randomKey());
        const SecretBytes dataKey = randomKey();
        const auto stored = oldWrap.wrap(dataKey);
        QVERIFY(stored.ok());

        const auto unwrapped = oldWrap.unwrap(stored.value());
        QVERIFY(unwrapped.ok());
        const auto rewrapped = newWrap.wrap(unwrapped.value());
        QVERIFY(rewrapped.ok());
        QCOMPARE(rewrapped.value().keyId, newWrap.keyId());
        QVERIFY(newWrap.unwrap(rewrapped.value()).value().equals(dataKey));
        QCOMPARE(oldWrap.unwrap(rewrapped.value()).error(), CryptoError::KeyIdMismatch);
    }

    void wrongMasterIsKeyIdMismatch()
    {
        const KeyWrap wrap = makeWrap(randomKey());
        const KeyWrap other = makeWrap(randomKey());
        const auto wrapped = wrap.wrap(randomKey());
        QVERIFY(wrapped.ok());
        const auto unwrapped = other.unwrap(wrapped.value());
        QVERIFY(!unwrapped.ok());
        QCOMPARE(unwrapped.error(), CryptoError::KeyIdMismatch);
    }

    // A record relabelled with the right key id still fails: the id is authenticated.
    void forgedKeyIdIsAuthenticationFailure()
    {
        const KeyWrap wrap = makeWrap(randomKey());
        const KeyWrap other = makeWrap(randomKey());
        auto wrapped = other.wrap(randomKey());
        QVERIFY(wrapped.ok());
        WrappedKey forged = wrapped.value();
        forged.keyId = wrap.keyId();
        const auto unwrapped = wrap.unwrap(forged);
        QVERIFY(!unwrapped.ok());
        QCOMPARE(unwrapped.error(), CryptoError::AuthenticationFailed);
    }

    void tamperedSealedIsAuthenticationFailure()
    {
        const KeyWrap wrap = makeWrap(randomKey());
        const auto wrapped = wrap.wrap(randomKey());
        QVERIFY(wrapped.ok());
        for (qsizetype byte = 0; byte < wrapped.value().sealed.size(); ++byte) {
            WrappedKey tampered = wrapped.value();
            tampered.sealed[byte] = static_cast<char>(tampered.sealed[byte] ^ 0x80);
            const auto unwrapped = wrap.unwrap(tampered);
            QVERIFY(!unwrapped.ok());
            QCOMPARE(unwrapped.error(), CryptoError::AuthenticationFailed);
        }
        WrappedKey truncated = wrapped.value();
        truncated.sealed.chop(20);
        QVERIFY(!wrap.unwrap(truncated).ok());
    }

    void badKeyLengthsRefused()
    {
        const auto shortMaster = KeyWrap::create(SecretBytes::fromBytes(QByteArray(16, '\x01')));
        QVERIFY(!shortMaster.ok());
        QCOMPARE(shortMaster.error(), CryptoError::InvalidKeyLength);
        QCOMPARE(vw::crypto::masterKeyId(SecretBytes()).error(), CryptoError::InvalidKeyLength);

        const KeyWrap wrap = makeWrap(randomKey());
        const auto shortData = wrap.wrap(SecretBytes::fromBytes(QByteArray(31, '\x01')));
        QVERIFY(!shortData.ok());
        QCOMPARE(shortData.error(), CryptoError::InvalidKeyLength);
    }
};

QTEST_GUILESS_MAIN(TestKeyWrap)
#include "tst_keywrap.moc"
