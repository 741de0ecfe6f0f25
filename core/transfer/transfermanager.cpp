// The transfer facade: routes what peers say to the download or seed it is about, and the user's words to
// the rooms; see transfermanager.h.
#include "transfer/transfermanager.h"

#include "base/logging.h"
#include "net/tcpstreamtransport.h"
#include "transfer/bitfield.h"
#include "transfer/resumestore.h"

#include <QCoreApplication>
#include <QFile>
#include <fcntl.h>
#include <unistd.h>

namespace ringshare::transfer {

namespace {

constexpr Millis kTickInterval{1000};

TransferMessage messageOf(MessageType type, const share::ContentId& id, quint32 index = 0) {
    TransferMessage message;
    message.type = type;
    message.id = id;
    message.index = index;
    return message;
}

bool bitfieldFits(const QByteArray& bits, int chunkCount) {
    return bits.isEmpty() || bits.size() == (chunkCount + 7) / 8;
}

} // namespace

TransferManager::Seed::~Seed() {
    if (fd >= 0)
        ::close(fd);
}

TransferManager::TransferManager(crypto::Identity identity, share::Library& library, Clock& clock,
                                 Random& random, TransferOptions options, QObject* parent)
    : TransferManager(std::move(identity), library, std::make_unique<net::TcpStreamTransport>(), nullptr,
                      clock, random, std::move(options), parent) {}

TransferManager::TransferManager(crypto::Identity identity, share::Library& library,
                                 net::StreamTransport& streams, Clock& clock, Random& random,
                                 TransferOptions options, QObject* parent)
    : TransferManager(std::move(identity), library, std::unique_ptr<net::StreamTransport>(), &streams, clock,
                      random, std::move(options), parent) {}

TransferManager::TransferManager(crypto::Identity identity, share::Library& library,
                                 std::unique_ptr<net::StreamTransport> own, net::StreamTransport* streams,
                                 Clock& clock, Random& random, TransferOptions options, QObject* parent)
    : QObject(parent), m_ownStreams(std::move(own)), m_identity(std::move(identity)),
      m_id(m_identity.nodeId()), m_library(library), m_clock(clock), m_random(random),
      m_options(std::move(options)), m_downloadLimit(clock), m_disk(*this, clock, m_options.diskWork),
      m_uploader(*this, clock, m_options.uploadLimit, m_options.maxQueuedRequests, m_stats),
      m_pool(m_identity, streams ? *streams : *m_ownStreams, *this, m_downloadLimit, clock, m_options,
             m_stats),
      m_awaited(clock) {
    m_downloadLimit.setRate(m_options.downloadLimit);
    m_tickTimer = clock.createTimer([this] {
        for (auto& [id, download] : m_downloads)
            download->tick();
        m_awaited.forgetStale();
        m_tickTimer->start(kTickInterval);
    });
    m_tickTimer->start(kTickInterval);
    connect(&library, &share::Library::fileWithdrawn, this, [this](const share::SharedFile& file) {
        // A finished download is over once its file is no longer shared (unshared, or deleted and found
        // gone): kept, it would hold the deleted file open and go on serving it, and a new download of the
        // same content would be a silent no-op. A download records its final path only after the library
        // has the file, so the library replacing an older entry at that path cannot close it here.
        if (Download* download = downloadFor(file.id());
            download && download->phase() == Download::Phase::Finished && !m_library.fileFor(file.id()))
            closeSwarm(file.id());
        else if (seedFor(file.id()))
            closeSwarm(file.id());
    });
}

TransferManager::~TransferManager() {
    // Chunks still being written finish first; then every unfinished download's map is saved.
    m_disk.waitForDone();
    for (auto& [id, download] : m_downloads)
        download->saveNow();
    m_disk.waitForDone();
}

// ---- finding the swarm ----------------------------------------------------------------------------------

Download* TransferManager::downloadFor(const share::ContentId& id) const {
    const auto it = m_downloads.find(id);
    return it == m_downloads.end() ? nullptr : it->second.get();
}

Download* TransferManager::downloadFor(const share::ContentId& id, quint64 serial) const {
    Download* download = downloadFor(id);
    return download && download->serial() == serial ? download : nullptr;
}

TransferManager::Seed* TransferManager::seedFor(const share::ContentId& id) const {
    const auto it = m_seeds.find(id);
    return it == m_seeds.end() ? nullptr : it->second.get();
}

TransferManager::Seed* TransferManager::openSeed(const share::ContentId& id) {
    if (Seed* seed = seedFor(id))
        return seed;
    const std::optional<share::SharedFile> file = m_library.fileFor(id);
    if (!file)
        return nullptr;
    // The path comes from the library, never from the network.
    const int fd = ::open(QFile::encodeName(file->path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    auto seed = std::make_unique<Seed>();
    seed->manifest = file->manifest;
    seed->have = QBitArray(file->manifest->chunkCount(), true);
    seed->fd = fd;
    return m_seeds.emplace(id, std::move(seed)).first->second.get();
}

bool TransferManager::isMember(PeerHandle peer, const share::ContentId& id) const {
    if (const Download* download = downloadFor(id))
        return download->isMember(peer);
    const Seed* seed = seedFor(id);
    return seed && seed->members.contains(peer);
}

UploadHost::Chunk TransferManager::servable(const share::ContentId& id, int index) const {
    if (const Download* download = downloadFor(id))
        return download->hasChunk(index) ? Chunk{download->manifest().get(), download->fd()} : Chunk{};
    const Seed* seed = seedFor(id);
    if (!seed || index < 0 || index >= seed->manifest->chunkCount())
        return {};
    return {seed->manifest.get(), seed->fd};
}

QString TransferManager::nameOf(const share::ContentId& id) const {
    if (const Download* download = downloadFor(id))
        return download->name();
    const Seed* seed = seedFor(id);
    return seed ? seed->manifest->name : QString();
}

void TransferManager::closeSwarm(const share::ContentId& id) {
    if (const auto it = m_downloads.find(id); it != m_downloads.end()) {
        forgetSwarm(id, it->second->members());
        m_downloads.erase(it);
    } else if (const auto seed = m_seeds.find(id); seed != m_seeds.end()) {
        forgetSwarm(id, seed->second->members.keys());
        m_seeds.erase(seed);
    }
}

void TransferManager::forgetSwarm(const share::ContentId& id, const QList<PeerHandle>& members) {
    for (const PeerHandle peer : members) {
        m_links[peer].swarms.remove(id);
        m_uploader.forget(peer, id);
    }
}

// ---- connections ----------------------------------------------------------------------------------------

void TransferManager::onPeerReady(PeerHandle peer) {
    Link& link = m_links[peer];
    link.ready = true;
    QList<share::ContentId> pending = std::exchange(link.pendingInterest, {});
    // A peer this node asked to connect here (through its rendezvous) has: its swarms are these.
    for (const share::ContentId& id : m_awaited.arrived(m_pool.peerId(peer)))
        if (!pending.contains(id))
            pending.append(id);
    for (const share::ContentId& id : std::as_const(pending))
        joinSwarm(peer, id, true);
}

void TransferManager::onPeerMerged(PeerHandle lost, PeerHandle kept) {
    const Link& from = m_links[lost];
    QList<share::ContentId> moved = from.pendingInterest;
    for (const share::ContentId& id : from.swarms)
        if (!moved.contains(id))
            moved.append(id);
    Link& to = m_links[kept];
    for (const share::ContentId& id : std::as_const(moved)) {
        if (to.ready)
            joinSwarm(kept, id, true);
        else if (!to.pendingInterest.contains(id))
            to.pendingInterest.append(id);
    }
}

void TransferManager::onPeerClosed(PeerHandle peer, const QString&) {
    const QSet<share::ContentId> swarms = m_links.take(peer).swarms;
    m_uploader.forget(peer);
    for (const share::ContentId& id : swarms) {
        if (Download* download = downloadFor(id)) {
            download->onMemberClosed(peer);
        } else if (Seed* seed = seedFor(id)) {
            seed->members.remove(peer);
            if (seed->members.isEmpty())
                closeSwarm(id);
        }
    }
}

void TransferManager::onPeerWritable(PeerHandle) {
    m_uploader.schedulePump();
}

void TransferManager::send(PeerHandle peer, const TransferMessage& message) {
    m_pool.send(peer, message);
}

void TransferManager::closeConnection(PeerHandle peer, const QString& reason) {
    m_pool.close(peer, reason);
}

bool TransferManager::isReady(PeerHandle peer) const {
    return m_pool.isReady(peer);
}

bool TransferManager::isBusy(PeerHandle peer) const {
    return m_pool.isBusy(peer);
}

bool TransferManager::isClosed(PeerHandle peer) const {
    return m_pool.isClosed(peer);
}

NodeId TransferManager::peerId(PeerHandle peer) const {
    return m_pool.peerId(peer);
}

void TransferManager::drop(PeerHandle peer, const QString& reason) {
    const NodeId id = m_pool.peerId(peer);
    qCDebug(lcTransfer) << "dropping peer" << id.shortHex() << "at" << m_pool.peerAddress(peer) << ":"
                        << reason;
    ++m_stats.peersDropped;
    // Banned from every swarm it was in: closing the connection makes a download dial its known sources
    // again, and a peer dropped for breaking the protocol would otherwise be dialled straight back, to
    // break it again, in a loop as fast as the loopback allows.
    for (const share::ContentId& swarm : m_links.value(peer).swarms) {
        if (Download* download = downloadFor(swarm))
            download->ban(id);
        else if (Seed* seed = seedFor(swarm))
            seed->banned.add(id);
    }
    Q_EMIT peerDropped(id, reason);
    m_pool.close(peer, reason);
}

void TransferManager::connectFor(const share::ContentId& id, const PeerAddress& peer) {
    if (peer.port == 0 && peer.rendezvous) {
        awaitReverse(id, peer);
        return;
    }
    const PeerHandle handle = m_pool.dial(peer);
    if (handle == kNoPeer)
        return;
    Link& link = m_links[handle];
    if (link.ready)
        joinSwarm(handle, id, true);
    else if (!link.pendingInterest.contains(id))
        link.pendingInterest.append(id);
}

// ---- swarms ---------------------------------------------------------------------------------------------

void TransferManager::joinSwarm(PeerHandle peer, const share::ContentId& id, bool announce) {
    TransferMessage interested = messageOf(MessageType::Interested, id);
    if (Download* download = downloadFor(id)) {
        download->join(peer);
        if (download->manifest())
            interested.data = bitfieldBytes(download->have());
    } else if (Seed* seed = seedFor(id)) {
        if (!seed->members.contains(peer))
            seed->members.insert(peer, false);
        interested.data = bitfieldBytes(seed->have);
    } else {
        return;
    }
    m_links[peer].swarms.insert(id);
    if (announce)
        m_pool.send(peer, interested);
}

void TransferManager::introduce(const share::ContentId& id, PeerHandle newcomer) {
    if (m_pool.peerListenPort(newcomer) == 0)
        return;
    const Download* download = downloadFor(id);
    const Seed* seed = seedFor(id);
    const QList<PeerHandle> members = download ? download->members()
                                      : seed   ? seed->members.keys()
                                               : QList<PeerHandle>();
    const auto addressOf = [this](PeerHandle peer) {
        return PeerAddress{m_pool.peerAddress(peer), m_pool.peerListenPort(peer), m_pool.peerId(peer)};
    };
    TransferMessage others = messageOf(MessageType::Peers, id);
    TransferMessage aboutNewcomer = messageOf(MessageType::Peers, id);
    aboutNewcomer.peers.append(addressOf(newcomer));
    for (const PeerHandle member : members) {
        if (member == newcomer || !m_pool.isReady(member) || m_pool.peerListenPort(member) == 0)
            continue;
        if (others.peers.size() < TransferMessage::kMaxPeers)
            others.peers.append(addressOf(member));
        m_pool.send(member, aboutNewcomer);
    }
    if (!others.peers.isEmpty())
        m_pool.send(newcomer, others);
}

void TransferManager::onInterested(PeerHandle peer, const TransferMessage& message) {
    const NodeId who = m_pool.peerId(peer);
    Download* download = downloadFor(message.id);
    Seed* seed = download ? nullptr : openSeed(message.id);
    const bool member = isMember(peer, message.id);
    const bool refused =
        download
            ? download->isBanned(who) || (!member && download->memberCount() >= m_options.maxPeersPerSwarm)
        : seed ? seed->banned.contains(who) || (!member && seed->members.size() >= m_options.maxPeersPerSwarm)
               : true;
    if (refused) {
        m_pool.send(peer, messageOf(MessageType::NotFound, message.id));
        return;
    }
    joinSwarm(peer, message.id, false);
    TransferMessage bitfield = messageOf(MessageType::Bitfield, message.id);
    if (download) {
        if (download->manifest())
            bitfield.data = bitfieldBytes(download->have());
        m_pool.send(peer, bitfield);
        if (download->onAnnounced(peer, message.data) == Download::Announced::Dropped)
            return;
        if (!member)
            introduce(message.id, peer);
        download->askFrom(peer);
        return;
    }
    bitfield.data = bitfieldBytes(seed->have);
    m_pool.send(peer, bitfield);
    if (!bitfieldFits(message.data, seed->manifest->chunkCount())) {
        drop(peer, QCoreApplication::translate("ringshare::transfer::TransferManager",
                                               "a bitfield of the wrong size"));
        return;
    }
    seed->members[peer] = true;
    if (!member)
        introduce(message.id, peer);
}

void TransferManager::onBitfield(PeerHandle peer, const TransferMessage& message) {
    if (!isMember(peer, message.id))
        return; // an answer to an interest we gave up on
    if (Download* download = downloadFor(message.id)) {
        const Download::Announced announced = download->onAnnounced(peer, message.data);
        if (announced == Download::Announced::Dropped)
            return;
        if (announced == Download::Announced::First)
            introduce(message.id, peer);
        download->askFrom(peer);
        return;
    }
    Seed* seed = seedFor(message.id);
    if (!bitfieldFits(message.data, seed->manifest->chunkCount())) {
        drop(peer, QCoreApplication::translate("ringshare::transfer::TransferManager",
                                               "a bitfield of the wrong size"));
        return;
    }
    if (!std::exchange(seed->members[peer], true))
        introduce(message.id, peer);
}

void TransferManager::onNotFound(PeerHandle peer, const share::ContentId& id) {
    if (!isMember(peer, id))
        return;
    Download* download = downloadFor(id);
    if (download)
        download->leave(peer);
    else
        seedFor(id)->members.remove(peer);
    Link& link = m_links[peer];
    link.swarms.remove(id);
    if (link.swarms.isEmpty() && !m_uploader.hasQueued(peer))
        m_pool.close(
            peer, QCoreApplication::translate("ringshare::transfer::TransferManager", "nothing in common"));
    else if (download)
        download->refill();
}

void TransferManager::onPeerMessage(PeerHandle peer, const TransferMessage& message) {
    Download* download = downloadFor(message.id);
    const bool member = isMember(peer, message.id);
    switch (message.type) {
    case MessageType::Interested:
        onInterested(peer, message);
        return;
    case MessageType::Bitfield:
        onBitfield(peer, message);
        return;
    case MessageType::NotFound:
        onNotFound(peer, message.id);
        return;
    case MessageType::Have:
        if (!member)
            return;
        if (download) {
            download->onHave(peer, message.index);
        } else if (Seed* seed = seedFor(message.id)) {
            if (message.index >= quint32(seed->manifest->chunkCount()))
                drop(peer, QCoreApplication::translate("ringshare::transfer::TransferManager",
                                                       "announced a chunk that does not exist"));
            else
                seed->members[peer] = true;
        }
        return;
    case MessageType::GetManifest: {
        const Seed* seed = seedFor(message.id);
        const std::shared_ptr<const share::Manifest> manifest = download ? download->manifest()
                                                                : seed   ? seed->manifest
                                                                         : nullptr;
        if (manifest) {
            TransferMessage reply = messageOf(MessageType::ManifestData, message.id);
            reply.data = manifest->encode();
            m_pool.send(peer, reply);
        } else {
            m_pool.send(peer, messageOf(MessageType::NotFound, message.id));
        }
        return;
    }
    case MessageType::ManifestData:
        if (member && download)
            download->onManifest(peer, message.data);
        return;
    case MessageType::Request:
        m_uploader.onRequest(peer, message.id, int(message.index));
        return;
    case MessageType::Block:
        // A seed asked nobody for anything.
        if (!member || !download || !download->manifest()) {
            drop(peer, QCoreApplication::translate("ringshare::transfer::TransferManager",
                                                   "sent data nobody asked for"));
            return;
        }
        download->onBlock(peer, message);
        return;
    case MessageType::Reject:
        if (member && download)
            download->onReject(peer, message.index);
        return;
    case MessageType::Cancel:
        m_uploader.onCancel(peer, message.id, int(message.index));
        return;
    case MessageType::Peers:
        if (member)
            for (const PeerAddress& source : message.peers)
                addSource(message.id, source);
        return;
    case MessageType::Hello:
        return;
    }
}

// ---- downloads ------------------------------------------------------------------------------------------

Result<void> TransferManager::download(const share::Link& link) {
    if (Download* existing = downloadFor(link.id)) {
        if (existing->phase() != Download::Phase::Failed)
            return {};
        // Its last chunks may still be on their way to its file: the disk worker runs them before anything
        // of the new one, whose results it tells apart by serial.
        closeSwarm(link.id);
    } else if (Seed* seed = seedFor(link.id)) {
        return Error{QCoreApplication::translate("ringshare::transfer::TransferManager",
                                                 "%1 is already shared from this computer.")
                         .arg(seed->manifest->name)};
    }
    auto started =
        Download::start(link, *this, m_clock, m_random, m_options, m_stats, m_discarding.contains(link.id));
    if (!started.ok())
        return Error{started.error()};
    Download* download = m_downloads.emplace(link.id, std::move(started).value()).first->second.get();
    Q_EMIT downloadProgress(download->status());
    return {};
}

void TransferManager::addSource(const share::ContentId& id, const PeerAddress& peer) {
    if (Download* download = downloadFor(id); download && peer.id != m_id)
        download->addSource(peer);
}

std::optional<DownloadStatus> TransferManager::downloadStatus(const share::ContentId& id) const {
    if (const Download* download = downloadFor(id))
        return download->status();
    return std::nullopt;
}

QList<DownloadStatus> TransferManager::downloads() const {
    QList<DownloadStatus> list;
    for (const auto& [id, download] : m_downloads)
        list.append(download->status());
    return list;
}

bool TransferManager::isDownloading(const share::ContentId& id) const {
    // A finished download counts until its file is in place.
    const Download* download = downloadFor(id);
    return download && download->isActive();
}

bool TransferManager::isPaused(const share::ContentId& id) const {
    const Download* download = downloadFor(id);
    return download && download->isPaused();
}

void TransferManager::pauseDownload(const share::ContentId& id) {
    if (Download* download = downloadFor(id))
        download->pause();
}

void TransferManager::resumeDownload(const share::ContentId& id) {
    if (Download* download = downloadFor(id))
        download->resume();
}

void TransferManager::cancelDownload(const share::ContentId& id) {
    Download* download = downloadFor(id);
    if (!download || !download->isCancellable())
        return;
    download->cancel();
    m_discarding.insert(id);
    // The peers stop counting on us for this content, and connections that were only for it go.
    QList<PeerHandle> members = download->members();
    for (const PeerHandle peer : std::as_const(members))
        m_pool.send(peer, messageOf(MessageType::NotFound, id));
    for (auto it = m_links.begin(); it != m_links.end(); ++it)
        if (it->pendingInterest.removeAll(id) > 0)
            members.append(it.key());
    closeSwarm(id);
    for (const PeerHandle peer : std::as_const(members)) {
        const auto link = m_links.constFind(peer);
        if (link != m_links.constEnd() && link->swarms.isEmpty() && !m_uploader.hasQueued(peer) &&
            link->pendingInterest.isEmpty())
            m_pool.close(peer, QCoreApplication::translate("ringshare::transfer::TransferManager",
                                                           "the download was cancelled"));
    }
    qCDebug(lcTransfer) << "cancelled" << id.toHex();
    Q_EMIT downloadCancelled(id);
}

QList<share::Link> TransferManager::unfinishedDownloads() const {
    return ResumeStore::unfinished(m_options.stateDir, m_discarding);
}

QList<UploadStatus> TransferManager::uploads() const {
    return m_uploader.uploads();
}

void TransferManager::chunkAdded(const share::ContentId&, qint64 bytes) {
    m_downloadMeter.add(bytes, m_clock.now());
    m_uploader.schedulePump(); // peers may want what we just got
}

void TransferManager::progressed(const DownloadStatus& status) {
    Q_EMIT downloadProgress(status);
}

void TransferManager::placed(const QString& path, const share::Manifest& manifest) {
    m_library.addVerified(path, manifest);
}

void TransferManager::failed(const share::ContentId& id, const QString& error) {
    Q_EMIT downloadFailed(id, error);
}

// ---- the disk worker's results --------------------------------------------------------------------------

void TransferManager::onChunkChecked(const ChunkChecked& event) {
    if (Download* download = downloadFor(event.id, event.serial))
        download->onChunkChecked(event);
}

void TransferManager::onPartOpened(PartOpened& event) {
    if (Download* download = downloadFor(event.id, event.serial))
        download->onPartOpened(event);
}

void TransferManager::onPartFinished(const PartFinished& event) {
    Download* download = downloadFor(event.id, event.serial);
    // Announced last: a receiver may unshare the file at once, which lets the download go.
    if (download && download->onPartFinished(event))
        Q_EMIT downloadFinished(event.id, event.path.value());
}

void TransferManager::onFilesDiscarded(const FilesDiscarded& event) {
    m_discarding.remove(event.id);
}

} // namespace ringshare::transfer
