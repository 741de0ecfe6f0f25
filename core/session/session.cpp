// The session: wiring the node, the library, the publisher and transfers together, and the door's rooms.
#include "session/session.h"

#include "crypto/identity.h"
#include "dht/chordnode.h"
#include "dht/ringclient.h"
#include "net/hostresolver.h"
#include "net/landiscovery.h"
#include "net/mappingbackend.h"
#include "net/peercache.h"
#include "net/portmapper.h"
#include "net/udptransport.h"
#include "session/bootstrapnodes.h"
#include "session/keptport.h"
#include "session/ringwatcher.h"
#include "share/indexpublisher.h"
#include "share/library.h"
#include "share/recordsource.h"
#include "share/search.h"
#include "transfer/sourcefinder.h"
#include "transfer/transfermanager.h"

#include <QDir>

namespace ringshare::session {

namespace {

// Ports drawn before the system is left to pick one (which is kept then too).
constexpr int kPortDraws = 8;

} // namespace

Session::Session(SessionOptions options, Clock& clock, Random& random, QObject* parent)
    : Session(std::move(options), SessionTransports{}, clock, random, parent) {}

Session::~Session() {
    m_portMapper.reset(); // waits for a router call under way; its mappings run out on their own
    // Transfers first: their connections and worker thread use the library; the node last but one.
    m_finders.clear();
    m_transfers.reset();
    m_publisher.reset();
    m_records.reset();
    m_lan.reset();
    m_node.reset();
    m_client.reset();
}

Session::Session(SessionOptions options, SessionTransports transports, Clock& clock, Random& random,
                 QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_clock(clock), m_random(random),
      m_transport(std::move(transports.datagrams)), m_streams(std::move(transports.streams)),
      m_freshSockets(std::move(transports.freshSockets)) {
    m_resolver = m_options.resolver;
    if (!m_resolver) {
        m_systemResolver = std::make_unique<net::SystemResolver>();
        m_resolver = m_systemResolver.get();
    }
    m_bootstrap = std::make_unique<BootstrapNodes>(m_options.bootstrap, *m_resolver);
}

Result<void> Session::start() {
    m_startedUnixMs = m_clock.unixMillis();
    auto identity = crypto::Identity::loadOrCreate(m_options.dataDir);
    if (!identity)
        return Error{identity.error()};
    m_identity = std::make_unique<crypto::Identity>(std::move(identity).value());

    m_library =
        std::make_unique<share::Library>(m_identity->clone(), m_options.dataDir, m_clock, m_options.work);
    if (auto loaded = m_library->load(); !loaded)
        warnLater(loaded.error());
    m_library->setRescanInterval(m_options.rescanInterval);

    transfer::TransferOptions transferOptions;
    transferOptions.downloadDir =
        m_options.downloadDir.isEmpty() ? QDir::currentPath() : m_options.downloadDir;
    transferOptions.stateDir = m_options.dataDir;
    transferOptions.uploadLimit = m_options.uploadLimit;
    transferOptions.downloadLimit = m_options.downloadLimit;
    transferOptions.diskWork = m_options.work;
    if (m_streams) {
        m_transfers = std::make_unique<transfer::TransferManager>(m_identity->clone(), *m_library, *m_streams,
                                                                  m_clock, m_random, transferOptions);
        const net::Endpoint here = m_transport->localEndpoint();
        if (auto listening = m_transfers->listen(here.address, here.port); !listening)
            return Error{listening.error()};
    } else {
        m_transfers = std::make_unique<transfer::TransferManager>(m_identity->clone(), *m_library, m_clock,
                                                                  m_random, transferOptions);
        if (auto bound = bind(m_options.bind.value_or(QHostAddress(QHostAddress::Any))); !bound)
            return bound;
    }

    if (m_options.ringMember) {
        dht::ChordConfig chord = m_options.chord;
        if (!m_streams) {
            // On its own sockets, on a real network: find out whether peers can dial it.
            chord.checkReachability = true;
            m_freshSockets = net::UdpTransport::freshSockets(m_transport->localEndpoint().address);
        }
        m_node =
            std::make_unique<dht::ChordNode>(m_identity->clone(), *m_transport, m_clock, m_random, chord);
        m_node->setFreshSockets(m_freshSockets.get());
        if (m_options.publishShares)
            m_publisher = std::make_unique<share::IndexPublisher>(*m_library, *m_node);
        m_records = std::make_unique<share::NodeRecordSource>(*m_node);
    } else {
        // A client's requests name no sender, so the ring neither routes to it nor hands it keys.
        m_client = std::make_unique<dht::RingClient>(*m_transport, m_clock, m_random);
    }
    wireReverseConnections();
    connect(m_transfers.get(), &transfer::TransferManager::downloadFinished, this,
            [this](const share::ContentId& id) { m_finders.erase(id); });
    connect(m_transfers.get(), &transfer::TransferManager::downloadFailed, this,
            [this](const share::ContentId& id) { m_finders.erase(id); });
    connect(m_transfers.get(), &transfer::TransferManager::downloadCancelled, this,
            [this](const share::ContentId& id) { m_finders.erase(id); });
    forwardSignals();
    return {};
}

Result<void> Session::bind(const QHostAddress& address) {
    if (!m_options.ringMember) {
        // Nobody reaches a client by its datagram port, so any free one does; the port asked for is the
        // transfers' alone.
        auto bound = net::UdpTransport::bind(address, 0);
        if (!bound)
            return Error{bound.error()};
        m_transport = std::move(bound).value();
        return m_transfers->listen(address, m_options.port);
    }
    // The DHT (UDP) and transfers (TCP) share one port: the one asked for, or else the one kept from the
    // last run, or one drawn and kept from now on. Another program may hold a drawn one, so a few are tried
    // before the system picks.
    if (m_options.port != 0)
        return bindBoth(address, m_options.port);
    const std::optional<quint16> kept = keptport::load(m_options.dataDir);
    QList<quint16> candidates;
    if (kept)
        candidates.append(*kept);
    while (candidates.size() < kPortDraws)
        candidates.append(keptport::draw(m_random));
    candidates.append(0);
    Result<void> bound;
    for (const quint16 candidate : std::as_const(candidates))
        if ((bound = bindBoth(address, candidate)))
            break;
    if (!bound)
        return bound;
    if (port() != kept)
        if (auto saved = keptport::save(m_options.dataDir, port()); !saved)
            warnLater(saved.error());
    return {};
}

Result<void> Session::bindBoth(const QHostAddress& address, quint16 wanted) {
    auto bound = net::UdpTransport::bind(address, wanted);
    if (!bound)
        return Error{bound.error()};
    m_transport = std::move(bound).value();
    if (auto listening = m_transfers->listen(address, port()); !listening) {
        m_transport.reset();
        return listening;
    }
    return {};
}

void Session::forwardSignals() {
    // The parts' own signals, re-told in the door's words; connected after the bookkeeping above, so a
    // listener sees a download's finder already gone.
    if (dht::ChordNode* node = m_node.get()) {
        connect(node, &dht::ChordNode::joined, this, &Session::joined);
        connect(node, &dht::ChordNode::predecessorChanged, this, &Session::predecessorChanged);
        connect(node, &dht::ChordNode::successorChanged, this, &Session::successorChanged);
        connect(node, &dht::ChordNode::peerLost, this, &Session::peerLost);
        connect(node, &dht::ChordNode::reachabilityChanged, this, &Session::reachabilityChanged);
        connect(node, &dht::ChordNode::roleChanged, this, &Session::reachabilityChanged);
        connect(node, &dht::ChordNode::attachmentChanged, this, &Session::reachabilityChanged);
    }

    share::Library* library = m_library.get();
    connect(library, &share::Library::fileReady, this,
            [this](const share::SharedFile& file) { Q_EMIT fileShared(rowOf(file)); });
    connect(library, &share::Library::fileWithdrawn, this,
            [this](const share::SharedFile& file) { Q_EMIT fileWithdrawn(rowOf(file)); });
    connect(library, &share::Library::fileFailed, this, &Session::fileFailed);
    connect(library, &share::Library::hashProgress, this, &Session::hashProgress);
    connect(library, &share::Library::idle, this, &Session::hashingDone);

    transfer::TransferManager* transfers = m_transfers.get();
    connect(transfers, &transfer::TransferManager::downloadProgress, this, &Session::downloadProgress);
    connect(transfers, &transfer::TransferManager::downloadFinished, this, &Session::downloadFinished);
    connect(transfers, &transfer::TransferManager::downloadFailed, this, &Session::downloadFailed);
    connect(transfers, &transfer::TransferManager::downloadCancelled, this, &Session::downloadCancelled);
    connect(transfers, &transfer::TransferManager::peerDropped, this, &Session::peerDropped);
}

void Session::join() {
    m_joinStarted = true;
    if (m_client) {
        for (const net::HostPort& hint : std::as_const(m_hints))
            m_bootstrap->add(hint);
        m_bootstrap->resolve([this](const QList<net::Endpoint>& endpoints, const QStringList& warnings) {
            tell(warnings);
            m_clientContacts = endpoints;
            reachThroughBootstrap(0);
        });
        return;
    }
    startPortMapping();
    // Peers from the last run: tried along with the bootstrap nodes, or on their own when there are none.
    if (auto loaded = net::peercache::load(m_options.dataDir))
        m_remembered = loaded.value();
    else
        Q_EMIT warning(loaded.error());

    if (m_options.bootstrap.isEmpty()) {
        // Nobody named: a ring of one at once, growing through the peers it remembers or hears of.
        m_node->createRing();
        for (const net::Endpoint& peer : std::as_const(m_remembered))
            m_node->addContact(peer);
        for (const net::HostPort& hint : std::as_const(m_hints)) {
            m_bootstrap->add(hint);
            contactNow(hint);
        }
    } else {
        for (const net::HostPort& hint : std::as_const(m_hints))
            m_bootstrap->add(hint);
        joinThroughBootstrap();
    }
    m_hints.clear();

    if (m_options.lan && m_options.bootstrap.isEmpty()) {
        m_lan = std::make_unique<net::LanDiscovery>(m_clock, m_random, m_node->id(), port(),
                                                    m_options.lanOptions);
        connect(m_lan.get(), &net::LanDiscovery::peerHeard, this,
                [this](const net::Endpoint& endpoint, const NodeId& id) {
                    const QList<dht::NodeRef> known = m_node->knownPeers(1000);
                    if (std::none_of(known.begin(), known.end(),
                                     [&](const dht::NodeRef& peer) { return peer.id == id; }))
                        m_node->addContact(endpoint);
                });
        if (auto started = m_lan->start(); !started)
            Q_EMIT warning(started.error());
    }

    if (m_options.restartUnfinished)
        restartUnfinished();

    m_housekeeping = m_clock.createTimer([this] {
        housekeeping();
        m_housekeeping->start(m_options.housekeepingInterval);
    });
    m_housekeeping->start(m_options.housekeepingInterval);
}

void Session::reachThroughBootstrap(int index) {
    // Off the ring: each bootstrap node (each address of a name) once, in turn, until one proves who it
    // is; the first that does is the contact every question goes through. No node answering ends it.
    if (index >= m_clientContacts.size()) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT bootstrapUnanswered(); }, Qt::QueuedConnection);
        return;
    }
    m_client->identify(m_clientContacts[index], [this, index](std::optional<dht::NodeRef> contact) {
        if (!contact) {
            reachThroughBootstrap(index + 1);
            return;
        }
        m_records = std::make_unique<share::ClientRecordSource>(*m_client, *contact);
        // Downloads asked for before the contact answered find their sources from now on.
        for (const transfer::DownloadStatus& status : m_transfers->downloads())
            if (m_transfers->isDownloading(status.id) && !m_transfers->isPaused(status.id) &&
                !m_finders.contains(status.id))
                findSources(status.id);
        Q_EMIT joined();
    });
}

void Session::warnLater(const QString& message) {
    // Said from start(), before anyone could connect to warning(): told on the event loop's next turn.
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT warning(message); }, Qt::QueuedConnection);
}

void Session::housekeeping() {
    // Remember who we know, and while alone, knock again on every door we know of.
    savePeers();
    if (!m_node->isJoined() || !m_node->successors().isEmpty())
        return;
    for (const net::Endpoint& peer : std::as_const(m_remembered))
        m_node->addContact(peer);
    if (m_bootstrap->isEmpty())
        return;
    // Names are looked up again: an address that changed, or a name the network could not resolve before.
    m_bootstrap->resolve([this](const QList<net::Endpoint>& endpoints, const QStringList& warnings) {
        tell(warnings);
        for (const net::Endpoint& peer : endpoints)
            m_node->addContact(peer);
        if (m_bootstrap->hasNames() && !endpoints.isEmpty())
            m_node->setBootstrap(withRemembered(endpoints));
    });
}

void Session::savePeers() {
    if (!m_node)
        return;
    const QList<dht::NodeRef> peers = m_node->knownPeers(net::peercache::kMaxPeers);
    if (peers.isEmpty())
        return;
    if (auto saved = net::peercache::save(m_options.dataDir, peers); !saved)
        Q_EMIT warning(saved.error());
}

void Session::stop(std::function<void(bool left)> done) {
    if (m_housekeeping)
        m_housekeeping->stop();
    // No join round starts once leaving, not even from a name lookup still under way.
    m_stopping = true;
    m_bootstrapRetry.reset();
    savePeers();
    auto once = std::make_shared<std::function<void(bool)>>(std::move(done));
    const auto finish = [once](bool left) {
        if (*once)
            std::exchange(*once, {})(left);
    };
    // The leave and the removal of the port mappings go on side by side; done when both are.
    auto pending = std::make_shared<int>(m_portMapper ? 2 : 1);
    auto left = std::make_shared<bool>(false);
    const auto partDone = [pending, left, finish] {
        if (--*pending == 0)
            finish(*left);
    };
    // Do not hang on a dead ring, or a router that stopped answering.
    m_stopDeadline = m_clock.createTimer([finish, left] { finish(*left); });
    m_stopDeadline->start(Millis(5000));
    if (m_portMapper)
        m_portMapper->stop(partDone);
    if (!m_node || !m_node->isJoined()) {
        partDone();
        return;
    }
    m_node->leave([left, partDone] {
        *left = true;
        partDone();
    });
}

quint16 Session::port() const {
    return m_transport ? m_transport->localEndpoint().port : 0;
}

net::Endpoint Session::localEndpoint() const {
    return m_transport ? m_transport->localEndpoint() : net::Endpoint{};
}

NodeId Session::id() const {
    return m_identity ? m_identity->nodeId() : NodeId();
}

void Session::restartUnfinished() {
    // Here rather than in start(): the app has connected to the transfer signals by now, so it sees them.
    for (const share::Link& link : m_transfers->unfinishedDownloads())
        if (auto started = download(link); !started)
            Q_EMIT warning(started.error());
}

Result<void> Session::download(const share::Link& link) {
    if (auto started = m_transfers->download(link); !started)
        return started;
    for (const net::HostPort& contact : link.contacts)
        addContact(contact);
    if (m_records && !m_transfers->isPaused(link.id) && !m_finders.contains(link.id))
        findSources(link.id);
    return {};
}

void Session::findSources(const share::ContentId& id) {
    auto& finder = m_finders[id];
    if (!finder)
        finder = std::make_unique<transfer::SourceFinder>(*m_records, *m_transfers, m_clock, id);
    finder->start();
}

void Session::pauseDownload(const share::ContentId& id) {
    m_transfers->pauseDownload(id);
    if (const auto it = m_finders.find(id); it != m_finders.end())
        it->second->stop();
}

void Session::resumeDownload(const share::ContentId& id) {
    m_transfers->resumeDownload(id);
    if (m_records && m_transfers->isDownloading(id))
        findSources(id);
}

void Session::cancelDownload(const share::ContentId& id) {
    m_finders.erase(id);
    m_transfers->cancelDownload(id);
}

std::unique_ptr<share::Search> Session::search(const QString& query, Millis timeout) {
    if (!m_records)
        return nullptr;
    return std::make_unique<share::Search>(*m_records, m_clock, query, timeout);
}

RingState Session::ringState() const {
    if (!m_node)
        return RingState::Offline;
    switch (m_node->state()) {
    case dht::ChordNode::State::Idle:
    case dht::ChordNode::State::Left:
        return RingState::Offline;
    case dht::ChordNode::State::Joining:
        return RingState::Joining;
    case dht::ChordNode::State::Joined:
        return RingState::Joined;
    case dht::ChordNode::State::Leaving:
        return RingState::Leaving;
    }
    return RingState::Offline;
}

bool Session::isJoined() const {
    return m_node && m_node->isJoined();
}

bool Session::isAlone() const {
    return isJoined() && m_node->successors().isEmpty();
}

std::optional<NodeId> Session::predecessorId() const {
    if (!m_node || !m_node->predecessor())
        return std::nullopt;
    return m_node->predecessor()->id;
}

std::optional<NodeId> Session::successorId() const {
    if (!m_node || m_node->successors().isEmpty())
        return std::nullopt;
    return m_node->successors().first().id;
}

int Session::keysHeld() const {
    return m_node ? int(m_node->store().keyCount()) : 0;
}

std::unique_ptr<RingWatcher> Session::watchRing(QObject* parent) {
    if (!m_node)
        return nullptr;
    return std::make_unique<RingWatcher>(*m_node, m_clock, parent);
}

void Session::traceLookup(const NodeId& key, std::function<void(const QList<NodeId>&)> done) {
    if (!isJoined())
        return;
    m_node->lookup(key, [done = std::move(done)](const dht::LookupResult& result) {
        QList<NodeId> route;
        for (const dht::NodeRef& hop : result.path)
            route << hop.id;
        // The owner answers last when routing ended next to it; make sure the route ends there.
        if (result.found && (route.isEmpty() || route.last() != result.owner.id))
            route << result.owner.id;
        done(route);
    });
}

Result<void> Session::share(const QString& path) {
    if (!m_library)
        return Error{tr("The session has not started.")};
    return m_library->add(path);
}

void Session::unshare(const QString& root) {
    if (m_library)
        m_library->remove(root);
}

QStringList Session::sharedRoots() const {
    return m_library ? m_library->roots() : QStringList();
}

SharedFileRow Session::rowOf(const share::SharedFile& file) const {
    return SharedFileRow::of(file, m_publisher ? m_publisher->keywordRecordCount(file.contentId) : 0);
}

QList<SharedFileRow> Session::sharedFiles() const {
    QList<SharedFileRow> rows;
    if (!m_library)
        return rows;
    const QList<share::SharedFile> files = m_library->files();
    rows.reserve(files.size());
    for (const share::SharedFile& file : files)
        rows << rowOf(file);
    return rows;
}

bool Session::isSharing(const share::ContentId& id) const {
    return m_library && m_library->fileFor(id).has_value();
}

bool Session::isHashingDone() const {
    return !m_library || m_library->isIdle();
}

std::optional<transfer::DownloadStatus> Session::downloadStatus(const share::ContentId& id) const {
    return m_transfers ? m_transfers->downloadStatus(id) : std::nullopt;
}

QList<transfer::DownloadStatus> Session::downloads() const {
    return m_transfers ? m_transfers->downloads() : QList<transfer::DownloadStatus>();
}

bool Session::isPaused(const share::ContentId& id) const {
    return m_transfers && m_transfers->isPaused(id);
}

QList<transfer::UploadStatus> Session::uploads() const {
    return m_transfers ? m_transfers->uploads() : QList<transfer::UploadStatus>();
}

qint64 Session::uploadRate() const {
    return m_transfers ? m_transfers->uploadRate() : 0;
}

qint64 Session::downloadRate() const {
    return m_transfers ? m_transfers->downloadRate() : 0;
}

transfer::TransferStats Session::transferStats() const {
    return m_transfers ? m_transfers->stats() : transfer::TransferStats{};
}

void Session::setUploadLimit(qint64 bytesPerSecond) {
    m_options.uploadLimit = bytesPerSecond;
    if (m_transfers)
        m_transfers->setUploadLimit(bytesPerSecond);
}

void Session::setDownloadLimit(qint64 bytesPerSecond) {
    m_options.downloadLimit = bytesPerSecond;
    if (m_transfers)
        m_transfers->setDownloadLimit(bytesPerSecond);
}

} // namespace ringshare::session
