#pragma once

#include <QtGlobal>

namespace vw::model {

// Bounds the decoders enforce on untrusted JSON. They are structural sanity limits shared by
// the server's request validation and the client's response decoding; business limits that
// are configurable (message length, attachment size) are checked by the server's own config.

// The largest integer a JavaScript client can hold exactly (Number.MAX_SAFE_INTEGER).
inline constexpr qint64 kMaxSafeInteger = (qint64 {1} << 53) - 1;
// Any string without a tighter bound; large enough for any configured message length.
inline constexpr qsizetype kMaxDecodedStringLength = 1'000'000;
// Any array without a tighter bound.
inline constexpr qsizetype kMaxDecodedArrayItems = 10'000;

inline constexpr qsizetype kMaxUsernameLength = 64;
inline constexpr qsizetype kMaxDisplayNameLength = 128;
inline constexpr qsizetype kMaxConversationTitleLength = 200;
inline constexpr qsizetype kMaxParticipants = 1'000;
inline constexpr qsizetype kMaxAttachmentsPerMessage = 100;
// The contract's default for message content (API.md, "Limits"); the server may be configured higher.
inline constexpr qsizetype kDefaultMaxContentLength = 10'000;
inline constexpr qsizetype kMaxClientMessageIdLength = 128;
// Most file systems refuse longer names.
inline constexpr qsizetype kMaxFileNameLength = 255;
// RFC 6838 allows 127 characters for each of type and subtype.
inline constexpr qsizetype kMaxMimeTypeLength = 255;

} // namespace vw::model
