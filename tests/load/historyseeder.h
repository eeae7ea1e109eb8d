#pragma once

#include "tests/load/errortally.h"

#include <QString>
#include <QUrl>
#include <QUuid>

namespace vw::load {

// How seeding went.
struct SeedReport
{
    int acked = 0;
    double seconds = 0;
    ErrorTally errors;
};

// Fills one conversation with messages as fast as a window of unacked sends allows, over one
// realtime socket (the same path as real sends, so the search index is built as in use).
// `rareCount` of them, spread evenly, carry `rareWord`.
class HistorySeeder
{
public:
    HistorySeeder(QUrl serverUrl, QString token, QUuid conversationId, int window, int sizeBytes);

    SeedReport seed(int count, const QString &rareWord, int rareCount);

private:
    QUrl m_serverUrl;
    QString m_token;
    QUuid m_conversationId;
    int m_window;
    int m_sizeBytes;
};

} // namespace vw::load
