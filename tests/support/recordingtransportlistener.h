#pragma once

#include "server/websocket/streamtransport.h"

#include <QByteArray>
#include <QByteArrayView>

namespace vw::test {

// Keeps what a StreamTransport reports: the bytes received, and how often it said it ended.
class RecordingTransportListener final : public server::websocket::TransportListener
{
public:
    void bytesReceived(QByteArrayView bytes) override { received.append(bytes); }
    void transportEnded() override { ++ended; }

    QByteArray received;
    int ended = 0;
};

} // namespace vw::test
