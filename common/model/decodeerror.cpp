#include "common/model/decodeerror.h"

namespace vw::model {

QString DecodeError::message() const
{
    if (field.isEmpty())
        return reason;
    return field + QStringLiteral(": ") + reason;
}

} // namespace vw::model
