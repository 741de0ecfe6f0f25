#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "crypto/identity.h"
#include "dht/chordnode.h"
#include "net/endpoint.h"
#include "net/landiscovery.h"
#include "net/udptransport.h"
#include "share/indexpublisher.h"
#include "share/library.h"
#include "share/link.h"
#include "share/recordsource.h"
#include "share/search.h"
#include "transfer/sourcefinder.h"
#include "transfer/transfermanager.h"

#include <QHostAddress>
#include <QObject>
#include <map>
#include <memory>
#include <optional>

namespace ringshare::session {

struct SessionOptions {
    QString dataDir;
    QString downloadDir;
    std::optional<QHostAddress> bind; // every address when unset
    quint16 port = 0;                 // UDP for the DHT and TCP for transfers; 0 picks a free one
    QList<net::Endpoint> bootstrap;
    // Without bootstrap nodes: announce on the local network and join the peers heard there.
    bool lan = true;
    net::LanDiscoveryOptions lanOptions;
    qint64 uploadLimit = 0; // bytes per second, 0 for none
    qint64 downloadLimit = 0;
    dht::ChordConfig chord;
    Millis rescanInterval{60'000};
    // How often the known peers are saved, and, while alone, every known peer is knocked on again.
    Millis housekeepingInterval{30'000};
};

// One Ringshare node and everything above it, as the desktop app and the headless node use it: identity,
// DHT node, LAN discovery, remembered peers, the library and its index records, transfers. start() binds
// and loads; connect to the parts' signals, then call join().
class Session final : public QObject {
    Q_OBJECT

public:
    Session(SessionOptions options, Clock& clock, Random& random, QObject* parent = nullptr);
    ~Session() override;

    // Loads (or creates) the identity, binds UDP and TCP on one port, loads what was shared before.
    Result<void> start();
    // Starts the ring: joins through the bootstrap and remembered peers, or forms a ring of one that grows
    // through remembered and LAN peers. Downloads an earlier run left unfinished start again (paused ones
    // come back paused).
    void join();
    // Saves the known peers, hands this node's keys over and leaves; `done` follows, told whether the
    // leave completed or was cut short after 5 s (a ring that no longer answers).
    void stop(std::function<void(bool left)> done);

    [[nodiscard]] quint16 port() const;
    [[nodiscard]] net::Endpoint localEndpoint() const;
    [[nodiscard]] NodeId id() const;
    [[nodiscard]] dht::ChordNode& node() { return *m_node; }
    [[nodiscard]] share::Library& library() { return *m_library; }
    [[nodiscard]] transfer::TransferManager& transfers() { return *m_transfers; }
    [[nodiscard]] share::RecordSource& records() { return *m_records; }
    [[nodiscard]] const share::IndexPublisher& publisher() const { return *m_publisher; }

    // Starts (or resumes) a download and keeps finding sources for it on the ring until it ends; a download
    // paused in an earlier run stays paused, with no search for sources until resumed.
    Result<void> download(const share::Link& link);
    // As TransferManager's, and the search for sources stops while paused and ends with a cancel.
    void pauseDownload(const share::ContentId& id);
    void resumeDownload(const share::ContentId& id);
    void cancelDownload(const share::ContentId& id);
    // A search over the ring; the caller owns it and calls start().
    [[nodiscard]] std::unique_ptr<share::Search> search(const QString& query,
                                                        Millis timeout = Millis(10'000));

Q_SIGNALS:
    // Something worth telling the user that does not stop the node (a damaged file ignored, no bootstrap
    // node answering yet).
    void warning(const QString& message);
    // Joining through bootstrap nodes: none has answered any of its tries; the node keeps trying.
    void bootstrapUnanswered();

private:
    void savePeers();
    void restartUnfinished();
    void findSources(const share::ContentId& id);
    void housekeeping();
    void warnLater(const QString& message);

    SessionOptions m_options;
    Clock& m_clock;
    Random& m_random;
    std::optional<crypto::Identity> m_identity;
    std::unique_ptr<net::UdpTransport> m_transport;
    std::unique_ptr<share::Library> m_library;
    std::unique_ptr<transfer::TransferManager> m_transfers;
    std::unique_ptr<dht::ChordNode> m_node;
    std::unique_ptr<share::IndexPublisher> m_publisher;
    std::unique_ptr<share::NodeRecordSource> m_records;
    std::unique_ptr<net::LanDiscovery> m_lan;
    std::map<share::ContentId, std::unique_ptr<transfer::SourceFinder>> m_finders;
    QList<net::Endpoint> m_remembered;
    std::unique_ptr<Timer> m_housekeeping;
    std::unique_ptr<Timer> m_bootstrapWarning;
    std::unique_ptr<Timer> m_stopDeadline;
};

} // namespace ringshare::session
