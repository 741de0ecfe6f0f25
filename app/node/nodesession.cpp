// Turning ringshare-node's options into a Session's.
#include "app/node/nodesession.h"

#include <algorithm>

namespace ringshare::node {

session::SessionOptions sessionOptionsFor(const Options& options) {
    session::SessionOptions sessionOptions;
    sessionOptions.dataDir = options.dataDir;
    sessionOptions.downloadDir = options.downloadDir;
    sessionOptions.bind = options.bind;
    sessionOptions.port = options.port;
    sessionOptions.bootstrap = options.bootstrap;
    sessionOptions.lan = options.lan;
    sessionOptions.portMapping = options.portMapping;
    if (options.portMappingLeaseSeconds)
        sessionOptions.portMapper.lease = std::chrono::seconds(*options.portMappingLeaseSeconds);
    sessionOptions.lanOptions.port = options.lanPort;
    sessionOptions.uploadLimit = options.uploadLimit;
    sessionOptions.downloadLimit = options.downloadLimit;
    if (options.stabilizeMs) {
        dht::ChordConfig& config = sessionOptions.chord;
        const Millis period(*options.stabilizeMs);
        config.stabilizeInterval = config.fixFingersInterval = config.checkPredecessorInterval = period;
        config.rpc.timeout = std::max(Millis(100), period * 2);
        config.publishRetryInterval = std::max(Millis(500), period * 10);
        config.settleRepublishDelay = std::max(Millis(1000), period * 20);
        sessionOptions.lanOptions.interval = std::max(Millis(1000), period * 10);
        sessionOptions.housekeepingInterval = std::max(Millis(1000), period * 20);
    }
    return sessionOptions;
}

} // namespace ringshare::node
