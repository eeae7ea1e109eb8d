#include "server/admin/admincontroller.h"

#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/http/router.h"
#include "server/metrics/metrics.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace vw::server::admin {

namespace {

Q_LOGGING_CATEGORY(lcAdmin, "vw.admin")

constexpr int kDefaultAuditLimit = 100;
constexpr int kMaxAuditLimit = 500;
constexpr int kMaxActionLength = 64;

Result<std::optional<QDateTime>, ServiceError> queryTime(
    const http::RequestContext &context, const QString &name)
{
    const auto text = context.queryValue(name);
    if (!text)
        return std::optional<QDateTime>();
    const auto time = model::parseTime(*text);
    if (!time)
        return ServiceError::badRequest(QStringLiteral("%1 must be an ISO-8601 time").arg(name));
    return std::optional<QDateTime>(*time);
}

Result<audit::AuditQuery, ServiceError> auditQuery(const http::RequestContext &context)
{
    audit::AuditQuery query;
    auto from = queryTime(context, QStringLiteral("from"));
    if (!from)
        return from.error();
    auto to = queryTime(context, QStringLiteral("to"));
    if (!to)
        return to.error();
    auto actor = context.queryUuid(QStringLiteral("actorId"));
    if (!actor)
        return actor.error();
    auto limit = context.queryInt(QStringLiteral("limit"), 1, kMaxAuditLimit);
    if (!limit)
        return limit.error();
    const QString action = context.queryValue(QStringLiteral("action")).value_or(QString());
    if (action.size() > kMaxActionLength)
        return ServiceError::badRequest(
            QStringLiteral("action must be at most %1 characters").arg(kMaxActionLength));
    query.from = from.value();
    query.to = to.value();
    if (actor.value())
        query.actorId = model::uuidToWire(*actor.value());
    query.action = action;
    query.limit = static_cast<int>(limit.value().value_or(kDefaultAuditLimit));
    return query;
}

audit::AuditRecord adminRecord(const http::RequestContext &context, const QString &action)
{
    audit::AuditRecord record;
    record.action = action;
    record.actorId = model::uuidToWire(context.caller().userId);
    record.client = context.client;
    return record;
}

} // namespace

AdminController::AdminController(audit::AuditLog &audit, metrics::Metrics &metrics)
    : m_audit(audit), m_metrics(metrics)
{ }

void AdminController::registerRoutes(http::Router &router)
{
    // Both audit routes read the trail once every row recorded before them is on disk: rows
    // are written behind the requests they describe (see AuditLog).
    router.addDeferred("GET", QStringLiteral("/admin/audit"), http::Access::Admin,
        [this](const http::RequestContext &context, http::Respond respond) {
            auto query = auditQuery(context);
            if (!query) {
                respond(http::HttpResponse::error(query.error()));
                return;
            }
            m_audit.afterPendingRecords([this, query = std::move(query).value(),
                                            record = adminRecord(context, audit::actions::kAuditQuery),
                                            respond = std::move(respond)]() mutable {
                respond(findEntries(query, std::move(record)));
            });
        });
    router.addDeferred("GET", QStringLiteral("/admin/audit/verify"), http::Access::Admin,
        [this](const http::RequestContext &context, http::Respond respond) {
            m_audit.afterPendingRecords(
                [this, record = adminRecord(context, audit::actions::kAuditVerify),
                    respond = std::move(respond)]() mutable { respond(verifyChain(std::move(record))); });
        });

    router.add("GET", QStringLiteral("/metrics"), http::Access::Admin, [this](const http::RequestContext &) {
        http::HttpResponse response;
        response.body = m_metrics.renderPrometheus();
        response.contentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
        return response;
    });
}

http::HttpResponse AdminController::findEntries(const audit::AuditQuery &query, audit::AuditRecord record)
{
    const auto entries = m_audit.find(query);
    if (!entries) {
        qCWarning(lcAdmin) << "audit query failed:" << entries.error().detail;
        return http::HttpResponse::error(ServiceError::internal());
    }
    QJsonArray array;
    for (const audit::AuditEntry &entry : entries.value())
        array.append(audit::toJson(entry));
    record.details = QJsonObject {{QStringLiteral("returned"), array.size()}};
    if (auto logged = m_audit.record(record); !logged)
        qCWarning(lcAdmin) << "cannot audit an audit query:" << logged.error().detail;
    return http::HttpResponse::json(200, QJsonObject {{QStringLiteral("entries"), array}});
}

http::HttpResponse AdminController::verifyChain(audit::AuditRecord record)
{
    const auto verification = m_audit.verify();
    if (!verification) {
        qCWarning(lcAdmin) << "audit verification failed:" << verification.error().detail;
        return http::HttpResponse::error(ServiceError::internal());
    }
    record.outcome = verification.value().ok ? audit::AuditOutcome::Success : audit::AuditOutcome::Failure;
    if (auto logged = m_audit.record(record); !logged)
        qCWarning(lcAdmin) << "cannot audit a verification:" << logged.error().detail;
    const auto &result = verification.value();
    return http::HttpResponse::json(200,
        QJsonObject {{QStringLiteral("ok"), result.ok}, {QStringLiteral("entries"), result.entries},
            {QStringLiteral("firstBadId"),
                result.firstBadId.isEmpty() ? QJsonValue() : QJsonValue(result.firstBadId)}});
}

} // namespace vw::server::admin
