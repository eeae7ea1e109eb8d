#include "server/realtime/eventframe.h"

#include "common/model/jsontextwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace vw::server::realtime {

namespace {

// Engine.IO MESSAGE "4", then the Socket.IO packet type, then the namespace unless it is the root.
QString packetHead(char socketIoType, const QString &nsp)
{
    QString head = QLatin1Char('4') + QLatin1Char(socketIoType);
    if (!nsp.isEmpty() && nsp != u"/")
        head += nsp + u',';
    return head;
}

} // namespace

EventFrame::EventFrame(const QString &nsp, const QString &name) : m_name(name), m_head(packetHead('2', nsp))
{ }

EventFrame::EventFrame(const QString &nsp, const QString &name, const QJsonValue &payload)
    : EventFrame(nsp, name)
{
    m_body = QString::fromUtf8(QJsonDocument(QJsonArray {name, payload}).toJson(QJsonDocument::Compact));
}

EventFrame EventFrame::fromJsonText(const QString &nsp, const QString &name, QByteArrayView payloadJson)
{
    EventFrame frame(nsp, name);
    // ["name",payload], the name escaped as QJsonDocument escapes it.
    model::JsonTextWriter quotedName(name.size() + 2);
    quotedName.string(name);
    QByteArray body = quotedName.take();
    body.reserve(body.size() + payloadJson.size() + 3);
    body.prepend('[');
    body += ',';
    body += payloadJson;
    body += ']';
    frame.m_body = QString::fromUtf8(body);
    return frame;
}

QString EventFrame::frame() const
{
    return m_head + m_body;
}

QString EventFrame::frameWithAck(qint64 ackId) const
{
    return m_head + QString::number(ackId) + m_body;
}

QString ackFrame(const QString &nsp, qint64 ackId, QByteArrayView argumentJson)
{
    return packetHead('3', nsp) + QString::number(ackId) + u'[' + QString::fromUtf8(argumentJson) + u']';
}

} // namespace vw::server::realtime
