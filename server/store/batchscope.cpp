#include "server/store/batchscope.h"

namespace vw::server::store {

Status<StoreError> BatchScope::flush(Database &database)
{
    std::vector<std::unique_ptr<BatchState>> states;
    states.swap(m_states);
    for (const std::unique_ptr<BatchState> &state : states) {
        if (auto flushed = state->flush(database); !flushed)
            return flushed;
    }
    return {};
}

} // namespace vw::server::store
