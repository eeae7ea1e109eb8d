#include "common/model/enums.h"

#include <array>

namespace vw::model {

namespace {

template <typename E>
struct WireName
{
    E value;
    QStringView wire;
};

constexpr std::array<WireName<MessageType>, 4> kMessageTypes {{
    {MessageType::Text, u"text"},
    {MessageType::Image, u"image"},
    {MessageType::File, u"file"},
    {MessageType::System, u"system"},
}};

constexpr std::array<WireName<MessageStatus>, 3> kMessageStatuses {{
    {MessageStatus::Sent, u"sent"},
    {MessageStatus::Delivered, u"delivered"},
    {MessageStatus::Read, u"read"},
}};

constexpr std::array<WireName<MessagePriority>, 2> kMessagePriorities {{
    {MessagePriority::Normal, u"normal"},
    {MessagePriority::Urgent, u"urgent"},
}};

constexpr std::array<WireName<UserRole>, 3> kUserRoles {{
    {UserRole::Patient, u"patient"},
    {UserRole::Provider, u"provider"},
    {UserRole::Admin, u"admin"},
}};

constexpr std::array<WireName<ScanStatus>, 2> kScanStatuses {{
    {ScanStatus::Clean, u"clean"},
    {ScanStatus::Skipped, u"skipped"},
}};

constexpr std::array<WireName<PresenceStatus>, 2> kPresenceStatuses {{
    {PresenceStatus::Online, u"online"},
    {PresenceStatus::Offline, u"offline"},
}};

template <typename E, std::size_t N>
QString nameOf(const std::array<WireName<E>, N> &table, E value)
{
    for (const WireName<E> &entry : table) {
        if (entry.value == value)
            return entry.wire.toString();
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<WireName<E>, N> &table, QStringView text)
{
    for (const WireName<E> &entry : table) {
        if (entry.wire == text)
            return entry.value;
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
QStringList namesOf(const std::array<WireName<E>, N> &table)
{
    QStringList names;
    names.reserve(qsizetype(N));
    for (const WireName<E> &entry : table)
        names.append(entry.wire.toString());
    return names;
}

} // namespace

QString toWire(MessageType value)
{
    return nameOf(kMessageTypes, value);
}

QString toWire(MessageStatus value)
{
    return nameOf(kMessageStatuses, value);
}

QString toWire(MessagePriority value)
{
    return nameOf(kMessagePriorities, value);
}

QString toWire(UserRole value)
{
    return nameOf(kUserRoles, value);
}

QString toWire(ScanStatus value)
{
    return nameOf(kScanStatuses, value);
}

QString toWire(PresenceStatus value)
{
    return nameOf(kPresenceStatuses, value);
}

template <>
std::optional<MessageType> fromWire<MessageType>(QStringView text)
{
    return valueOf(kMessageTypes, text);
}

template <>
std::optional<MessageStatus> fromWire<MessageStatus>(QStringView text)
{
    return valueOf(kMessageStatuses, text);
}

template <>
std::optional<MessagePriority> fromWire<MessagePriority>(QStringView text)
{
    return valueOf(kMessagePriorities, text);
}

template <>
std::optional<UserRole> fromWire<UserRole>(QStringView text)
{
    return valueOf(kUserRoles, text);
}

template <>
std::optional<ScanStatus> fromWire<ScanStatus>(QStringView text)
{
    return valueOf(kScanStatuses, text);
}

template <>
std::optional<PresenceStatus> fromWire<PresenceStatus>(QStringView text)
{
    return valueOf(kPresenceStatuses, text);
}

template <>
QStringList wireValues<MessageType>()
{
    return namesOf(kMessageTypes);
}

template <>
QStringList wireValues<MessageStatus>()
{
    return namesOf(kMessageStatuses);
}

template <>
QStringList wireValues<MessagePriority>()
{
    return namesOf(kMessagePriorities);
}

template <>
QStringList wireValues<UserRole>()
{
    return namesOf(kUserRoles);
}

template <>
QStringList wireValues<ScanStatus>()
{
    return namesOf(kScanStatuses);
}

template <>
QStringList wireValues<PresenceStatus>()
{
    return namesOf(kPresenceStatuses);
}

} // namespace vw::model
