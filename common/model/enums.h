#pragma once

#include "common/model/wireenum.h"

#include <QString>

namespace vw::model {

// The enums of the wire contract (API.md). On the wire each is a lower-case string;
// toWire() gives it and fromWire<E>() parses it, refusing anything else.

enum class MessageType { Text, Image, File, System };
enum class MessageStatus { Sent, Delivered, Read };
enum class MessagePriority { Normal, Urgent };
enum class UserRole { Patient, Provider, Admin };
enum class ScanStatus { Clean, Skipped };
enum class PresenceStatus { Online, Offline };

// An out-of-range value (a cast from a bad integer) gives an empty string, never UB.
QString toWire(MessageType value);
QString toWire(MessageStatus value);
QString toWire(MessagePriority value);
QString toWire(UserRole value);
QString toWire(ScanStatus value);
QString toWire(PresenceStatus value);

template <>
std::optional<MessageType> fromWire<MessageType>(QStringView text);
template <>
std::optional<MessageStatus> fromWire<MessageStatus>(QStringView text);
template <>
std::optional<MessagePriority> fromWire<MessagePriority>(QStringView text);
template <>
std::optional<UserRole> fromWire<UserRole>(QStringView text);
template <>
std::optional<ScanStatus> fromWire<ScanStatus>(QStringView text);
template <>
std::optional<PresenceStatus> fromWire<PresenceStatus>(QStringView text);

template <>
QStringList wireValues<MessageType>();
template <>
QStringList wireValues<MessageStatus>();
template <>
QStringList wireValues<MessagePriority>();
template <>
QStringList wireValues<UserRole>();
template <>
QStringList wireValues<ScanStatus>();
template <>
QStringList wireValues<PresenceStatus>();

} // namespace vw::model
