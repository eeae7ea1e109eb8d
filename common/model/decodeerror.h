#pragma once

#include <QString>

namespace vw::model {

// Why untrusted JSON was refused: the path of the offending field ("attachments[2].size",
// empty for the document itself) and what was expected there.
struct DecodeError
{
    QString field;
    QString reason;

    // "attachments[2].size: expected a non-negative integer", or just the reason without a field.
    QString message() const;

    bool operator==(const DecodeError &) const = default;
};

} // namespace vw::model
