#include "tests/load/historyscenario.h"

#include "tests/load/clinicsetup.h"
#include "tests/load/errortally.h"
#include "tests/load/eventwait.h"
#include "tests/load/historyseeder.h"
#include "tests/load/historystate.h"
#include "tests/load/latencyrecorder.h"
#include "tests/load/messagecontent.h"
#include "tests/load/monoclock.h"
#include "tests/load/progress.h"

#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>

#include <cmath>

namespace vw::load {

namespace {

// A handful of hits: the search must find them among tens of thousands of messages.
constexpr int kRareCount = 5;
constexpr int kRequestTimeoutMs = 30'000;
// How long the search index may take to catch up with a seeding before the timing starts anyway.
constexpr qint64 kCatchUpLimitNs = 600LL * 1000 * 1000 * 1000;

// How one timed request ended: ok, the HTTP status otherwise, and how many items came back.
struct Answer
{
    bool ok = false;
    int status = 0;
    qsizetype items = 0;
};
using Issue = std::function<QPointer<client::ApiCall>(std::function<void(const Answer &)>)>;

// Runs `count` requests one after another (the latency of one request, not of a queue) and
// records each; `items` ends up with the last answer's item count.
LatencyRecorder timeSequentially(
    int count, const Issue &issue, const QString &label, ErrorTally &errors, qsizetype &items)
{
    LatencyRecorder latency;
    latency.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        EventWait wait;
        Answer answer;
        const qint64 start = monoNowNs();
        const QPointer<client::ApiCall> call = issue([&](const Answer &a) {
            answer = a;
            wait.done();
        });
        if (!wait.wait(kRequestTimeoutMs)) {
            if (call)
                call->abort();
            errors.add(label + QStringLiteral(":timeout"));
            continue;
        }
        latency.add(monoNowNs() - start);
        if (!answer.ok)
            errors.add(label + QStringLiteral(":%1").arg(answer.status));
        else
            items = answer.items;
    }
    return latency;
}

template <typename T>
Answer answerOf(const Result<T, client::ApiError> &result, qsizetype items)
{
    return result ? Answer {true, 200, items} : Answer {false, result.error().status, 0};
}

} // namespace

Result<QJsonObject, QString> HistoryScenario::run()
{
    const LoadgenOptions &o = m_options;
    ClinicSetup setup(o.url, o.serverBinary, o.dataDir);
    client::ApiClient &api = setup.api();

    std::optional<HistoryState> state;
    QString token;
    if (o.reuse) {
        auto loaded = HistoryState::load(o.stateFile);
        auto tokens = loaded ? setup.loginAll({UserSpec {loaded->username, {}, {}, loaded->password, {}}})
                             : Result<QStringList, QString>(loaded.error());
        if (tokens) {
            state = loaded.value();
            token = tokens->first();
            progress(QStringLiteral("reusing conversation %1 (%2 messages)")
                         .arg(state->conversationId.toString(QUuid::WithoutBraces))
                         .arg(state->messages));
        } else {
            progress(QStringLiteral("cannot reuse the state (%1); seeding a new conversation")
                         .arg(tokens.error()));
        }
    }
    if (!state) {
        progress(QStringLiteral("creating a pair (prefix %1)").arg(setup.prefix()));
        auto pairs = setup.createPairs(1);
        if (!pairs)
            return pairs.error();
        const PairAccounts &pair = pairs->first();
        token = pair.providerToken;
        state = HistoryState {o.url.toString(), pair.provider.username, pair.provider.password,
            pair.conversationId, 0,
            QStringLiteral("rare%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')),
            kRareCount};
    }

    QJsonObject seeding {{QStringLiteral("seeded"), 0}};
    if (state->messages < o.messages) {
        const int missing = o.messages - state->messages;
        progress(QStringLiteral("seeding %1 messages, window %2").arg(missing).arg(o.window));
        HistorySeeder seeder(o.url, token, state->conversationId, o.window, o.size);
        // Rare words go into the first seeding only; a top-up adds plain messages.
        const SeedReport report
            = seeder.seed(missing, state->rareWord, state->messages == 0 ? kRareCount : 0);
        if (report.acked == 0)
            return QStringLiteral("seeding failed: %1")
                .arg(QString::fromUtf8(QJsonDocument(report.errors.toJson()).toJson(QJsonDocument::Compact)));
        state->messages += report.acked;
        seeding = {{QStringLiteral("seeded"), report.acked},
            {QStringLiteral("seconds"), std::round(report.seconds * 1000) / 1000},
            {QStringLiteral("msgsPerSec"), std::round(10 * report.acked / report.seconds) / 10},
            {QStringLiteral("errors"), report.errors.total()},
            {QStringLiteral("errorsByKind"), report.errors.toJson()}};
        if (!o.stateFile.isEmpty()) {
            if (auto saved = state->save(o.stateFile); !saved)
                progress(saved.error());
        }
    }

    api.setAccessToken(token);
    const QUuid conversation = state->conversationId;
    const auto search = [&](const QString &word) {
        return [&api, conversation, word](auto done) {
            return QPointer<client::ApiCall>(api.searchMessages(
                word, conversation, 0, [done](const auto &r) { done(answerOf(r, r ? r->size() : 0)); }));
        };
    };
    // The server indexes search behind its writer (SearchIndexer), so right after a seeding
    // its index may still be catching up. A search waits for that (a 503 after 5 s: ask
    // again); how long it took is reported, and the timed requests below meet a settled server.
    progress(QStringLiteral("waiting for the search index to catch up"));
    const qint64 catchUpStart = monoNowNs();
    ErrorTally catchUpErrors;
    for (qsizetype hits = 0;;) {
        const qint64 failedBefore = catchUpErrors.total();
        timeSequentially(1, search(state->rareWord), QStringLiteral("catchUp"), catchUpErrors, hits);
        if (catchUpErrors.total() == failedBefore || monoNowNs() - catchUpStart > kCatchUpLimitNs)
            break;
    }
    const double catchUpMs = std::round((monoNowNs() - catchUpStart) / 1e5) / 10;

    ErrorTally errors;
    errors.merge(catchUpErrors);
    qsizetype pageItems = 0;
    qsizetype rareHits = 0;
    qsizetype commonHits = 0;
    progress(
        QStringLiteral("timing %1 requests each: newest page, rare search, common search").arg(o.requests));
    const LatencyRecorder page = timeSequentially(
        o.requests,
        [&](auto done) {
            return QPointer<client::ApiCall>(api.messages(conversation, client::MessagePageQuery {50, {}, {}},
                [done](const auto &r) { done(answerOf(r, r ? r->messages.size() : 0)); }));
        },
        QStringLiteral("page"), errors, pageItems);
    const LatencyRecorder rare = timeSequentially(
        o.requests, search(state->rareWord), QStringLiteral("searchRare"), errors, rareHits);
    const LatencyRecorder common = timeSequentially(
        o.requests, search(MessageContent::commonWord()), QStringLiteral("searchCommon"), errors, commonHits);

    return QJsonObject {{QStringLiteral("conversationMessages"), state->messages},
        {QStringLiteral("seeding"), seeding}, {QStringLiteral("searchIndexCatchUpMs"), catchUpMs},
        {QStringLiteral("pageMs"), page.toJsonMs()}, {QStringLiteral("pageItems"), pageItems},
        {QStringLiteral("searchRareMs"), rare.toJsonMs()}, {QStringLiteral("rareWord"), state->rareWord},
        {QStringLiteral("rareHits"), rareHits}, {QStringLiteral("searchCommonMs"), common.toJsonMs()},
        {QStringLiteral("commonWord"), MessageContent::commonWord()},
        {QStringLiteral("commonHits"), commonHits}, {QStringLiteral("errors"), errors.total()},
        {QStringLiteral("errorsByKind"), errors.toJson()}};
}

} // namespace vw::load
