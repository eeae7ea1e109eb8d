#include "server/messaging/messagingevents.h"

namespace vw::server::messaging {

MessagingEvents::MessagingEvents(QObject *parent) : QObject(parent) { }

} // namespace vw::server::messaging
