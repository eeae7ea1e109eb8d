#pragma once

#include <QString>

namespace vw::server::store {

// Why a store operation failed. `detail` is the driver's text for the server log only:
// it may name tables and constraints but never holds row contents.
struct StoreError
{
    enum class Kind { OpenFailed, MigrationFailed, QueryFailed, Conflict, NotFound, Corrupt };
    Kind kind = Kind::QueryFailed;
    QString detail;
};

} // namespace vw::server::store
