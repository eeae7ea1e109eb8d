#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace vw::server::realtime {

// What an event's acknowledgement carries: a JSON object, or one already serialised as compact
// JSON text (a sent message's ack, whose message was serialised once for the ack and for the
// recipients' message:new frames).
class AckPayload
{
public:
    // Implicit: handlers answer with a QJsonObject.
    AckPayload(QJsonObject object) : m_object(std::move(object)) { } // NOLINT(google-explicit-constructor)
    static AckPayload fromJsonText(QByteArray text);

    QByteArray toJsonText() const;

private:
    AckPayload() = default;

    QJsonObject m_object;
    QByteArray m_text;
};

} // namespace vw::server::realtime
