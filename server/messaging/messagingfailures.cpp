#include "server/messaging/messagingfailures.h"

#include <QLoggingCategory>

namespace vw::server::messaging {

namespace {
Q_LOGGING_CATEGORY(lcMessaging, "vw.messaging")
}

ServiceError storeFailed(const store::StoreError &error)
{
    qCWarning(lcMessaging) << "store failure:" << error.detail;
    return ServiceError::internal();
}

ServiceError keyFailed(KeyringError error, const QUuid &conversationId)
{
    qCCritical(lcMessaging) << "conversation" << conversationId << "key failure:" << errorString(error);
    return ServiceError::internal();
}

ServiceError decryptFailed(const QUuid &conversationId, const QUuid &rowId)
{
    qCCritical(lcMessaging) << "conversation" << conversationId << "row" << rowId
                            << "does not decrypt: it was altered or moved";
    return ServiceError::internal();
}

} // namespace vw::server::messaging
