#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QByteArray>
#include <QList>
#include <QUuid>

#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// The message_search FTS5 table: the blind-index tokens (BlindIndex) of each message's words,
// one row per message, linked from messages.search_rowid. The table is contentless: it can
// say which rows hold a token but not which tokens a row holds.
class SearchTokenRepository
{
public:
    // An FTS5 query matching messages that hold every one of `tokens`; also the text of a
    // message's index row (the tokens in hex, side by side).
    static QString matchExpression(const QList<QByteArray> &tokens);

    explicit SearchTokenRepository(store::Database &database) : m_database(database) { }

    // Adds the message's row before the message itself is stored, so the message row is
    // written once, with its link: the row's rowid (for messages.search_rowid), none when the
    // text has no words. `terms` is matchExpression(tokens), made before the writer thread
    // runs (hex-encoding on the writer was ~3 % of its time). (The tokens are keyed per
    // conversation already, see BlindIndex.)
    Result<std::optional<qint64>, store::StoreError> insert(const QString &terms);
    // Takes the message's row out of the index and unlinks it. The index keeps no copy of its
    // text, so `tokens` must be the ones the message was indexed with (BlindIndex::tokens of
    // its text); without them (nullopt) only the link goes, which already hides the row.
    Status<store::StoreError> removeForMessage(
        const QUuid &messageId, const std::optional<QList<QByteArray>> &tokens);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
