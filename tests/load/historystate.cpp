#include "tests/load/historystate.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace vw::load {

Result<HistoryState, QString> HistoryState::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    HistoryState state;
    state.serverUrl = json.value(QStringLiteral("serverUrl")).toString();
    state.username = json.value(QStringLiteral("username")).toString();
    state.password = json.value(QStringLiteral("password")).toString();
    state.conversationId = QUuid::fromString(json.value(QStringLiteral("conversationId")).toString());
    state.messages = json.value(QStringLiteral("messages")).toInt();
    state.rareWord = json.value(QStringLiteral("rareWord")).toString();
    state.rareCount = json.value(QStringLiteral("rareCount")).toInt();
    if (state.username.isEmpty() || state.password.isEmpty() || state.conversationId.isNull())
        return QStringLiteral("%1 is not a history state file").arg(path);
    return state;
}

Result<bool, QString> HistoryState::save(const QString &path) const
{
    const QJsonObject json {{QStringLiteral("serverUrl"), serverUrl}, {QStringLiteral("username"), username},
        {QStringLiteral("password"), password},
        {QStringLiteral("conversationId"), conversationId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("messages"), messages}, {QStringLiteral("rareWord"), rareWord},
        {QStringLiteral("rareCount"), rareCount}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return true;
}

} // namespace vw::load
