#include "server/realtime/eventframe.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace vw::server::realtime {

EventFrame::EventFrame(const QString &nsp, const QString &name, const QJsonValue &payload) : m_name(name)
{
    // Engine.IO MESSAGE "4", Socket.IO EVENT "2", then the namespace unless it is the root.
    m_head = QStringLiteral("42");
    if (!nsp.isEmpty() && nsp != u"/")
        m_head += nsp + u',';
    m_body = QString::fromUtf8(QJsonDocument(QJsonArray {name, payload}).toJson(QJsonDocument::Compact));
}

QString EventFrame::frame() const
{
    return m_head + m_body;
}

QString EventFrame::frameWithAck(qint64 ackId) const
{
    return m_head + QString::number(ackId) + m_body;
}

} // namespace vw::server::realtime
