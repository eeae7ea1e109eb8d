#pragma once

#include "common/core/result.h"
#include "common/realtime/enginepacket.h"
#include "common/realtime/frameerror.h"

#include <QString>
#include <QStringList>
#include <QStringView>

namespace vw::realtime {

// The handshake the server sends in the Engine.IO OPEN packet right after the upgrade:
// session id, ping timing and the largest payload it accepts.
class EngineOpen
{
public:
    EngineOpen() = default;
    explicit EngineOpen(QString sid, qint64 pingIntervalMs, qint64 pingTimeoutMs, qint64 maxPayload,
        QStringList upgrades = QStringList());

    const QString &sid() const { return m_sid; }
    const QStringList &upgrades() const { return m_upgrades; }
    qint64 pingIntervalMs() const { return m_pingIntervalMs; }
    qint64 pingTimeoutMs() const { return m_pingTimeoutMs; }
    // 0 when the server did not announce a limit.
    qint64 maxPayload() const { return m_maxPayload; }

    // The JSON payload, keys in the order the reference engine.io server writes them.
    QString encode() const;
    EnginePacket toPacket() const;

    // Decodes the untrusted payload of an OPEN packet. sid, pingInterval and pingTimeout
    // are required; upgrades and maxPayload may be missing, as with older servers.
    static Result<EngineOpen, FrameError> decode(QStringView payload);
    static Result<EngineOpen, FrameError> fromPacket(const EnginePacket &packet);

    bool operator==(const EngineOpen &other) const = default;

private:
    QString m_sid;
    QStringList m_upgrades;
    qint64 m_pingIntervalMs = 0;
    qint64 m_pingTimeoutMs = 0;
    qint64 m_maxPayload = 0;
};

} // namespace vw::realtime
