#pragma once

#include "common/core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace vw::load {

// One authenticated Socket.IO connection to the /messaging namespace, as the scenarios see
// it. Two implementations: QtLoadSocket (the app's vw::client::RealtimeClient) and
// RawLoadSocket (a lean client over QTcpSocket). Neither reconnects: a drop is a load error.
class LoadSocket : public QObject
{
    Q_OBJECT
public:
    // The ack's arguments, or why none came (the connection dropped, or was never up).
    using AckHandler = std::function<void(const Result<QJsonArray, QString> &)>;

    using QObject::QObject;

    // serverUrl is the REST base (http://host:port).
    virtual void open(const QUrl &serverUrl, const QString &accessToken) = 0;
    virtual bool isConnected() const = 0;
    virtual void emitWithAck(const QString &event, const QJsonObject &payload, AckHandler onAck) = 0;
    virtual void acknowledge(qint64 ackId, const QJsonArray &args) = 0;
    virtual void close() = 0;
    // Events the owner listens to; a lean client may skip decoding the others.
    virtual void setWantedEvents(const QStringList &names) { Q_UNUSED(names) }

signals:
    void connected();
    // Before connected(): why the handshake or the namespace CONNECT failed.
    void connectFailed(const QString &reason);
    // After connected(): the connection is gone; pending acks fail with the same reason.
    void disconnected(const QString &reason);
    // ackId is -1 when the server asked for no acknowledgement.
    void eventReceived(const QString &name, const QJsonValue &payload, qint64 ackId);
};

} // namespace vw::load
