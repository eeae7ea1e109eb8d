#include "server/realtime/ackpayload.h"

#include <QJsonDocument>

namespace vw::server::realtime {

AckPayload AckPayload::fromJsonText(QByteArray text)
{
    AckPayload payload;
    payload.m_text = std::move(text);
    return payload;
}

QByteArray AckPayload::toJsonText() const
{
    if (!m_text.isNull())
        return m_text;
    return QJsonDocument(m_object).toJson(QJsonDocument::Compact);
}

} // namespace vw::server::realtime
