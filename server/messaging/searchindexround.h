#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "server/messaging/searchtokenrepository.h"
#include "server/store/storeerror.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

class ConversationKeyring;
class ConversationKeys;

// One step of bringing the search index up to date with the store, in one transaction of the
// index file (SearchIndexFile, attached to `database`): the messages stored since the last
// step (by rowid, which SQLite hands out in commit order, so "after the last one indexed" is
// exactly what is new), their text opened and turned into blind-index tokens here; then the
// removals deletions queued meanwhile (SearchRemovalRepository). Everything is read in one
// snapshot of the store, where a message is deleted exactly when its removal is queued: a
// deleted message not yet indexed is skipped, and so is its removal.
//
// The recorded progress names the message indexed last; when the store no longer has that
// message at that rowid (a store restored from a copy whose rows were renumbered, or an older
// one), or has numbered fewer deletions than the index applied (an older copy), the index is
// emptied and rebuilt from the start.
class SearchIndexRound
{
public:
    struct Outcome
    {
        int indexed = 0; // rows added
        int removed = 0; // rows taken out
        int removalsConsumed = 0; // queued removals done with (taken out, or nothing to take out)
        bool caughtUp = true; // false: more messages wait than one round takes
        qint64 removalsThrough = 0; // the last removal applied (0: none ever)
        // Committed with synchronous=FULL (it had removals to apply): every removal up to
        // removalsThrough is on disk, the store's copies may go.
        bool synced = false;
    };

    SearchIndexRound(store::Database &database, ConversationKeyring &keyring)
        : m_database(database), m_keyring(keyring)
    { }

    // The text of a message's index row (SearchTokenRepository::matchExpression of the
    // blind-index tokens of its opened text); empty when the text has no words.
    static Result<QString, crypto::CryptoError> termsOf(const ConversationKeys &keys,
        const QUuid &conversationId, const QUuid &messageId, const QByteArray &contentEnc);

    Result<Outcome, store::StoreError> run(int maxMessages);
    // run() until caught up, then forgetAppliedRemovals() (the synchronous paths: maintenance
    // commands, service tests).
    Status<store::StoreError> catchUp(int maxMessagesPerRound);
    // After a round with `synced` that applied removals: drops the store's copies of every
    // removal up to its removalsThrough (a write transaction of the store's). Nothing otherwise.
    Status<store::StoreError> forgetAppliedRemovals(const Outcome &round);

private:
    struct StoredText;

    Result<Outcome, store::StoreError> runInTransaction(int maxMessages);
    // Whether deletions queued removals the index has not applied yet.
    Result<bool, store::StoreError> removalsWaiting();
    // Whether the store still has the recorded last message at its recorded rowid, and has
    // numbered at least as many removals as were applied.
    Result<bool, store::StoreError> progressBelongsToStore(const SearchTokenRepository::Progress &progress);
    // termsOf() for a stored message; empty (and logged) when it cannot be opened.
    QString termsOrNothing(const StoredText &message);

    store::Database &m_database;
    ConversationKeyring &m_keyring;
};

} // namespace vw::server::messaging
