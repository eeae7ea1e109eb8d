#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QList>
#include <QString>
#include <QUuid>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// search_removals in the store: the index rows a deletion must take out, written in the
// deletion's own transaction because the message's text (which the tokens come from) is gone
// once it commits. The indexer applies them in order (SearchIndexRound) and then forgets
// them, so deleted words do not outlive the next round.
class SearchRemovalRepository
{
public:
    struct Removal
    {
        qint64 seq = 0;
        qint64 messageRowid = 0;
        QString terms; // SearchTokenRepository::matchExpression of the tokens it was indexed with
    };

    explicit SearchRemovalRepository(store::Database &database) : m_database(database) { }

    // Queues the removal of message `messageId`'s index row, indexed with `terms`.
    Status<store::StoreError> queue(const QUuid &messageId, const QString &terms);
    // The highest number ever given to a removal (0: none), also after they were forgotten.
    Result<qint64, store::StoreError> highestEverQueued();
    // Whether any removal was queued after `seq`.
    Result<bool, store::StoreError> anyAfter(qint64 seq);
    // The removals queued after `seq`, oldest first.
    Result<QList<Removal>, store::StoreError> after(qint64 seq);
    // Drops the removals up to `seq` (applied).
    Status<store::StoreError> forgetThrough(qint64 seq);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
