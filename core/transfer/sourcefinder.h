// Finds the peers that hold a content through its provider records on the ring, again and again.
#pragma once

#include "base/clock.h"
#include "share/contentid.h"
#include "share/recordsource.h"
#include "transfer/transfermanager.h"

#include <QObject>
#include <memory>

namespace ringshare::transfer {

// Finds the peers that hold some content and hands them to the transfer manager: the provider records
// under file:<id> name their publishers, and each publisher is located on the ring by its node ID (its
// transfer port is its DHT port); one that is not on the ring (a client, behind NAT) is handed on with the
// member that owns its ID, its rendezvous, to be reached through. It asks now and again every `interval`
// until stopped or destroyed.
class SourceFinder final : public QObject {
    Q_OBJECT

public:
    SourceFinder(share::RecordSource& source, TransferManager& transfers, Clock& clock, share::ContentId id,
                 Millis interval = Millis(5000), QObject* parent = nullptr);
    ~SourceFinder() override;

    void start();
    void stop();

private:
    void ask();

    share::RecordSource& m_source;
    TransferManager& m_transfers;
    share::ContentId m_id;
    Millis m_interval;
    std::unique_ptr<Timer> m_timer;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace ringshare::transfer
