#include "server/messaging/conversationkeyring.h"

#include "common/crypto/random.h"
#include "common/crypto/wrappedkey.h"

#include <QLoggingCategory>

namespace vw::server::messaging {

namespace {
Q_LOGGING_CATEGORY(lcKeys, "vw.messaging.keys")
}

QString errorString(KeyringError error)
{
    switch (error) {
    case KeyringError::StoreFailed:
        return QStringLiteral("the conversation key could not be read or written");
    case KeyringError::KeyMissing:
        return QStringLiteral("the conversation has no data key");
    case KeyringError::KeyUnreadable:
        return QStringLiteral("the conversation key cannot be unwrapped with this master key");
    case KeyringError::CryptoFailed:
        return QStringLiteral("a cryptographic operation failed");
    }
    return QStringLiteral("unknown key error");
}

ConversationKeyring::ConversationKeyring(
    store::Database &database, const crypto::SecretBytes &masterKey, const Clock &clock, qsizetype capacity)
    : m_repository(database), m_clock(clock), m_capacity(qMax<qsizetype>(1, capacity))
{
    auto wrap = crypto::KeyWrap::create(masterKey.clone());
    if (wrap)
        m_keyWrap.emplace(std::move(wrap).value());
    else
        qCCritical(lcKeys) << "master key unusable:" << crypto::errorString(wrap.error());
}

ConversationKeyring::~ConversationKeyring() = default;

Result<ConversationKeyring::NewKey, KeyringError> ConversationKeyring::mint()
{
    if (!m_keyWrap)
        return KeyringError::CryptoFailed;
    auto dataKey = crypto::randomSecret(crypto::KeyWrap::kKeySize);
    if (!dataKey)
        return KeyringError::CryptoFailed;
    auto wrapped = m_keyWrap->wrap(dataKey.value());
    if (!wrapped)
        return KeyringError::CryptoFailed;
    auto keys = ConversationKeys::derive(dataKey.value());
    if (!keys)
        return KeyringError::CryptoFailed;
    return NewKey {keys.value(), wrapped.value().toString()};
}

Result<ConversationKeyring::KeysPtr, KeyringError> ConversationKeyring::create(const QUuid &conversationId)
{
    auto minted = mint();
    if (!minted)
        return minted.error();
    if (auto stored
        = m_repository.insert(conversationId, minted.value().wrapped, m_clock.nowUtc().toMSecsSinceEpoch());
        !stored) {
        qCWarning(lcKeys) << "cannot store the key of conversation" << conversationId
                          << stored.error().detail;
        return KeyringError::StoreFailed;
    }
    return minted.value().keys;
}

Result<ConversationKeyring::KeysPtr, KeyringError> ConversationKeyring::keys(const QUuid &conversationId)
{
    if (KeysPtr hit = cached(conversationId))
        return hit;
    if (!m_keyWrap)
        return KeyringError::CryptoFailed;
    auto text = m_repository.find(conversationId);
    if (!text) {
        qCWarning(lcKeys) << "cannot read the key of conversation" << conversationId << text.error().detail;
        return KeyringError::StoreFailed;
    }
    if (!text.value())
        return KeyringError::KeyMissing;
    auto wrapped = crypto::WrappedKey::parse(*text.value());
    if (!wrapped) {
        qCWarning(lcKeys) << "malformed key of conversation" << conversationId;
        return KeyringError::KeyUnreadable;
    }
    auto dataKey = m_keyWrap->unwrap(wrapped.value());
    if (!dataKey) {
        qCWarning(lcKeys) << "cannot unwrap the key of conversation" << conversationId
                          << crypto::errorString(dataKey.error());
        return KeyringError::KeyUnreadable;
    }
    auto keys = ConversationKeys::derive(dataKey.value());
    if (!keys)
        return KeyringError::CryptoFailed;
    remember(conversationId, keys.value());
    return keys.value();
}

Result<ConversationKeyring::KeysPtr, KeyringError> ConversationKeyring::getOrCreate(
    const QUuid &conversationId)
{
    auto existing = keys(conversationId);
    if (existing.ok() || existing.error() != KeyringError::KeyMissing)
        return existing;
    return create(conversationId);
}

void ConversationKeyring::clearCache()
{
    QMutexLocker locker(&m_mutex);
    m_cache.clear();
    m_recency.clear();
}

qsizetype ConversationKeyring::cachedCount() const
{
    QMutexLocker locker(&m_mutex);
    return m_cache.size();
}

ConversationKeyring::KeysPtr ConversationKeyring::cached(const QUuid &conversationId)
{
    QMutexLocker locker(&m_mutex);
    auto it = m_cache.find(conversationId);
    if (it == m_cache.end())
        return nullptr;
    m_recency.splice(m_recency.begin(), m_recency, it->position);
    return it->keys;
}

void ConversationKeyring::remember(const QUuid &conversationId, const KeysPtr &keys)
{
    QMutexLocker locker(&m_mutex);
    if (m_cache.contains(conversationId))
        return;
    while (m_cache.size() >= m_capacity && !m_recency.empty()) {
        m_cache.remove(m_recency.back());
        m_recency.pop_back();
    }
    m_recency.push_front(conversationId);
    m_cache.insert(conversationId, Entry {keys, m_recency.begin()});
}

} // namespace vw::server::messaging
