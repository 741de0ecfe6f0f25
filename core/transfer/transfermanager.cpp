#include "transfer/transfermanager.h"

#include "base/fileio.h"
#include "base/logging.h"
#include "net/endpoint.h"
#include "transfer/bitfield.h"

#include <QDir>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace ringshare::transfer {

namespace {

// How often the resume map is written while chunks arrive: often enough that a crash costs little, rarely
// enough that flushing it does not slow a fast download.
constexpr Millis kStateSaveInterval{250};
constexpr Millis kTickInterval{1000};
// Stray blocks of chunks we cancelled are expected; a peer that sends more than this many unasked bytes
// is wasting our bandwidth on purpose.
constexpr qint64 kMaxUnaskedBytes = 16 * 1024 * 1024;
constexpr qint64 kMaxBytesInFlight = 16 * 1024 * 1024;
// Complete chunks waiting to be checked and written, per download. When the disk or the worker thread is
// slower than the network, requests wait for them instead of piling chunks up in memory.
constexpr qint64 kMaxBytesVerifying = 32 * 1024 * 1024;
// A peer counts as downloading from us this long after its last request: a chunk takes a few requests'
// time to send, and a list of uploads should not flicker between them.
constexpr Millis kUploadActive{5000};
constexpr qsizetype kMaxBannedPerSwarm = 1024;

TransferMessage messageOf(MessageType type, const share::ContentId& id, quint32 index = 0) {
    TransferMessage message;
    message.type = type;
    message.id = id;
    message.index = index;
    return message;
}

} // namespace

// One peer as a member of one swarm.
struct TransferManager::PeerState {
    QBitArray has;
    QByteArray rawBits;     // what the peer announced before we knew the manifest
    QList<int> asked;       // chunks asked of this peer that have not arrived
    Millis waitingSince{0}; // the last block from it, or the request that ended a spell of nothing asked
    QHash<int, QByteArray> incoming;
    QSet<int> cancelled;
    qint64 unaskedBytes = 0;
    RateMeter meter;
    bool manifestAsked = false;
    bool announced = false; // its bitfield arrived
};

struct TransferManager::Swarm {
    share::ContentId id;
    std::shared_ptr<const share::Manifest> manifest;
    // While downloading, and after, for serving. Shared with the chunks being written on the worker thread,
    // so a cancelled download's file stays open until the last of them is done with it.
    std::shared_ptr<PartFile> part;
    int seedFd = -1; // a library file being served
    PiecePicker picker;
    QHash<PeerConnection*, PeerState> peers;
    QList<PeerAddress> known; // candidates, connected or not
    QSet<NodeId> banned;
    QSet<NodeId> stalled; // disconnected once for sending nothing asked of it; a second time bans it
    bool downloading = false;
    bool finished = false;
    bool failed = false;
    bool paused = false;
    bool resuming = false; // the part file of an earlier run is being checked on the worker
    quint64 serial = 0;
    // Set when the download is cancelled: chunks still queued for the worker are then neither checked nor
    // written.
    std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);
    QString name;
    qint64 linkSize = 0;
    QString finalPath;
    QString error;
    RateMeter meter;
    Millis lastSave{0};
    bool stateDirty = false;
    QSet<int> verifying; // complete chunks being checked and written on the worker thread

    ~Swarm() {
        if (seedFd >= 0)
            ::close(seedFd);
    }
    [[nodiscard]] int fd() const { return part ? part->fd() : seedFd; }
    [[nodiscard]] bool complete() const { return !downloading || finished; }
};

TransferManager::TransferManager(crypto::Identity identity, share::Library& library, Clock& clock,
                                 Random& random, TransferOptions options, QObject* parent)
    : QObject(parent), m_identity(std::move(identity)), m_id(m_identity.nodeId()), m_library(library),
      m_clock(clock), m_random(random), m_options(std::move(options)), m_uploadLimit(clock),
      m_downloadLimit(clock) {
    m_uploadLimit.setRate(m_options.uploadLimit);
    m_downloadLimit.setRate(m_options.downloadLimit);
    connect(&m_server, &QTcpServer::newConnection, this, &TransferManager::accept);
    m_pumpTimer = clock.createTimer([this] { pump(); });
    m_tickTimer = clock.createTimer([this] {
        for (auto& [id, swarm] : m_swarms)
            if (swarm->downloading && !swarm->finished && !swarm->failed) {
                saveState(*swarm, false);
                if (!swarm->paused) {
                    dropStalled(*swarm);
                    connectKnown(*swarm);
                    reportProgress(*swarm);
                }
            }
        m_tickTimer->start(kTickInterval);
    });
    m_tickTimer->start(kTickInterval);
    connect(&library, &share::Library::fileWithdrawn, this, [this](const share::SharedFile& file) {
        Swarm* swarm = swarmFor(file.id());
        if (!swarm)
            return;
        // A finished download is over once its file is no longer shared (unshared, or deleted and found
        // gone): kept, it would hold the deleted file open and go on serving it, and a new download of the
        // same content would be a silent no-op. onFinished() sets finalPath only after the library has
        // the file, so the library replacing an older entry at that path cannot close it here.
        if (swarm->downloading && swarm->finished && !swarm->finalPath.isEmpty() &&
            !m_library.fileFor(file.id()))
            swarm->downloading = false;
        if (!swarm->downloading)
            closeIdleSwarm(file.id());
    });
}

TransferManager::~TransferManager() {
    // Chunks still being written finish first: their part files close with the swarms below.
    m_verifier.waitForDone();
    *m_alive = false;
    for (auto& [id, swarm] : m_swarms)
        if (swarm->part && swarm->downloading && !swarm->finished)
            saveState(*swarm, true);
    m_verifier.waitForDone();
    for (PeerConnection* connection : m_links.keys())
        connection->disconnect(this);
}

Result<void> TransferManager::listen(const QHostAddress& address, quint16 port) {
    if (!m_server.listen(address, port))
        return Error{
            QStringLiteral("Cannot accept transfers on port %1: %2.").arg(port).arg(m_server.errorString())};
    return {};
}

// ---- connections ----------------------------------------------------------------------------------------

void TransferManager::accept() {
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        const QHostAddress source = sourceOf(net::plainAddress(socket->peerAddress()));
        if (handshakesFrom(source) >= m_options.maxHandshakesPerSource ||
            (m_links.size() >= m_options.maxConnections && !evictHandshakeFor(source))) {
            ++m_stats.connectionsRefused;
            socket->abort();
            socket->deleteLater();
            continue;
        }
        adopt(new PeerConnection(m_identity, socket, PeerConnection::Direction::Inbound, std::nullopt,
                                 listenPort(), m_downloadLimit, m_clock, m_options.handshakeTimeout, this));
    }
}

bool TransferManager::evictHandshakeFor(const QHostAddress& newcomer) {
    // Every slot is taken. The cap per source does not stop a host with many addresses from taking them all
    // with connections that never finish their handshake, so the newcomer may take the place of such a
    // connection from the source that holds the most of them (its oldest), as long as the newcomer's own
    // source holds fewer. An honest peer, with at most one handshake under way, then always gets in, and
    // however fast a slowloris reconnects it only ever displaces itself. Connections that proved who they
    // are are never evicted.
    QHash<QHostAddress, int> perSource;
    for (auto it = m_links.cbegin(); it != m_links.cend(); ++it)
        if (isInboundHandshake(it.key()))
            ++perSource[sourceOf(it.key()->peerAddress())];
    int most = 0;
    for (const int count : std::as_const(perSource))
        most = qMax(most, count);
    if (most <= perSource.value(newcomer))
        return false;
    PeerConnection* victim = nullptr;
    Millis victimOpenedAt{0};
    for (auto it = m_links.cbegin(); it != m_links.cend(); ++it) {
        PeerConnection* connection = it.key();
        if (!isInboundHandshake(connection) || perSource.value(sourceOf(connection->peerAddress())) != most)
            continue;
        if (!victim || it->openedAt < victimOpenedAt) {
            victim = connection;
            victimOpenedAt = it->openedAt;
        }
    }
    ++m_stats.connectionsEvicted;
    victim->close(QStringLiteral("its source holds too many unfinished handshakes"));
    return true;
}

bool TransferManager::isInboundHandshake(const PeerConnection* connection) {
    return connection->direction() == PeerConnection::Direction::Inbound && !connection->isReady() &&
           !connection->isClosed();
}

QHostAddress TransferManager::sourceOf(const QHostAddress& address) {
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes);
}

int TransferManager::handshakesFrom(const QHostAddress& source) const {
    int count = 0;
    for (auto it = m_links.cbegin(); it != m_links.cend(); ++it)
        if (isInboundHandshake(it.key()) && sourceOf(it.key()->peerAddress()) == source)
            ++count;
    return count;
}

PeerConnection* TransferManager::connectTo(const PeerAddress& peer) {
    if (peer.id == m_id)
        return nullptr;
    if (PeerConnection* existing = m_byNode.value(peer.id))
        return existing;
    if (PeerConnection* pending = m_connecting.value(peer.id))
        return pending;
    if (m_links.size() >= m_options.maxConnections)
        return nullptr;
    auto* socket = new QTcpSocket;
    socket->connectToHost(peer.address, peer.port);
    auto* connection =
        new PeerConnection(m_identity, socket, PeerConnection::Direction::Outbound, peer.id, listenPort(),
                           m_downloadLimit, m_clock, m_options.handshakeTimeout, this);
    m_connecting.insert(peer.id, connection);
    adopt(connection);
    return connection;
}

void TransferManager::adopt(PeerConnection* connection) {
    m_links.insert(connection, Link{});
    m_links[connection].openedAt = m_clock.now();
    connect(connection, &PeerConnection::ready, this, [this, connection] { onReady(connection); });
    connect(connection, &PeerConnection::closed, this,
            [this, connection](const QString& reason) { onClosed(connection, reason); });
    connect(connection, &PeerConnection::message, this,
            [this, connection](const TransferMessage& message) { onMessage(connection, message); });
    connect(connection, &PeerConnection::writable, this, &TransferManager::schedulePump);
}

void TransferManager::onReady(PeerConnection* connection) {
    const NodeId peer = connection->peerId();
    if (m_connecting.value(peer) == connection)
        m_connecting.remove(peer);
    if (peer == m_id) {
        connection->close(QStringLiteral("connected to ourselves"));
        return;
    }
    if (PeerConnection* other = m_byNode.value(peer); other && other != connection) {
        // Both sides dialled at once. Both keep the connection dialled by the smaller node ID, so they agree;
        // the swarms the other one was for move over to it.
        const auto dialler = [this](PeerConnection* c) {
            return c->direction() == PeerConnection::Direction::Outbound ? m_id : c->peerId();
        };
        PeerConnection* keep = dialler(connection) < dialler(other) ? connection : other;
        PeerConnection* lose = keep == connection ? other : connection;
        QList<share::ContentId> moved = m_links.value(lose).pendingInterest;
        for (const share::ContentId& id : m_links.value(lose).swarms)
            if (!moved.contains(id))
                moved.append(id);
        lose->close(QStringLiteral("a second connection to the same peer"));
        if (keep != connection) {
            for (const share::ContentId& id : std::as_const(moved))
                if (Swarm* swarm = swarmFor(id))
                    joinSwarm(keep, *swarm, true);
            return;
        }
        for (const share::ContentId& id : std::as_const(moved))
            if (!m_links[connection].pendingInterest.contains(id))
                m_links[connection].pendingInterest.append(id);
    }
    m_byNode.insert(peer, connection);
    const QList<share::ContentId> pending = std::exchange(m_links[connection].pendingInterest, {});
    for (const share::ContentId& id : pending)
        if (Swarm* swarm = swarmFor(id))
            joinSwarm(connection, *swarm, true);
}

void TransferManager::onClosed(PeerConnection* connection, const QString& reason) {
    const auto it = m_links.find(connection);
    if (it == m_links.end())
        return;
    const QSet<share::ContentId> swarms = it->swarms;
    m_links.erase(it);
    m_pumpOrder.removeAll(connection);
    for (const share::ContentId& id : swarms)
        if (Swarm* swarm = swarmFor(id))
            leaveSwarm(connection, *swarm);
    if (m_byNode.value(connection->peerId()) == connection)
        m_byNode.remove(connection->peerId());
    for (auto c = m_connecting.begin(); c != m_connecting.end();)
        c = c.value() == connection ? m_connecting.erase(c) : std::next(c);
    qCDebug(lcTransfer) << "connection closed:" << reason;
    for (const share::ContentId& id : swarms)
        if (Swarm* swarm = swarmFor(id)) {
            if (swarm->downloading && !swarm->finished) {
                if (!swarm->paused)
                    connectKnown(*swarm);
                fillRequests(*swarm);
            } else if (swarm->peers.isEmpty()) {
                closeIdleSwarm(id);
            }
        }
}

void TransferManager::drop(PeerConnection* connection, const QString& reason) {
    qCDebug(lcTransfer) << "dropping peer" << connection->peerId().shortHex() << "at"
                        << connection->peerAddress() << ":" << reason;
    ++m_stats.peersDropped;
    // Banned from every swarm it was in: closing the connection makes a download dial its known sources
    // again, and a peer dropped for breaking the protocol would otherwise be dialled straight back, to
    // break it again, in a loop as fast as the loopback allows.
    const auto link = m_links.constFind(connection);
    if (link != m_links.constEnd())
        for (const share::ContentId& id : link->swarms)
            if (Swarm* swarm = swarmFor(id))
                ban(*swarm, connection->peerId());
    Q_EMIT peerDropped(connection->peerId(), reason);
    connection->close(reason);
}

// ---- swarms ---------------------------------------------------------------------------------------------

void TransferManager::ban(Swarm& swarm, const NodeId& peer) {
    // Identities cost nothing to make, so the list is bounded: when full, an arbitrary earlier ban is
    // forgotten, which lets that peer waste one more connection.
    if (swarm.banned.size() >= kMaxBannedPerSwarm && !swarm.banned.contains(peer))
        swarm.banned.erase(swarm.banned.begin());
    swarm.banned.insert(peer);
}

TransferManager::Swarm* TransferManager::swarmFor(const share::ContentId& id) {
    const auto it = m_swarms.find(id);
    return it == m_swarms.end() ? nullptr : it->second.get();
}

TransferManager::Swarm* TransferManager::seedSwarm(const share::ContentId& id) {
    if (Swarm* swarm = swarmFor(id))
        return swarm;
    const std::optional<share::SharedFile> file = m_library.fileFor(id);
    if (!file)
        return nullptr;
    // The path comes from the library, never from the network.
    const int fd = ::open(QFile::encodeName(file->path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    auto swarm = std::make_unique<Swarm>();
    swarm->id = id;
    swarm->manifest = file->manifest;
    swarm->seedFd = fd;
    swarm->name = file->manifest->name;
    swarm->picker = PiecePicker(file->manifest->chunkCount());
    for (int i = 0; i < file->manifest->chunkCount(); ++i)
        swarm->picker.setHave(i);
    Swarm* raw = swarm.get();
    m_swarms.emplace(id, std::move(swarm));
    return raw;
}

void TransferManager::closeIdleSwarm(const share::ContentId& id) {
    const auto it = m_swarms.find(id);
    if (it == m_swarms.end() || it->second->downloading)
        return;
    for (PeerConnection* connection : it->second->peers.keys()) {
        m_links[connection].swarms.remove(id);
        auto& queue = m_links[connection].queue;
        queue.erase(std::remove_if(queue.begin(), queue.end(), [&](const Upload& u) { return u.id == id; }),
                    queue.end());
    }
    m_swarms.erase(it);
}

void TransferManager::joinSwarm(PeerConnection* connection, Swarm& swarm, bool announce) {
    if (!swarm.peers.contains(connection)) {
        swarm.peers.insert(connection, PeerState{});
        m_links[connection].swarms.insert(swarm.id);
    }
    if (announce) {
        TransferMessage interested = messageOf(MessageType::Interested, swarm.id);
        if (swarm.manifest)
            interested.data = bitfieldBytes(swarm.picker.have());
        connection->send(interested);
    }
}

void TransferManager::leaveSwarm(PeerConnection* connection, Swarm& swarm) {
    const auto it = swarm.peers.find(connection);
    if (it == swarm.peers.end())
        return;
    if (swarm.manifest && it->announced)
        swarm.picker.removePeer(it->has);
    for (int index : std::as_const(it->asked))
        swarm.picker.released(index);
    swarm.peers.erase(it);
}

void TransferManager::introduce(Swarm& swarm, PeerConnection* newcomer) {
    if (newcomer->peerListenPort() == 0)
        return;
    const PeerAddress fresh{newcomer->peerAddress(), newcomer->peerListenPort(), newcomer->peerId()};
    TransferMessage others = messageOf(MessageType::Peers, swarm.id);
    TransferMessage aboutNewcomer = messageOf(MessageType::Peers, swarm.id);
    aboutNewcomer.peers.append(fresh);
    for (auto it = swarm.peers.begin(); it != swarm.peers.end(); ++it) {
        PeerConnection* member = it.key();
        if (member == newcomer || !member->isReady() || member->peerListenPort() == 0)
            continue;
        if (others.peers.size() < TransferMessage::kMaxPeers)
            others.peers.append({member->peerAddress(), member->peerListenPort(), member->peerId()});
        member->send(aboutNewcomer);
    }
    if (!others.peers.isEmpty())
        newcomer->send(others);
}

void TransferManager::setPeerBits(Swarm& swarm, PeerState& peer, const QByteArray& bits,
                                  PeerConnection* connection) {
    if (!swarm.manifest) {
        peer.rawBits = bits;
        peer.announced = true;
        return;
    }
    const int count = swarm.manifest->chunkCount();
    if (!bits.isEmpty() && bits.size() != (count + 7) / 8) {
        drop(connection, QStringLiteral("a bitfield of the wrong size"));
        return;
    }
    if (peer.announced)
        swarm.picker.removePeer(peer.has);
    peer.has = bitfieldBits(bits, count);
    peer.announced = true;
    swarm.picker.addPeer(peer.has);
}

// ---- messages -------------------------------------------------------------------------------------------

void TransferManager::onMessage(PeerConnection* connection, const TransferMessage& message) {
    Swarm* swarm = swarmFor(message.id);
    const bool member = swarm && swarm->peers.contains(connection);
    switch (message.type) {
    case MessageType::Interested: {
        if (!swarm)
            swarm = seedSwarm(message.id);
        if (!swarm || swarm->banned.contains(connection->peerId()) ||
            (!member && swarm->peers.size() >= m_options.maxPeersPerSwarm)) {
            connection->send(messageOf(MessageType::NotFound, message.id));
            return;
        }
        joinSwarm(connection, *swarm, false);
        TransferMessage bitfield = messageOf(MessageType::Bitfield, message.id);
        if (swarm->manifest)
            bitfield.data = bitfieldBytes(swarm->picker.have());
        connection->send(bitfield);
        setPeerBits(*swarm, swarm->peers[connection], message.data, connection);
        if (connection->isClosed())
            return;
        if (!member)
            introduce(*swarm, connection);
        if (swarm->downloading && !swarm->finished) {
            if (!swarm->manifest && !swarm->resuming && !swarm->peers[connection].manifestAsked) {
                swarm->peers[connection].manifestAsked = true;
                connection->send(messageOf(MessageType::GetManifest, swarm->id));
            }
            fillRequests(*swarm, connection, swarm->peers[connection]);
        }
        return;
    }
    case MessageType::Bitfield: {
        if (!member)
            return; // an answer to an interest we gave up on
        PeerState& peer = swarm->peers[connection];
        const bool first = !peer.announced;
        setPeerBits(*swarm, peer, message.data, connection);
        if (connection->isClosed())
            return;
        if (first)
            introduce(*swarm, connection);
        if (swarm->downloading && !swarm->manifest && !swarm->resuming && !peer.manifestAsked) {
            peer.manifestAsked = true;
            connection->send(messageOf(MessageType::GetManifest, swarm->id));
        }
        fillRequests(*swarm, connection, peer);
        return;
    }
    case MessageType::NotFound:
        if (member) {
            leaveSwarm(connection, *swarm);
            m_links[connection].swarms.remove(message.id);
            if (m_links[connection].swarms.isEmpty() && m_links[connection].queue.isEmpty())
                connection->close(QStringLiteral("nothing in common"));
            else if (swarm->downloading)
                fillRequests(*swarm);
        }
        return;
    case MessageType::Have: {
        if (!member)
            return;
        PeerState& peer = swarm->peers[connection];
        if (!swarm->manifest) {
            if (message.index < quint32(TransferMessage::kMaxBitfieldBytes) * 8) {
                if (peer.rawBits.size() <= int(message.index / 8))
                    peer.rawBits.resize(message.index / 8 + 1, '\0');
                peer.rawBits[message.index / 8] =
                    char(peer.rawBits[message.index / 8] | (0x80 >> (message.index % 8)));
            }
            return;
        }
        if (message.index >= quint32(swarm->manifest->chunkCount())) {
            drop(connection, QStringLiteral("announced a chunk that does not exist"));
            return;
        }
        if (peer.has.size() != swarm->manifest->chunkCount())
            peer.has = QBitArray(swarm->manifest->chunkCount());
        if (!peer.has.testBit(int(message.index))) {
            peer.has.setBit(int(message.index));
            swarm->picker.peerHas(int(message.index));
            peer.announced = true;
        }
        if (swarm->downloading && !swarm->finished)
            fillRequests(*swarm, connection, peer);
        return;
    }
    case MessageType::GetManifest:
        if (swarm && swarm->manifest) {
            TransferMessage reply = messageOf(MessageType::ManifestData, message.id);
            reply.data = swarm->manifest->encode();
            connection->send(reply);
        } else {
            connection->send(messageOf(MessageType::NotFound, message.id));
        }
        return;
    case MessageType::ManifestData:
        if (member && !swarm->manifest && !swarm->resuming)
            onManifest(*swarm, connection, message.data);
        return;
    case MessageType::Request:
        onRequest(connection, message);
        return;
    case MessageType::Block:
        if (!member || !swarm->manifest) {
            drop(connection, QStringLiteral("sent data nobody asked for"));
            return;
        }
        onBlock(*swarm, connection, message);
        return;
    case MessageType::Reject:
        if (member) {
            PeerState& peer = swarm->peers[connection];
            if (peer.asked.removeOne(int(message.index))) {
                peer.waitingSince = m_clock.now(); // an answer, if not the one hoped for
                swarm->picker.released(int(message.index));
                peer.incoming.remove(int(message.index));
                // It will not serve this chunk; stop asking it for this one.
                if (int(message.index) < peer.has.size() && peer.has.testBit(int(message.index))) {
                    peer.has.clearBit(int(message.index));
                    swarm->picker.peerLacks(int(message.index));
                }
                fillRequests(*swarm);
            }
        }
        return;
    case MessageType::Cancel: {
        auto& queue = m_links[connection].queue;
        for (qsizetype i = 0; i < queue.size(); ++i)
            if (queue[i].id == message.id && queue[i].index == int(message.index)) {
                queue.removeAt(i);
                break;
            }
        return;
    }
    case MessageType::Peers:
        if (member)
            for (const PeerAddress& peer : message.peers)
                addSource(message.id, peer);
        return;
    case MessageType::Hello:
        return;
    }
}

void TransferManager::onManifest(Swarm& swarm, PeerConnection* from, const QByteArray& bytes) {
    auto manifest = share::Manifest::decode(bytes, &swarm.id);
    if (!manifest.ok()) {
        ban(swarm, from->peerId());
        drop(from, manifest.error());
        return;
    }
    auto part = PartFile::create(m_options.downloadDir, m_options.stateDir, manifest.value(),
                                 swarm.name.isEmpty() ? manifest->name : swarm.name);
    if (!part.ok()) {
        failDownload(swarm, part.error());
        return;
    }
    startWith(swarm, std::move(part).value());
}

void TransferManager::startWith(Swarm& swarm, std::unique_ptr<PartFile> part) {
    swarm.manifest = std::make_shared<const share::Manifest>(part->manifest());
    if (swarm.name.isEmpty())
        swarm.name = swarm.manifest->name;
    swarm.picker = PiecePicker(swarm.manifest->chunkCount());
    for (int i = 0; i < part->have().size(); ++i)
        if (part->have().testBit(i))
            swarm.picker.setHave(i);
    swarm.part = std::move(part);
    // Its map holds the link now (after a crash between the two, a resumed map may find one too).
    m_verifier.post(
        [stateDir = m_options.stateDir, id = swarm.id] { PartFile::forgetPending(stateDir, id); });
    // The swarm's flag is the user's latest word (a resumed download took it from its map, and it may have
    // been paused or resumed since); the map follows it.
    if (swarm.part->isPaused() != swarm.paused) {
        swarm.part->setPaused(swarm.paused);
        swarm.stateDirty = true;
        saveState(swarm, true);
    }
    for (PeerState& peer : swarm.peers) {
        if (peer.announced) {
            const QByteArray raw = peer.rawBits;
            peer.announced = false;
            // A raw bitfield longer than the file is a liar's; bitfieldBits() ignores what does not fit.
            peer.has = bitfieldBits(raw, swarm.manifest->chunkCount());
            peer.announced = true;
            swarm.picker.addPeer(peer.has);
        } else {
            peer.has = QBitArray(swarm.manifest->chunkCount());
        }
    }
    // Everyone we talk to learns what we have now.
    for (PeerConnection* connection : swarm.peers.keys()) {
        TransferMessage bitfield = messageOf(MessageType::Interested, swarm.id);
        bitfield.data = bitfieldBytes(swarm.picker.have());
        connection->send(bitfield);
    }
    reportProgress(swarm);
    if (swarm.picker.isComplete())
        finishDownload(swarm);
    else
        fillRequests(swarm);
}

// ---- downloading ----------------------------------------------------------------------------------------

Result<void> TransferManager::download(const share::Link& link) {
    if (Swarm* existing = swarmFor(link.id)) {
        if (existing->downloading && !existing->failed)
            return {};
        if (!existing->downloading)
            return Error{QStringLiteral("%1 is already shared from this computer.").arg(existing->name)};
        m_verifier.waitForDone(); // a failed download's last chunks may still be on their way to its file
        m_swarms.erase(link.id);
    }
    if (m_discarding.contains(link.id))
        m_verifier.waitForDone(); // a cancelled download of it is still being deleted
    auto swarm = std::make_unique<Swarm>();
    swarm->id = link.id;
    swarm->serial = ++m_nextSerial;
    swarm->downloading = true;
    swarm->name = link.name;
    swarm->linkSize = qMax<qint64>(0, link.size);
    if (QFile::exists(PartFile::statePath(m_options.stateDir, link.id))) {
        // Picked up where an earlier run stopped. Reading the map is quick; checking the chunks it lists
        // reads the whole part file, so that runs on the worker and the swarm starts once it is done.
        auto map = PartFile::readMap(m_options.stateDir, link.id);
        if (!map.ok())
            return Error{map.error()};
        swarm->resuming = true;
        swarm->paused = map->paused;
        if (swarm->name.isEmpty())
            swarm->name = map->name;
        swarm->linkSize = map->manifest.size;
        const quint64 serial = swarm->serial;
        m_verifier.post(
            [this, id = link.id, serial, downloadDir = m_options.downloadDir, stateDir = m_options.stateDir] {
                auto resumed = std::make_shared<Result<std::unique_ptr<PartFile>>>(
                    PartFile::resume(downloadDir, stateDir, id));
                m_inbox.post([this, id, serial, resumed] { onResumed(id, serial, *resumed); });
            });
    } else {
        // No manifest yet. The link is kept until one comes, so that a crash or a quit before then does not
        // forget the download; one an earlier run kept says whether it was paused.
        if (QFile::exists(PartFile::pendingPath(m_options.stateDir, link.id))) {
            if (auto pending = PartFile::readPending(m_options.stateDir, link.id); pending.ok()) {
                swarm->paused = pending->paused;
                if (swarm->name.isEmpty())
                    swarm->name = pending->link.name;
                if (swarm->linkSize == 0)
                    swarm->linkSize = qMax<qint64>(0, pending->link.size);
            } else {
                qCWarning(lcTransfer) << pending.error();
            }
        }
        savePending(*swarm);
    }
    Swarm* raw = swarm.get();
    m_swarms.emplace(link.id, std::move(swarm));
    reportProgress(*raw);
    return {};
}

void TransferManager::savePending(const Swarm& swarm) {
    const share::Link link{swarm.id, swarm.name, swarm.linkSize > 0 ? swarm.linkSize : -1};
    m_verifier.post([stateDir = m_options.stateDir, link, paused = swarm.paused] {
        if (auto saved = PartFile::savePending(stateDir, link, paused); !saved.ok())
            qCWarning(lcTransfer) << saved.error();
    });
}

void TransferManager::onResumed(const share::ContentId& id, quint64 serial,
                                Result<std::unique_ptr<PartFile>>& resumed) {
    Swarm* found = swarmFor(id);
    if (!found || found->serial != serial || !found->resuming)
        return; // cancelled meanwhile: the worker deletes its files next
    Swarm& swarm = *found;
    swarm.resuming = false;
    if (!resumed.ok()) {
        failDownload(swarm, resumed.error());
        return;
    }
    if (!resumed.value()) {
        failDownload(swarm, QStringLiteral("The resume map of %1 vanished.").arg(swarm.name));
        return;
    }
    startWith(swarm, std::move(resumed).value());
}

void TransferManager::addSource(const share::ContentId& id, const PeerAddress& peer) {
    Swarm* swarm = swarmFor(id);
    if (!swarm || peer.id == m_id || swarm->banned.contains(peer.id) || peer.port == 0)
        return;
    const bool isNew = std::none_of(swarm->known.cbegin(), swarm->known.cend(),
                                    [&](const PeerAddress& known) { return known.id == peer.id; });
    if (isNew && swarm->known.size() < 4 * m_options.maxPeersPerSwarm)
        swarm->known.append(peer);
    if (!swarm->downloading || swarm->finished || swarm->paused)
        return;
    for (PeerConnection* member : swarm->peers.keys())
        if (member->peerId() == peer.id)
            return;
    if (swarm->peers.size() >= m_options.maxPeersPerSwarm)
        return;
    PeerConnection* connection = connectTo(peer);
    if (!connection)
        return;
    if (connection->isReady())
        joinSwarm(connection, *swarm, true);
    else if (!m_links[connection].pendingInterest.contains(id))
        m_links[connection].pendingInterest.append(id);
}

void TransferManager::connectKnown(Swarm& swarm) {
    for (const PeerAddress& peer : QList<PeerAddress>(swarm.known)) {
        if (swarm.peers.size() >= m_options.maxPeersPerSwarm)
            return;
        addSource(swarm.id, peer);
    }
}

void TransferManager::dropStalled(Swarm& swarm) {
    const Millis now = m_clock.now();
    QList<PeerConnection*> stalled;
    for (auto it = swarm.peers.cbegin(); it != swarm.peers.cend(); ++it)
        if (!it->asked.isEmpty() && now - it->waitingSince >= m_options.stallTimeout)
            stalled.append(it.key());
    for (PeerConnection* connection : std::as_const(stalled)) {
        ++m_stats.peersStalled;
        const QString reason = QStringLiteral("sent nothing of what it was asked for in %1 s")
                                   .arg(m_options.stallTimeout.count() / 1000.0);
        // Once may be an overloaded peer, which is dialled again; twice in one download is a pattern.
        if (swarm.stalled.contains(connection->peerId())) {
            drop(connection, reason);
        } else {
            swarm.stalled.insert(connection->peerId());
            connection->close(reason);
        }
    }
}

void TransferManager::fillRequests(Swarm& swarm) {
    if (!swarm.downloading || swarm.finished || swarm.paused || !swarm.manifest)
        return;
    for (auto it = swarm.peers.begin(); it != swarm.peers.end(); ++it)
        fillRequests(swarm, it.key(), it.value());
}

void TransferManager::fillRequests(Swarm& swarm, PeerConnection* connection, PeerState& peer) {
    if (!swarm.downloading || swarm.finished || swarm.failed || swarm.paused || !swarm.manifest ||
        !peer.announced || !connection->isReady())
        return;
    // Enough requests in flight to cover about half a second at this peer's pace, never fewer than two, and
    // never more than kMaxBytesInFlight per peer: each request may hold a chunk-sized buffer here.
    const qint64 chunkSize = swarm.manifest->chunkSize;
    if (qint64(swarm.verifying.size()) * chunkSize >= kMaxBytesVerifying)
        return; // onVerified() asks again
    const qint64 rate = peer.meter.rate(m_clock.now());
    const qint64 cap = qMax<qint64>(2, kMaxBytesInFlight / chunkSize);
    const int depth = int(qBound(qint64(2), rate / 2 / chunkSize + 2, cap));
    while (peer.asked.size() < depth) {
        const int index = swarm.picker.pick(peer.has, peer.asked, m_random);
        if (index < 0)
            return;
        if (peer.asked.isEmpty())
            peer.waitingSince = m_clock.now();
        swarm.picker.requested(index);
        peer.asked.append(index);
        peer.cancelled.remove(index);
        connection->send(messageOf(MessageType::Request, swarm.id, quint32(index)));
    }
}

void TransferManager::onBlock(Swarm& swarm, PeerConnection* connection, const TransferMessage& message) {
    PeerState& peer = swarm.peers[connection];
    const int index = int(message.index);
    if (!peer.asked.contains(index)) {
        peer.unaskedBytes += message.data.size();
        m_stats.bytesWasted += message.data.size();
        if (!peer.cancelled.contains(index) || peer.unaskedBytes > kMaxUnaskedBytes)
            drop(connection, QStringLiteral("sent data nobody asked for"));
        return;
    }
    const int length = swarm.manifest->chunkLength(index);
    QByteArray& buffer = peer.incoming[index];
    if (message.offset != quint32(buffer.size()) || qint64(buffer.size()) + message.data.size() > length ||
        (message.data.isEmpty() && length > 0)) {
        drop(connection, QStringLiteral("sent a chunk out of order"));
        return;
    }
    if (buffer.isEmpty())
        buffer.reserve(length);
    buffer += message.data;
    peer.meter.add(message.data.size(), m_clock.now());
    peer.waitingSince = m_clock.now();
    if (buffer.size() < length)
        return;
    QByteArray data = std::move(buffer);
    peer.incoming.remove(index);
    peer.asked.removeOne(index);
    verify(swarm, connection, index, std::move(data));
    fillRequests(swarm, connection, peer);
}

void TransferManager::verify(Swarm& swarm, PeerConnection* connection, int index, QByteArray data) {
    swarm.picker.released(index);
    if (swarm.picker.have().testBit(index) || swarm.verifying.contains(index)) {
        // An endgame duplicate: another peer's copy is written or on its way.
        m_stats.bytesWasted += data.size();
        return;
    }
    // Nobody is asked for the chunk while it is checked.
    swarm.verifying.insert(index);
    swarm.picker.setPending(index, true);
    std::shared_ptr<const share::Manifest> manifest = swarm.manifest;
    std::shared_ptr<const PartFile> part = swarm.part;
    std::shared_ptr<const std::atomic<bool>> cancelled = swarm.cancelled;
    const share::ContentId id = swarm.id;
    const quint64 serial = swarm.serial;
    const NodeId from = connection->peerId();
    QPointer<PeerConnection> source(connection);
    m_verifier.post(
        [this, manifest, part, cancelled, id, serial, index, from, source, data = std::move(data)] {
            // A cancelled download's chunks go nowhere; onVerified() ignores them, as its swarm is gone.
            if (*cancelled)
                return;
            const bool matches = manifest->chunkMatches(index, data);
            QString error;
            if (matches && !*cancelled)
                if (auto stored = part->storeChunk(index, data); !stored.ok())
                    error = stored.error();
            const qint64 size = data.size();
            m_inbox.post([=, this] { onVerified(id, serial, index, size, from, source, matches, error); });
        });
}

void TransferManager::onVerified(const share::ContentId& id, quint64 serial, int index, qint64 size,
                                 const NodeId& from, const QPointer<PeerConnection>& source, bool matches,
                                 const QString& writeError) {
    Swarm* found = swarmFor(id);
    if (!found || found->serial != serial || !found->verifying.remove(index))
        return;
    Swarm& swarm = *found;
    swarm.picker.setPending(index, false);
    if (!matches) {
        ++m_stats.badChunks;
        m_stats.bytesWasted += size;
        ban(swarm, from);
        if (source && !source->isClosed())
            drop(source, QStringLiteral("sent chunk %1 that does not match its hash").arg(index));
        fillRequests(swarm);
        return;
    }
    if (!writeError.isEmpty()) {
        failDownload(swarm, writeError);
        return;
    }
    if (swarm.failed || swarm.finished)
        return;
    if (swarm.picker.have().testBit(index)) {
        fillRequests(swarm);
        return;
    }
    swarm.part->markHave(index);
    swarm.picker.setHave(index);
    swarm.meter.add(size, m_clock.now());
    m_downloadMeter.add(size, m_clock.now());
    m_stats.bytesDownloaded += size;
    swarm.stateDirty = true;
    // Whoever else was fetching this chunk in the endgame can stop; every peer learns we have it.
    for (auto it = swarm.peers.begin(); it != swarm.peers.end(); ++it) {
        PeerState& other = it.value();
        if (other.asked.removeOne(index)) {
            swarm.picker.released(index);
            other.incoming.remove(index);
            other.cancelled.insert(index);
            it.key()->send(messageOf(MessageType::Cancel, swarm.id, quint32(index)));
        }
        it.key()->send(messageOf(MessageType::Have, swarm.id, quint32(index)));
    }
    if (swarm.picker.isComplete()) {
        finishDownload(swarm);
        return;
    }
    saveState(swarm, false);
    fillRequests(swarm);
    schedulePump(); // peers may want what we just got
}

void TransferManager::saveState(Swarm& swarm, bool force) {
    if (!swarm.part || !swarm.stateDirty)
        return;
    const Millis now = m_clock.now();
    if (!force && now - swarm.lastSave < kStateSaveInterval)
        return;
    swarm.lastSave = now;
    swarm.stateDirty = false;
    // On the worker, after the chunks queued before it: fdatasync can take a while, and the map must
    // not list a chunk before it is written. A cancelled download's map is not written again.
    std::shared_ptr<const PartFile> part = swarm.part;
    std::shared_ptr<const std::atomic<bool>> cancelled = swarm.cancelled;
    m_verifier.post([part, cancelled, have = part->have(), paused = part->isPaused()] {
        if (*cancelled)
            return;
        if (auto saved = part->saveState(have, paused); !saved.ok())
            qCWarning(lcTransfer) << saved.error();
    });
}

void TransferManager::reportProgress(Swarm& swarm) {
    Q_EMIT downloadProgress(statusOf(swarm));
}

void TransferManager::finishDownload(Swarm& swarm) {
    // Every chunk is verified: nothing more is asked for, and the file is flushed and moved into place on
    // the worker (after the writes and map saves queued before), so the event loop never waits on fsync.
    swarm.finished = true;
    cancelRequests(swarm);
    std::shared_ptr<const PartFile> part = swarm.part;
    const share::ContentId id = swarm.id;
    const quint64 serial = swarm.serial;
    m_verifier.post([this, part, id, serial] {
        auto moved = std::make_shared<Result<QString>>(part->finish());
        m_inbox.post([this, id, serial, moved] { onFinished(id, serial, *moved); });
    });
}

void TransferManager::onFinished(const share::ContentId& id, quint64 serial, const Result<QString>& moved) {
    Swarm* found = swarmFor(id);
    if (!found || found->serial != serial)
        return;
    Swarm& swarm = *found;
    if (!moved.ok()) {
        swarm.finished = false;
        failDownload(swarm, moved.error());
        return;
    }
    const QString finalPath = moved.value();
    qCDebug(lcTransfer) << "finished" << finalPath;
    const std::shared_ptr<const share::Manifest> manifest = swarm.manifest;
    m_library.addVerified(finalPath, *manifest);
    swarm.finalPath = finalPath;
    reportProgress(swarm);
    // Not the swarm's own members: a receiver may unshare the file at once, which closes the swarm.
    Q_EMIT downloadFinished(id, finalPath);
}

void TransferManager::cancelRequests(Swarm& swarm) {
    for (auto it = swarm.peers.begin(); it != swarm.peers.end(); ++it) {
        for (int index : std::as_const(it->asked)) {
            swarm.picker.released(index);
            // Blocks already on their way are expected, not a peer misbehaving.
            it->cancelled.insert(index);
            it.key()->send(messageOf(MessageType::Cancel, swarm.id, quint32(index)));
        }
        it->asked.clear();
        it->incoming.clear();
    }
}

void TransferManager::failDownload(Swarm& swarm, const QString& error) {
    if (swarm.failed)
        return;
    swarm.failed = true;
    swarm.error = error;
    qCWarning(lcTransfer) << "download failed:" << error;
    if (swarm.part)
        saveState(swarm, true);
    reportProgress(swarm);
    Q_EMIT downloadFailed(swarm.id, error);
}

DownloadStatus TransferManager::statusOf(const Swarm& swarm) const {
    DownloadStatus status;
    status.id = swarm.id;
    status.name = swarm.name;
    status.total = swarm.manifest ? swarm.manifest->size : swarm.linkSize;
    if (swarm.manifest) {
        const QBitArray& have = swarm.picker.have();
        for (int i = 0; i < have.size(); ++i)
            if (have.testBit(i))
                status.done += swarm.manifest->chunkLength(i);
    }
    status.rate = swarm.paused ? 0 : swarm.meter.rate(m_clock.now());
    for (auto it = swarm.peers.cbegin(); it != swarm.peers.cend(); ++it)
        if (it->announced && (swarm.manifest ? it->has.count(true) > 0 : !it->rawBits.isEmpty()))
            ++status.sources;
    status.path = swarm.finalPath;
    status.error = swarm.error;
    status.state = swarm.failed                                   ? DownloadStatus::State::Failed
                   : swarm.finished && !swarm.finalPath.isEmpty() ? DownloadStatus::State::Finished
                   : swarm.finished                       ? DownloadStatus::State::Downloading // being moved
                   : swarm.resuming                       ? DownloadStatus::State::Checking
                   : swarm.paused                         ? DownloadStatus::State::Paused
                   : swarm.manifest && status.sources > 0 ? DownloadStatus::State::Downloading
                                                          : DownloadStatus::State::FindingSources;
    return status;
}

std::optional<DownloadStatus> TransferManager::downloadStatus(const share::ContentId& id) const {
    const auto it = m_swarms.find(id);
    if (it == m_swarms.end() || !it->second->downloading)
        return std::nullopt;
    return statusOf(*it->second);
}

QList<DownloadStatus> TransferManager::downloads() const {
    QList<DownloadStatus> list;
    for (const auto& [id, swarm] : m_swarms)
        if (swarm->downloading)
            list.append(statusOf(*swarm));
    return list;
}

bool TransferManager::isDownloading(const share::ContentId& id) const {
    const auto it = m_swarms.find(id);
    // A finished download counts until its file is in place.
    return it != m_swarms.end() && it->second->downloading && !it->second->failed &&
           (!it->second->finished || it->second->finalPath.isEmpty());
}

bool TransferManager::isPaused(const share::ContentId& id) const {
    const auto it = m_swarms.find(id);
    return it != m_swarms.end() && it->second->downloading && it->second->paused;
}

void TransferManager::pauseDownload(const share::ContentId& id) {
    Swarm* swarm = swarmFor(id);
    if (!swarm || !swarm->downloading || swarm->finished || swarm->failed || swarm->paused)
        return;
    swarm->paused = true;
    cancelRequests(*swarm);
    if (swarm->part) {
        swarm->part->setPaused(true);
        swarm->stateDirty = true;
        saveState(*swarm, true);
    } else if (!swarm->resuming) {
        savePending(*swarm);
    }
    reportProgress(*swarm);
}

void TransferManager::resumeDownload(const share::ContentId& id) {
    Swarm* swarm = swarmFor(id);
    if (!swarm || !swarm->downloading || swarm->finished || swarm->failed || !swarm->paused)
        return;
    swarm->paused = false;
    if (swarm->part) {
        swarm->part->setPaused(false);
        swarm->stateDirty = true;
        saveState(*swarm, true);
    } else if (!swarm->resuming) {
        savePending(*swarm);
    }
    reportProgress(*swarm);
    connectKnown(*swarm);
    fillRequests(*swarm);
}

void TransferManager::cancelDownload(const share::ContentId& id) {
    Swarm* swarm = swarmFor(id);
    if (!swarm || !swarm->downloading || swarm->finished)
        return;
    *swarm->cancelled = true;
    cancelRequests(*swarm);
    if (swarm->resuming) {
        // The worker is still checking the part file; its files go right after.
        m_discarding.insert(id);
        m_verifier.post([this, id, downloadDir = m_options.downloadDir, stateDir = m_options.stateDir] {
            PartFile::discardUnopened(downloadDir, stateDir, id);
            m_inbox.post([this, id] { m_discarding.remove(id); });
        });
    } else if (swarm->part) {
        // On the worker, after whatever it still has queued for this file; until then a new download of
        // the same content waits for it (see download()).
        std::shared_ptr<const PartFile> part = swarm->part;
        m_discarding.insert(id);
        m_verifier.post([this, part, id] {
            part->discard();
            m_inbox.post([this, id] { m_discarding.remove(id); });
        });
    } else {
        // No manifest came: only its pending link is on disk.
        m_discarding.insert(id);
        m_verifier.post([this, id, stateDir = m_options.stateDir] {
            PartFile::forgetPending(stateDir, id);
            m_inbox.post([this, id] { m_discarding.remove(id); });
        });
    }
    // The peers stop counting on us for this content, and connections that were only for it go.
    QList<PeerConnection*> members = swarm->peers.keys();
    for (PeerConnection* connection : std::as_const(members))
        connection->send(messageOf(MessageType::NotFound, id));
    for (auto it = m_links.begin(); it != m_links.end(); ++it)
        if (it->pendingInterest.removeAll(id) > 0)
            members.append(it.key());
    swarm->downloading = false;
    closeIdleSwarm(id);
    for (PeerConnection* connection : std::as_const(members)) {
        const auto link = m_links.constFind(connection);
        if (link != m_links.constEnd() && link->swarms.isEmpty() && link->queue.isEmpty() &&
            link->pendingInterest.isEmpty())
            connection->close(QStringLiteral("the download was cancelled"));
    }
    qCDebug(lcTransfer) << "cancelled" << id.toHex();
    Q_EMIT downloadCancelled(id);
}

QList<share::Link> TransferManager::unfinishedDownloads() const {
    QList<share::Link> links;
    for (const share::ContentId& id : PartFile::mapsIn(m_options.stateDir)) {
        if (m_discarding.contains(id))
            continue; // cancelled; the worker has yet to delete it
        auto map = PartFile::readMap(m_options.stateDir, id);
        if (!map.ok()) {
            qCWarning(lcTransfer) << map.error();
            continue;
        }
        links.append(share::Link{id, map->name, map->manifest.size});
    }
    for (const share::ContentId& id : PartFile::pendingIn(m_options.stateDir)) {
        if (m_discarding.contains(id) || QFile::exists(PartFile::statePath(m_options.stateDir, id)))
            continue; // cancelled, or listed above
        auto pending = PartFile::readPending(m_options.stateDir, id);
        if (!pending.ok()) {
            qCWarning(lcTransfer) << pending.error();
            continue;
        }
        links.append(pending->link);
    }
    return links;
}

// ---- uploading ------------------------------------------------------------------------------------------

bool TransferManager::swarmHas(const Swarm& swarm, int index) const {
    return swarm.manifest && swarm.fd() >= 0 && index >= 0 && index < swarm.manifest->chunkCount() &&
           (swarm.complete() || swarm.picker.have().testBit(index));
}

void TransferManager::onRequest(PeerConnection* connection, const TransferMessage& message) {
    Swarm* swarm = swarmFor(message.id);
    Link& link = m_links[connection];
    const bool member = swarm && swarm->peers.contains(connection);
    if (!member || !swarmHas(*swarm, int(message.index)) ||
        link.queue.size() >= m_options.maxQueuedRequests) {
        connection->send(messageOf(MessageType::Reject, message.id, message.index));
        return;
    }
    link.queue.append(Upload{message.id, int(message.index), 0});
    UploadTally& tally = m_uploaded[message.id];
    tally.name = swarm->name;
    const Millis now = m_clock.now();
    tally.askedAt.insert(connection->peerId(), now);
    tally.askedAt.removeIf([now](const auto& asked) { return now - asked.value() > kUploadActive; });
    if (!m_pumpOrder.contains(connection))
        m_pumpOrder.append(connection);
    schedulePump();
}

void TransferManager::countUpload(const share::ContentId& id, qint64 bytes) {
    const Millis now = m_clock.now();
    m_stats.bytesUploaded += bytes;
    m_uploadMeter.add(bytes, now);
    UploadTally& tally = m_uploaded[id];
    tally.meter.add(bytes, now);
    tally.sent += bytes;
}

QList<UploadStatus> TransferManager::uploads() const {
    const Millis now = m_clock.now();
    QList<UploadStatus> rows;
    for (const auto& [id, tally] : m_uploaded) {
        const auto peers = std::count_if(tally.askedAt.cbegin(), tally.askedAt.cend(),
                                         [now](Millis asked) { return now - asked <= kUploadActive; });
        if (peers > 0)
            rows.append(UploadStatus{id, tally.name, int(peers), tally.meter.rate(now), tally.sent});
    }
    return rows;
}

void TransferManager::schedulePump() {
    if (!m_pumpTimer->isActive() && !m_waitingForUploadTokens)
        m_pumpTimer->start(Millis(0));
}

// Sends one block to each connection in turn, round after round, until every connection is busy, has
// nothing to send, or the upload limit says wait.
void TransferManager::pump() {
    bool progress = true;
    while (progress) {
        progress = false;
        for (qsizetype i = 0; i < m_pumpOrder.size();) {
            PeerConnection* connection = m_pumpOrder[i];
            Link& link = m_links[connection];
            if (link.queue.isEmpty() || connection->isClosed()) {
                m_pumpOrder.removeAt(i);
                continue;
            }
            ++i;
            if (connection->isBusy())
                continue;
            Upload& upload = link.queue.front();
            Swarm* swarm = swarmFor(upload.id);
            if (!swarm || !swarmHas(*swarm, upload.index)) {
                connection->send(messageOf(MessageType::Reject, upload.id, quint32(upload.index)));
                link.queue.removeFirst();
                progress = true;
                continue;
            }
            const int chunkLength = swarm->manifest->chunkLength(upload.index);
            const int length = qMin(TransferMessage::kBlockSize, chunkLength - upload.offset);
            if (m_uploadLimit.grant(length) == 0) {
                m_waitingForUploadTokens = true;
                m_uploadLimit.whenReady([this, alive = m_alive] {
                    if (!*alive)
                        return;
                    m_waitingForUploadTokens = false;
                    schedulePump();
                });
                return;
            }
            TransferMessage block = messageOf(MessageType::Block, upload.id, quint32(upload.index));
            block.offset = quint32(upload.offset);
            block.data.resize(length);
            if (!fileio::readFully(swarm->fd(), block.data.data(), length,
                                   swarm->manifest->chunkOffset(upload.index) + upload.offset)) {
                connection->send(messageOf(MessageType::Reject, upload.id, quint32(upload.index)));
                link.queue.removeFirst();
                progress = true;
                continue;
            }
            connection->send(block);
            countUpload(upload.id, length);
            upload.offset += length;
            if (upload.offset >= chunkLength)
                link.queue.removeFirst();
            progress = true;
        }
    }
}

} // namespace ringshare::transfer
