#include "tests/load/qtloadsocket.h"

#include "app/client/realtimeclient.h"

namespace vw::load {

QtLoadSocket::QtLoadSocket(QObject *parent) : LoadSocket(parent)
{
    client::RealtimeClientOptions options;
    // The pair driver times acks itself (one rule for both clients), and a reconnect would
    // hide the drop the run has to report.
    options.ackTimeoutMs = 0;
    options.autoReconnect = false;
    m_client = new client::RealtimeClient(options, this);
    connect(m_client, &client::RealtimeClient::connected, this, &LoadSocket::connected);
    connect(m_client, &client::RealtimeClient::connectError, this, &LoadSocket::connectFailed);
    connect(m_client, &client::RealtimeClient::disconnected, this, &LoadSocket::disconnected);
    connect(m_client, &client::RealtimeClient::eventReceived, this, &LoadSocket::eventReceived);
}

void QtLoadSocket::open(const QUrl &serverUrl, const QString &accessToken)
{
    m_client->open(serverUrl, accessToken);
}

bool QtLoadSocket::isConnected() const
{
    return m_client->state() == client::RealtimeClient::State::Connected;
}

void QtLoadSocket::emitWithAck(const QString &event, const QJsonObject &payload, AckHandler onAck)
{
    m_client->emitEvent(event, payload, std::move(onAck));
}

void QtLoadSocket::acknowledge(qint64 ackId, const QJsonArray &args)
{
    m_client->sendAck(ackId, args);
}

void QtLoadSocket::close()
{
    m_client->close();
}

} // namespace vw::load
