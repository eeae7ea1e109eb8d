#pragma once

#include "server/core/serviceerror.h"
#include "server/messaging/conversationkeyring.h"
#include "server/store/storeerror.h"

#include <QUuid>

// Internal failures of the messaging services: each is logged here (ids and driver text
// only, never content) and answered as a generic 500, never as partial or garbled data.
namespace vw::server::messaging {

ServiceError storeFailed(const store::StoreError &error);
ServiceError keyFailed(KeyringError error, const QUuid &conversationId);
// A sealed row that does not open under its conversation's key and row AAD.
ServiceError decryptFailed(const QUuid &conversationId, const QUuid &rowId);

} // namespace vw::server::messaging
