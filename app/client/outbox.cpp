#include "app/client/outbox.h"

#include "common/crypto/aead.h"
#include "common/model/limits.h"
#include "common/model/wire.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>

namespace vw::client {

namespace {

// Entries hold health information: log file names and reasons, never contents.
Q_LOGGING_CATEGORY(lcOutbox, "vw.client.outbox")

constexpr int kFormatVersion = 1;
constexpr int kSequenceDigits = 16;
// Far above any message the server accepts; a larger file is not ours and is not read.
constexpr qint64 kMaxEntryFileSize = 8 * 1024 * 1024;

const QString kNormal = QStringLiteral("normal");
const QString kUrgent = QStringLiteral("urgent");

const QRegularExpression &entryNamePattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{%1})-[0-9a-f]{16}(\\.msg|\\.failed)$").arg(kSequenceDigits));
    return pattern;
}

QString field(const char *name)
{
    return QString::fromLatin1(name);
}

QString hostPortSegment(const QUrl &url)
{
    QString segment = url.host().toLower();
    // IPv6 colons, and anything else unusual in a directory name, become underscores.
    for (QChar &c : segment) {
        const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.')
            || c == QLatin1Char('-');
        if (!plain)
            c = QLatin1Char('_');
    }
    if (segment.isEmpty() || segment.startsWith(QLatin1Char('.')))
        segment.prepend(QLatin1Char('_'));
    const int defaultPort
        = url.scheme().compare(QStringLiteral("https"), Qt::CaseInsensitive) == 0 ? 443 : 3000;
    return QStringLiteral("%1-%2").arg(segment).arg(url.port(defaultPort));
}

QJsonObject encodeEntry(const OutboxEntry &entry)
{
    QJsonArray attachments;
    for (const QUuid &id : entry.attachmentIds)
        attachments.append(model::uuidToWire(id));
    return QJsonObject {
        {field("v"), kFormatVersion},
        {field("clientMessageId"), entry.clientMessageId},
        {field("conversationId"), model::uuidToWire(entry.conversationId)},
        {field("content"), entry.content},
        {field("replyToId"), model::uuidToJson(entry.replyToId)},
        {field("priority"), entry.priority},
        {field("queuedAt"), model::timeToWire(entry.queuedAt)},
        {field("attachmentIds"), attachments},
    };
}

// Strict, because a file that opened may still have been written by a broken or newer build.
std::optional<OutboxEntry> decodeEntry(const QJsonObject &object)
{
    if (object.value(field("v")).toInt() != kFormatVersion)
        return std::nullopt;
    OutboxEntry entry;
    entry.clientMessageId = object.value(field("clientMessageId")).toString();
    if (entry.clientMessageId.isEmpty() || entry.clientMessageId.size() > Outbox::kMaxClientMessageIdLength)
        return std::nullopt;
    const auto conversation = model::parseUuid(object.value(field("conversationId")).toString());
    if (!conversation || conversation->isNull())
        return std::nullopt;
    entry.conversationId = *conversation;
    const QJsonValue content = object.value(field("content"));
    if (!content.isString())
        return std::nullopt;
    entry.content = content.toString();
    const QJsonValue replyTo = object.value(field("replyToId"));
    if (!replyTo.isNull() && !replyTo.isUndefined()) {
        const auto id = model::parseUuid(replyTo.toString());
        if (!id)
            return std::nullopt;
        entry.replyToId = *id;
    }
    entry.priority = object.value(field("priority")).toString();
    if (entry.priority != kNormal && entry.priority != kUrgent)
        return std::nullopt;
    const auto queuedAt = model::parseTime(object.value(field("queuedAt")).toString());
    if (!queuedAt)
        return std::nullopt;
    entry.queuedAt = *queuedAt;
    const QJsonArray attachments = object.value(field("attachmentIds")).toArray();
    if (attachments.size() > model::kMaxAttachmentsPerMessage)
        return std::nullopt;
    for (const QJsonValue &value : attachments) {
        const auto id = model::parseUuid(value.toString());
        if (!id)
            return std::nullopt;
        entry.attachmentIds.append(*id);
    }
    return entry;
}

template <typename List>
void insertBySequence(List &list, typename List::value_type stored)
{
    const auto at = std::upper_bound(list.begin(), list.end(), stored.sequence,
        [](quint64 sequence, const auto &item) { return sequence < item.sequence; });
    list.insert(at, std::move(stored));
}

} // namespace

QString Outbox::defaultDirectory(const QUrl &serverUrl, const QUuid &userId)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/outbox/")
        + hostPortSegment(serverUrl) + QLatin1Char('/') + model::uuidToWire(userId);
}

Outbox::Outbox(const QString &dir, const QUuid &userId, OutboxKey key, QObject *parent)
    : QObject(parent), m_dir(dir), m_userId(userId), m_key(std::move(key))
{
    if (auto made = detail::ensurePrivateDirectory(m_dir); !made)
        qCWarning(lcOutbox) << "outbox directory:" << made.error();
    load();
}

Outbox::~Outbox() = default;

void Outbox::load()
{
    const QDir dir(m_dir);
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    for (const QString &name : names) {
        if (name == OutboxKey::kSaltFileName || name == OutboxKey::kCanaryFileName)
            continue;
        const QRegularExpressionMatch match = entryNamePattern().match(name);
        if (!match.hasMatch()) {
            ++m_skippedFiles;
            qCWarning(lcOutbox) << "skipped" << name << "(not an outbox entry)";
            continue;
        }
        const quint64 sequence = match.capturedView(1).toULongLong();
        // Even an entry that does not open keeps its number, so a new one never reuses it.
        m_nextSequence = std::max(m_nextSequence, sequence + 1);
        const bool failed = match.capturedView(2) == kFailedSuffix;
        auto stored = readFile(name, sequence, failed);
        if (!stored) {
            ++m_skippedFiles;
            qCWarning(lcOutbox) << "skipped" << name << "(" << stored.error() << ")";
            continue;
        }
        if (failed)
            insertBySequence(m_failed, std::move(stored).value());
        else
            insertBySequence(m_pending, std::move(stored).value());
    }
    // A crash inside markFailed() or retryFailed() can leave one message in both lists;
    // it counts as failed, so the user decides what to do with it.
    for (qsizetype i = m_pending.size() - 1; i >= 0; --i) {
        const QString &id = m_pending.at(i).entry.clientMessageId;
        const bool duplicate = indexOfFailed(id) >= 0 || indexOfPending(id) < i;
        if (duplicate) {
            qCInfo(lcOutbox) << "dropping duplicate entry" << m_pending.at(i).fileName;
            QFile::remove(dir.filePath(m_pending.at(i).fileName));
            m_pending.removeAt(i);
        }
    }
    if (m_skippedFiles > 0)
        qCInfo(lcOutbox) << "loaded" << m_pending.size() << "pending and" << m_failed.size()
                         << "failed entries," << m_skippedFiles << "skipped";
}

Result<Outbox::Stored, QString> Outbox::readFile(const QString &fileName, quint64 sequence, bool failed) const
{
    auto sealed = detail::readSmallFile(QDir(m_dir).filePath(fileName), kMaxEntryFileSize);
    if (!sealed)
        return sealed.error();
    auto opened = crypto::Aead::open(m_key.secret(), sealed.value(), aadFor(fileName));
    if (!opened)
        return QStringLiteral("does not open: %1").arg(crypto::errorString(opened.error()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(opened.value(), &parseError);
    opened.value().fill('\0');
    if (!document.isObject())
        return QStringLiteral("not an entry");
    const QJsonObject object = document.object();
    const auto entry = decodeEntry(object);
    if (!entry)
        return QStringLiteral("not a valid entry");
    Stored stored {sequence, fileName, *entry, {}, {}};
    if (failed) {
        stored.reason = object.value(field("failureReason")).toString();
        const auto failedAt = model::parseTime(object.value(field("failedAt")).toString());
        if (!failedAt)
            return QStringLiteral("not a valid failed entry");
        stored.failedAt = *failedAt;
    }
    return stored;
}

Status<QString> Outbox::writeFile(const Stored &stored, bool failed) const
{
    QJsonObject object = encodeEntry(stored.entry);
    if (failed) {
        object.insert(field("failureReason"), stored.reason);
        object.insert(field("failedAt"), model::timeToWire(stored.failedAt));
    }
    QByteArray plaintext = QJsonDocument(object).toJson(QJsonDocument::Compact);
    auto sealed = crypto::Aead::seal(m_key.secret(), plaintext, aadFor(stored.fileName));
    plaintext.fill('\0');
    if (!sealed)
        return crypto::errorString(sealed.error());
    return detail::writePrivateFile(QDir(m_dir).filePath(stored.fileName), sealed.value());
}

QString Outbox::newFileName(const QString &suffix)
{
    // The random part keeps names unique should two app instances share the directory;
    // it needs no secrecy.
    const quint64 random = QRandomGenerator::global()->generate64();
    return QStringLiteral("%1-%2%3")
        .arg(m_nextSequence++, kSequenceDigits, 10, QLatin1Char('0'))
        .arg(random, 16, 16, QLatin1Char('0'))
        .arg(suffix);
}

QByteArray Outbox::aadFor(const QString &fileName) const
{
    return QByteArrayLiteral("vytalwatch/outbox/entry/v1\n") + model::uuidToWire(m_userId).toUtf8() + '\n'
        + fileName.toUtf8();
}

qsizetype Outbox::indexOfPending(const QString &clientMessageId) const
{
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        if (m_pending.at(i).entry.clientMessageId == clientMessageId)
            return i;
    }
    return -1;
}

qsizetype Outbox::indexOfFailed(const QString &clientMessageId) const
{
    for (qsizetype i = 0; i < m_failed.size(); ++i) {
        if (m_failed.at(i).entry.clientMessageId == clientMessageId)
            return i;
    }
    return -1;
}

Result<OutboxEntry, QString> Outbox::enqueue(OutboxEntry entry)
{
    const auto refuse = [](const QString &why) {
        return QStringLiteral("The message could not be kept for sending later: %1.").arg(why);
    };
    if (entry.clientMessageId.isEmpty())
        entry.clientMessageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (entry.clientMessageId.size() > kMaxClientMessageIdLength)
        return refuse(QStringLiteral("its client id is too long"));
    if (contains(entry.clientMessageId) || indexOfFailed(entry.clientMessageId) >= 0)
        return refuse(QStringLiteral("it is already queued"));
    if (entry.conversationId.isNull())
        return refuse(QStringLiteral("it has no conversation"));
    if (entry.content.isEmpty() && entry.attachmentIds.isEmpty())
        return refuse(QStringLiteral("it is empty"));
    if (entry.content.size() > model::kMaxDecodedStringLength)
        return refuse(QStringLiteral("it is too long"));
    if (entry.attachmentIds.size() > model::kMaxAttachmentsPerMessage)
        return refuse(QStringLiteral("it has too many attachments"));
    if (entry.priority.isEmpty())
        entry.priority = kNormal;
    if (entry.priority != kNormal && entry.priority != kUrgent)
        return refuse(QStringLiteral("its priority is unknown"));
    // Stored at millisecond precision in UTC, so what is returned now equals what loads later.
    const QDateTime queuedAt = entry.queuedAt.isValid() ? entry.queuedAt : QDateTime::currentDateTimeUtc();
    entry.queuedAt = QDateTime::fromMSecsSinceEpoch(queuedAt.toMSecsSinceEpoch(), Qt::UTC);

    Stored stored;
    stored.sequence = m_nextSequence;
    stored.fileName = newFileName(kEntrySuffix);
    stored.entry = std::move(entry);
    if (auto written = writeFile(stored, false); !written) {
        qCWarning(lcOutbox) << "cannot store" << stored.fileName << ":" << written.error();
        return refuse(written.error());
    }
    OutboxEntry queued = stored.entry;
    m_pending.append(std::move(stored));
    emit changed();
    return queued;
}

QList<OutboxEntry> Outbox::pending() const
{
    QList<OutboxEntry> entries;
    entries.reserve(m_pending.size());
    for (const Stored &stored : m_pending)
        entries.append(stored.entry);
    return entries;
}

std::optional<OutboxEntry> Outbox::head() const
{
    if (m_pending.isEmpty())
        return std::nullopt;
    return m_pending.constFirst().entry;
}

bool Outbox::contains(const QString &clientMessageId) const
{
    return indexOfPending(clientMessageId) >= 0;
}

Status<QString> Outbox::markSent(const QString &clientMessageId)
{
    const qsizetype index = indexOfPending(clientMessageId);
    if (index < 0)
        return QStringLiteral("not queued");
    const Stored stored = m_pending.takeAt(index);
    Status<QString> status;
    if (!QFile::remove(QDir(m_dir).filePath(stored.fileName))) {
        qCWarning(lcOutbox) << "cannot remove sent entry" << stored.fileName;
        status = QStringLiteral("cannot remove %1").arg(stored.fileName);
    }
    emit changed();
    return status;
}

Status<QString> Outbox::markFailed(const QString &clientMessageId, const QString &reason)
{
    const qsizetype index = indexOfPending(clientMessageId);
    if (index < 0)
        return QStringLiteral("not queued");
    Stored stored = m_pending.takeAt(index);
    const QString pendingFile = stored.fileName;
    // Same sequence, so failed() keeps the order in which the messages were written; the
    // suffix (part of the AAD) makes it a different name.
    stored.fileName = pendingFile.chopped(kEntrySuffix.size()) + kFailedSuffix;
    stored.reason = reason;
    stored.failedAt = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    Status<QString> status;
    // Written before the pending file goes, so a crash in between loses nothing.
    if (auto written = writeFile(stored, true); !written) {
        qCWarning(lcOutbox) << "cannot store failed entry" << stored.fileName << ":" << written.error();
        status = written.error();
    } else if (!QFile::remove(QDir(m_dir).filePath(pendingFile))) {
        qCWarning(lcOutbox) << "cannot remove failed entry" << pendingFile;
        status = QStringLiteral("cannot remove %1").arg(pendingFile);
    }
    insertBySequence(m_failed, std::move(stored));
    emit changed();
    return status;
}

QList<FailedOutboxEntry> Outbox::failed() const
{
    QList<FailedOutboxEntry> entries;
    entries.reserve(m_failed.size());
    for (const Stored &stored : m_failed)
        entries.append({stored.entry, stored.reason, stored.failedAt});
    return entries;
}

Status<QString> Outbox::retryFailed(const QString &clientMessageId)
{
    const qsizetype index = indexOfFailed(clientMessageId);
    if (index < 0)
        return QStringLiteral("not failed");
    Stored stored;
    stored.sequence = m_nextSequence;
    stored.fileName = newFileName(kEntrySuffix);
    stored.entry = m_failed.at(index).entry;
    if (auto written = writeFile(stored, false); !written)
        return written.error();
    const Stored old = m_failed.takeAt(index);
    if (!QFile::remove(QDir(m_dir).filePath(old.fileName)))
        qCWarning(lcOutbox) << "cannot remove retried entry" << old.fileName;
    m_pending.append(std::move(stored));
    emit changed();
    return {};
}

Status<QString> Outbox::discardFailed(const QString &clientMessageId)
{
    const qsizetype index = indexOfFailed(clientMessageId);
    if (index < 0)
        return QStringLiteral("not failed");
    if (!QFile::remove(QDir(m_dir).filePath(m_failed.at(index).fileName)))
        return QStringLiteral("cannot remove %1").arg(m_failed.at(index).fileName);
    m_failed.removeAt(index);
    emit changed();
    return {};
}

} // namespace vw::client
