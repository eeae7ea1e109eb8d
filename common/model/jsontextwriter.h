#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QStringView>

#include <vector>

namespace vw::model {

// Compact JSON text written directly, byte for byte as QJsonDocument::toJson(Compact) writes
// the same value, for hot paths that would otherwise build a QJsonObject only to serialise it
// (a sent message: building and writing the object was a sixth of the network thread's time).
// Keys must come in QJsonObject's order (sorted); the caller writes them that way.
class JsonTextWriter
{
public:
    explicit JsonTextWriter(qsizetype reserve = 256);

    void beginObject();
    void endObject();
    void key(QLatin1StringView name);

    // A string value, escaped as Qt escapes it.
    void string(QStringView text);
    // A string value known to need no escaping (ids, times, enum names).
    void plainString(QByteArrayView ascii);
    void null();
    // A value that is already compact JSON text.
    void raw(QByteArrayView json);

    QByteArray take() { return std::move(m_text); }

private:
    QByteArray m_text;
    // Per open object: whether a member was written (a comma goes before the next key).
    std::vector<bool> m_hasMembers;
};

} // namespace vw::model
