// RunStatus: what a running `ringshare-node run` keeps in its data directory for other commands to read
// (its reachability, for `id`), with a lock that tells a live node's file from one a crash left behind.
#pragma once

#include "base/result.h"
#include "session/reachabilityreport.h"

#include <QLockFile>
#include <QString>
#include <optional>

namespace ringshare::node {

class RunStatus final {
public:
    explicit RunStatus(const QString& dataDir);
    // Removes the status file: nothing below is true once the node is gone.
    ~RunStatus();
    RunStatus(const RunStatus&) = delete;
    RunStatus& operator=(const RunStatus&) = delete;

    // Takes DIR/run.lock (making DIR when missing); an error when another live node holds it or the
    // lock cannot be made. Unclaimed, write() writes nothing.
    [[nodiscard]] Result<void> claim();
    // Replaces DIR/reachability.json at once (never half written). An error says why it could not.
    [[nodiscard]] std::optional<QString> write(const session::ReachabilityReport& report);

    // What the node running on `dataDir` last wrote; nullopt when none runs there or it wrote nothing
    // readable yet.
    [[nodiscard]] static std::optional<session::ReachabilityReport> readRunning(const QString& dataDir);

private:
    QString m_dataDir;
    QLockFile m_lock;
    bool m_claimed = false;
};

} // namespace ringshare::node
