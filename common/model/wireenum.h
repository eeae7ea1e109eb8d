#pragma once

#include <QStringList>
#include <QStringView>

#include <optional>

namespace vw::model {

// The wire-string hooks JsonReader::requireEnum relies on. Every wire enum specialises both
// (see common/model/enums.h); a module with enums of its own specialises them in the same way.

// The enum value whose wire string is exactly `text` (case-sensitive), or nothing.
template <typename E>
std::optional<E> fromWire(QStringView text);

// Every wire string of E, in declaration order, for error messages.
template <typename E>
QStringList wireValues();

} // namespace vw::model
