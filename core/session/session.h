// The one door from the views and the node programs into core: a Session owns a node and everything above
// it, acts on request, and tells what happens through typed signals and plain value rows.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "crypto/nodeid.h"
#include "net/endpoint.h"
#include "net/hostport.h"
#include "net/portmapping.h"
#include "session/reachabilityreport.h"
#include "session/ringsnapshot.h"
#include "session/sessionoptions.h"
#include "session/sharedfilerow.h"
#include "share/contentid.h"
#include "share/link.h"
#include "transfer/transferstatus.h"

#include <QObject>
#include <functional>
#include <map>
#include <memory>
#include <optional>

class QHostAddress;

namespace ringshare::crypto {
class Identity;
}
namespace ringshare::dht {
class ChordNode;
class RingClient;
} // namespace ringshare::dht
namespace ringshare::net {
class HostResolver;
class LanDiscovery;
class MappingBackendFactory;
class PortMapper;
class StreamTransport;
class Transport;
} // namespace ringshare::net
namespace ringshare::share {
class IndexPublisher;
class Library;
class RecordSource;
class Search;
struct SharedFile;
} // namespace ringshare::share
namespace ringshare::transfer {
class SourceFinder;
class TransferManager;
} // namespace ringshare::transfer

namespace ringshare::session {

class BootstrapNodes;
class RingWatcher;
struct SessionInternals;

// The two transports a session runs on when they are made outside it (a simulated network's, say): the
// datagrams for the DHT and the streams for transfers, on one host address and port.
struct SessionTransports {
    std::unique_ptr<net::Transport> datagrams;
    std::unique_ptr<net::StreamTransport> streams;
    // Sockets beside `datagrams`, for the reachability probes this node sends for others; optional.
    std::unique_ptr<net::SocketFactory> freshSockets;
};

// One Ringshare node and everything above it, as the desktop app and the headless node use it: identity,
// DHT node, LAN discovery, remembered peers, the library and its index records, transfers. start() binds
// and loads; connect to the signals, then call join(). Its parts stay inside: callers see only what is
// declared here.
class Session final : public QObject {
    Q_OBJECT

public:
    Session(SessionOptions options, Clock& clock, Random& random, QObject* parent = nullptr);
    // On transports made outside; start() then binds nothing and listens for streams on the datagram
    // transport's address and port (the options' bind and port are not used).
    Session(SessionOptions options, SessionTransports transports, Clock& clock, Random& random,
            QObject* parent = nullptr);
    ~Session() override;

    // Loads (or creates) the identity, binds UDP and TCP on one port (unless given transports), loads
    // what was shared before.
    Result<void> start();
    // Starts the ring: joins through the bootstrap and remembered peers, or forms a ring of one that grows
    // through remembered and LAN peers. Downloads an earlier run left unfinished start again (paused ones
    // come back paused) unless the options say otherwise. A session that is no ring member (see
    // SessionOptions::ringMember) instead asks the bootstrap nodes in turn to prove who they are, and
    // asks the ring through the first that does.
    void join();
    // Saves the known peers, hands this node's keys over and leaves; `done` follows, told whether the
    // leave completed or was cut short after 5 s (a ring that no longer answers).
    void stop(std::function<void(bool left)> done);

    [[nodiscard]] quint16 port() const;
    [[nodiscard]] net::Endpoint localEndpoint() const;
    [[nodiscard]] NodeId id() const;

    // The ring (all answer "not on a ring" before start()).
    [[nodiscard]] RingState ringState() const;
    [[nodiscard]] bool isJoined() const;
    // On a ring with no other node known to follow this one.
    [[nodiscard]] bool isAlone() const;
    [[nodiscard]] std::optional<NodeId> predecessorId() const;
    [[nodiscard]] std::optional<NodeId> successorId() const;
    // Records stored on this node for the ring (its own keys and replicas).
    [[nodiscard]] int keysHeld() const;
    // Whether peers can dial this node at its public endpoint, as a dial-back check found, how that
    // endpoint came about and the role that follows (Unknown off the ring). A node on its own sockets
    // checks; on given transports, as the options' chord config says. A port mapping's endpoint is the
    // one checked while the router keeps it.
    [[nodiscard]] ReachabilityReport reachability() const;
    // Tells the node of a peer to try (a new bootstrap node, a link's contact); a node on a ring simply
    // learns of it, a joining one tries it with its bootstrap nodes, one off the ring that has no contact
    // yet tries it after them. A name is resolved now (a warning says when it does not); nothing about the
    // peer is believed until it proves who it is.
    void addContact(const net::HostPort& node);
    // Where others can reach this node, for the contacts of a link to what it shares: the addresses peers
    // saw it at, else the bound one, else this machine's (see contactAddresses()). None off the ring.
    [[nodiscard]] QList<net::Endpoint> contactEndpoints(qsizetype limit = share::Link::kMaxContacts) const;
    // A watcher for the ring view, owned by the caller; null before start().
    [[nodiscard]] std::unique_ptr<RingWatcher> watchRing(QObject* parent = nullptr);
    // Looks `key` up; `done` gets the nodes the lookup went through, ending with the key's owner when one
    // was found. Nothing happens when not on a ring.
    void traceLookup(const NodeId& key, std::function<void(const QList<NodeId>& route)> done);

    // The port mapping on the home router (Off when turned off or skipped, see SessionOptions::portMapping).
    [[nodiscard]] net::PortMappingState portMapping() const;

    // Sharing. share() takes a file or a folder (everything under it), now and after restarts; unshare()
    // takes a root as share() was given it.
    Result<void> share(const QString& path);
    void unshare(const QString& root);
    [[nodiscard]] QStringList sharedRoots() const;
    [[nodiscard]] QList<SharedFileRow> sharedFiles() const;
    [[nodiscard]] bool isSharing(const share::ContentId& id) const;
    // Every queued file has been hashed (or has failed).
    [[nodiscard]] bool isHashingDone() const;

    // Starts (or resumes) a download and keeps finding sources for it on the ring until it ends; a download
    // paused in an earlier run stays paused, with no search for sources until resumed. Off the ring, the
    // search for sources begins once a contact has answered. The link's contacts go to addContact().
    Result<void> download(const share::Link& link);
    // The search for sources stops while paused and ends with a cancel.
    void pauseDownload(const share::ContentId& id);
    void resumeDownload(const share::ContentId& id);
    // Stops an unfinished download for good and deletes what was fetched.
    void cancelDownload(const share::ContentId& id);
    [[nodiscard]] std::optional<transfer::DownloadStatus> downloadStatus(const share::ContentId& id) const;
    [[nodiscard]] QList<transfer::DownloadStatus> downloads() const;
    // Paused by the user, now or in an earlier run.
    [[nodiscard]] bool isPaused(const share::ContentId& id) const;
    // What is being served right now: one row per content a peer asked for in the last few seconds.
    [[nodiscard]] QList<transfer::UploadStatus> uploads() const;
    // Bytes per second over the last few seconds, over every transfer.
    [[nodiscard]] qint64 uploadRate() const;
    [[nodiscard]] qint64 downloadRate() const;
    [[nodiscard]] transfer::TransferStats transferStats() const;
    // Bytes per second, 0 for none; from now on.
    void setUploadLimit(qint64 bytesPerSecond);
    void setDownloadLimit(qint64 bytesPerSecond);

    // A search over the ring; the caller owns it and calls start(). Null before start(), and off the ring
    // until a contact has answered.
    [[nodiscard]] std::unique_ptr<share::Search> search(const QString& query,
                                                        Millis timeout = Millis(10'000));

Q_SIGNALS:
    // Something worth telling the user that does not stop the node (a damaged file ignored, no bootstrap
    // node answering yet).
    void warning(const QString& message);
    // Joining through bootstrap nodes: none has answered any of its tries; the node keeps trying. Off the
    // ring: none proved itself (or none was given), and the session gives up.
    void bootstrapUnanswered();

    // The ring. joined(): on the ring; off it, in touch with it through a contact (isJoined() stays false,
    // since the session holds no place there).
    void joined();
    void predecessorChanged();
    void successorChanged();
    void peerLost(const ringshare::NodeId& id);
    // The port mapping's state changed (see portMapping()).
    void portMappingChanged(const ringshare::net::PortMappingState& state);
    // What reachability() says changed (the check's verdict, the role, the method).
    void reachabilityChanged();

    // Sharing: a file is ready (hashed, published), withdrawn (removed, changed or unshared), failed;
    // hashing goes on; every queued file is done.
    void fileShared(const ringshare::session::SharedFileRow& file);
    void fileWithdrawn(const ringshare::session::SharedFileRow& file);
    void fileFailed(const QString& path, const QString& error);
    void hashProgress(const QString& path, qint64 done, qint64 total);
    void hashingDone();

    // Transfers.
    void downloadProgress(const ringshare::transfer::DownloadStatus& status);
    void downloadFinished(const ringshare::share::ContentId& id, const QString& path);
    void downloadFailed(const ringshare::share::ContentId& id, const QString& error);
    void downloadCancelled(const ringshare::share::ContentId& id);
    void peerDropped(const ringshare::NodeId& peer, const QString& reason);

private:
    // Tests and benchmarks that inspect the parts (a node's record store, say) reach them through this,
    // which is declared under tests/ only: ui/ and app/ cannot name it.
    friend struct SessionInternals;

    Result<void> bind(const QHostAddress& address);
    Result<void> bindBoth(const QHostAddress& address, quint16 port);
    void forwardSignals();
    void savePeers();
    void restartUnfinished();
    void reachThroughBootstrap(int index);
    void joinThroughBootstrap();
    void resolveBootstrapAgain();
    void contactNow(const net::HostPort& node);
    void tell(const QStringList& warnings);
    [[nodiscard]] QList<net::Endpoint> withRemembered(const QList<net::Endpoint>& bootstrap) const;
    void findSources(const share::ContentId& id);
    void housekeeping();
    void warnLater(const QString& message);
    void startPortMapping();
    void onPortMappingChanged(const net::PortMappingState& state);
    // Reverse connections: a download asks a NATed source's rendezvous to have it connect here, and a
    // request passed on by this node's own rendezvous makes it connect out.
    void wireReverseConnections();
    // The TCP port others reach this node's transfers at: the router's mapping, or the port it listens on.
    [[nodiscard]] quint16 transferPortForOthers() const;
    [[nodiscard]] SharedFileRow rowOf(const share::SharedFile& file) const;

    SessionOptions m_options;
    Clock& m_clock;
    Random& m_random;
    std::unique_ptr<crypto::Identity> m_identity;
    std::unique_ptr<net::Transport> m_transport;
    std::unique_ptr<net::StreamTransport> m_streams;    // when given; else transfers own a TCP one
    std::unique_ptr<net::SocketFactory> m_freshSockets; // outlives the node that uses it
    std::unique_ptr<share::Library> m_library;
    std::unique_ptr<transfer::TransferManager> m_transfers;
    std::unique_ptr<dht::ChordNode> m_node;    // a ring member's
    std::unique_ptr<dht::RingClient> m_client; // or, off the ring, what asks it through a contact
    std::unique_ptr<share::IndexPublisher> m_publisher;
    std::unique_ptr<share::RecordSource> m_records; // a client's once a contact has answered
    std::unique_ptr<net::LanDiscovery> m_lan;
    std::unique_ptr<net::MappingBackendFactory> m_systemBackends; // when the options name none
    std::unique_ptr<net::PortMapper> m_portMapper;
    std::map<share::ContentId, std::unique_ptr<transfer::SourceFinder>> m_finders;
    QList<net::Endpoint> m_remembered;
    std::unique_ptr<net::HostResolver> m_systemResolver; // when the options name none
    net::HostResolver* m_resolver = nullptr;
    std::unique_ptr<BootstrapNodes> m_bootstrap;
    QList<net::HostPort> m_hints;          // contacts told before join()
    QList<net::Endpoint> m_clientContacts; // off the ring: what the bootstrap nodes resolved to
    bool m_joinStarted = false;
    bool m_stopping = false;
    qint64 m_startedUnixMs = 0;
    std::unique_ptr<Timer> m_bootstrapRetry;
    std::unique_ptr<Timer> m_housekeeping;
    std::unique_ptr<Timer> m_bootstrapWarning;
    std::unique_ptr<Timer> m_stopDeadline;
};

} // namespace ringshare::session
