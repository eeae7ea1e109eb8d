#pragma once

#include "common/core/result.h"

#include <QString>
#include <QUuid>

namespace vw::load {

// What a history run seeded, so a later run (--reuse --state FILE) can measure the same
// conversation without sending 20,000 messages again.
struct HistoryState
{
    QString serverUrl;
    QString username; // the provider who sent everything
    QString password;
    QUuid conversationId;
    int messages = 0;
    QString rareWord;
    int rareCount = 0;

    static Result<HistoryState, QString> load(const QString &path);
    // Written owner-only: it holds the (throwaway) account's password.
    Result<bool, QString> save(const QString &path) const;
};

} // namespace vw::load
