#pragma once

#include "tests/load/loadsocket.h"

namespace vw::client {
class RealtimeClient;
}

namespace vw::load {

// LoadSocket over the desktop app's own realtime client, to measure what the app would see.
class QtLoadSocket : public LoadSocket
{
    Q_OBJECT
public:
    explicit QtLoadSocket(QObject *parent = nullptr);

    void open(const QUrl &serverUrl, const QString &accessToken) override;
    bool isConnected() const override;
    void emitWithAck(const QString &event, const QJsonObject &payload, AckHandler onAck) override;
    void acknowledge(qint64 ackId, const QJsonArray &args) override;
    void close() override;

private:
    client::RealtimeClient *m_client; // a child of this
};

} // namespace vw::load
