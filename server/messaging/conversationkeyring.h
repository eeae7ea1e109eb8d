#pragma once

#include "common/core/clock.h"
#include "common/core/result.h"
#include "common/crypto/keywrap.h"
#include "server/messaging/conversationkeyrepository.h"
#include "server/messaging/conversationkeys.h"

#include <QHash>
#include <QMutex>
#include <QUuid>

#include <list>
#include <memory>
#include <optional>

namespace vw::server::messaging {

enum class KeyringError {
    StoreFailed, // the store could not be read or written
    KeyMissing, // the conversation has no data key
    KeyUnreadable, // the wrapped key is malformed or was wrapped under another master key
    CryptoFailed, // random generation or derivation failed
};

QString errorString(KeyringError error);

// Hands out the keys of each conversation: creates its random 32-byte data key (wrapped
// under the master key in conversation_keys), unwraps it on demand and keeps the derived
// keys of recently used conversations in a bounded LRU cache, so a busy server does not
// unwrap on every message. Thread-safe cache; store access uses the caller's thread's Database.
class ConversationKeyring
{
    Q_DISABLE_COPY_MOVE(ConversationKeyring)

public:
    static constexpr qsizetype kDefaultCapacity = 4096;
    using KeysPtr = std::shared_ptr<const ConversationKeys>;

    ConversationKeyring(store::Database &database, const crypto::SecretBytes &masterKey, const Clock &clock,
        qsizetype capacity = kDefaultCapacity);
    ~ConversationKeyring();

    // A new random data key: its derived keys, and the key wrapped under the master key as
    // conversation_keys stores it (ConversationKeyRepository::insert, in the transaction that
    // inserts the conversation row; on any connection, such as the group-commit writer's).
    struct NewKey
    {
        KeysPtr keys;
        QString wrapped;
    };
    Result<NewKey, KeyringError> mint();
    // mint(), stored at once on this keyring's connection; call inside the transaction that
    // inserts the conversation row. Not cached until first read, so a rolled-back creation
    // leaves nothing behind.
    Result<KeysPtr, KeyringError> create(const QUuid &conversationId);
    // The keys of an existing conversation.
    Result<KeysPtr, KeyringError> keys(const QUuid &conversationId);
    // keys(), or create() when the conversation has none yet.
    Result<KeysPtr, KeyringError> getOrCreate(const QUuid &conversationId);

    // Drops every cached key (after the master key was rotated).
    void clearCache();
    qsizetype cachedCount() const;

private:
    KeysPtr cached(const QUuid &conversationId);
    void remember(const QUuid &conversationId, const KeysPtr &keys);

    struct Entry
    {
        KeysPtr keys;
        std::list<QUuid>::iterator position;
    };

    ConversationKeyRepository m_repository;
    std::optional<crypto::KeyWrap> m_keyWrap; // empty when the master key is unusable
    const Clock &m_clock;
    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    std::list<QUuid> m_recency; // most recently used first
    QHash<QUuid, Entry> m_cache;
};

} // namespace vw::server::messaging
