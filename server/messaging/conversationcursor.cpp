#include "server/messaging/conversationcursor.h"

#include "common/model/wire.h"

namespace vw::server::messaging {

namespace {
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QString ConversationCursor::encode(const ConversationPosition &position)
{
    const QByteArray raw
        = QByteArray::number(position.activityMs) + ':' + model::uuidToWire(position.id).toLatin1();
    return QString::fromLatin1(raw.toBase64(kBase64));
}

std::optional<ConversationPosition> ConversationCursor::decode(const QString &cursor)
{
    if (cursor.size() > 128)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray raw = decoded.decoded;
    const qsizetype colon = raw.indexOf(':');
    if (colon <= 0)
        return std::nullopt;
    bool ok = false;
    const qint64 ms = raw.left(colon).toLongLong(&ok);
    const auto id = model::parseUuid(QString::fromLatin1(raw.mid(colon + 1)));
    if (!ok || ms < 0 || !id)
        return std::nullopt;
    return ConversationPosition {ms, *id};
}

} // namespace vw::server::messaging
