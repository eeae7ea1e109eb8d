#pragma once

#include "common/core/clock.h"
#include "common/crypto/secretbytes.h"
#include "server/serveroptions.h"

namespace vw::server {

namespace store {
class Database;
class GroupCommitter;
} // namespace store
namespace audit {
class AuditLog;
}
namespace metrics {
class Metrics;
}

// What every module of a running server shares. Owned by Server (or by a CLI command
// that opens the store); modules keep references and must not outlive it.
struct ServerContext
{
    const ServerOptions &options;
    const Clock &clock;
    store::Database &database;
    audit::AuditLog &audit;
    metrics::Metrics &metrics;
    // The key-encryption key; modules derive their own keys from it with HKDF and a
    // label of their own ("vytalwatch/jwt/v1", ...), never use it directly for data.
    const crypto::SecretBytes &masterKey;
    // The group-commit writer for the hot write paths (messages, receipts); null in
    // maintenance commands and service-level tests, where writes go straight to `database`.
    store::GroupCommitter *committer;
};

} // namespace vw::server
