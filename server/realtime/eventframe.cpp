#include "server/realtime/eventframe.h"

#include "common/model/jsontextwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace vw::server::realtime {

namespace {

// Engine.IO MESSAGE "4", then the Socket.IO packet type, then the namespace unless it is the root.
QByteArray packetHead(char socketIoType, const QString &nsp)
{
    QByteArray head;
    head.append('4').append(socketIoType);
    if (!nsp.isEmpty() && nsp != u"/")
        head.append(nsp.toUtf8()).append(',');
    return head;
}

} // namespace

EventFrame::EventFrame(const QString &nsp, const QString &name) : m_name(name), m_head(packetHead('2', nsp))
{ }

EventFrame::EventFrame(const QString &nsp, const QString &name, const QJsonValue &payload)
    : EventFrame(nsp, name)
{
    m_body = QJsonDocument(QJsonArray {name, payload}).toJson(QJsonDocument::Compact);
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
    frame.m_body = std::move(body);
    return frame;
}

QByteArray EventFrame::frame() const
{
    return m_head + m_body;
}

QByteArray EventFrame::frameWithAck(qint64 ackId) const
{
    return m_head + QByteArray::number(ackId) + m_body;
}

QByteArray ackFrame(const QString &nsp, qint64 ackId, QByteArrayView argumentJson)
{
    QByteArray frame = packetHead('3', nsp);
    frame.reserve(frame.size() + 22 + argumentJson.size());
    frame.append(QByteArray::number(ackId)).append('[').append(argumentJson).append(']');
    return frame;
}

} // namespace vw::server::realtime
