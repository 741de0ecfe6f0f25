// One content being fetched; see download.h.
#include "transfer/download.h"

#include "base/logging.h"
#include "transfer/bitfield.h"
#include "transfer/resumestore.h"

#include <QFile>

namespace ringshare::transfer {

namespace {

// How often the resume map is written while chunks arrive: often enough that a crash costs little, rarely
// enough that flushing it does not slow a fast download.
constexpr Millis kStateSaveInterval{250};
// Stray blocks of chunks we cancelled are expected; a peer that sends more than this many unasked bytes
// is wasting our bandwidth on purpose.
constexpr qint64 kMaxUnaskedBytes = 16 * 1024 * 1024;
constexpr qint64 kMaxBytesInFlight = 16 * 1024 * 1024;
// Complete chunks waiting to be checked and written. When the disk or the worker thread is slower than the
// network, requests wait for them instead of piling chunks up in memory.
constexpr qint64 kMaxBytesVerifying = 32 * 1024 * 1024;

} // namespace

Download::Download(const share::Link& link, DownloadHost& host, Clock& clock, Random& random,
                   const TransferOptions& options, TransferStats& stats)
    : m_host(host), m_clock(clock), m_random(random), m_options(options), m_stats(stats),
      m_ticket(host.disk().ticket(link.id)), m_name(link.name), m_linkSize(qMax<qint64>(0, link.size)) {}

Download::~Download() = default;

Result<std::unique_ptr<Download>> Download::start(const share::Link& link, DownloadHost& host, Clock& clock,
                                                  Random& random, const TransferOptions& options,
                                                  TransferStats& stats, bool filesBeingDeleted) {
    std::unique_ptr<Download> download(new Download(link, host, clock, random, options, stats));
    Download& d = *download;
    // A download cancelled a moment ago may still have its files on disk; the disk worker deletes them
    // before it does anything for this one, so this one starts afresh.
    if (!filesBeingDeleted && QFile::exists(ResumeStore::statePath(options.stateDir, link.id))) {
        // Picked up where an earlier run stopped. Reading the map is quick; checking the chunks it lists
        // reads the whole part file, so that runs on the disk worker and fetching starts once it is done.
        auto map = ResumeStore::readMap(options.stateDir, link.id);
        if (!map.ok())
            return Error{map.error()};
        d.m_fromMap = true;
        d.m_userPaused = map->paused;
        if (d.m_name.isEmpty())
            d.m_name = map->name;
        d.m_linkSize = map->manifest.size;
        d.m_phase = Phase::Checking;
        host.disk().resume(d.m_ticket, options.downloadDir, options.stateDir);
        return download;
    }
    // No manifest yet. The link is kept until one comes, so that a crash or a quit before then does not
    // forget the download; one an earlier run kept says whether it was paused.
    if (!filesBeingDeleted && QFile::exists(ResumeStore::pendingPath(options.stateDir, link.id))) {
        if (auto pending = ResumeStore::readPending(options.stateDir, link.id); pending.ok()) {
            d.m_userPaused = pending->paused;
            if (d.m_name.isEmpty())
                d.m_name = pending->link.name;
            if (d.m_linkSize == 0)
                d.m_linkSize = qMax<qint64>(0, pending->link.size);
        } else {
            qCWarning(lcTransfer) << pending.error();
        }
    }
    d.m_phase = d.fetchingOrPaused();
    d.savePending();
    return download;
}

void Download::moveTo(Phase next) {
    // Finished and Failed are ends; Moving leads only to them.
    Q_ASSERT(m_phase != Phase::Finished && m_phase != Phase::Failed);
    Q_ASSERT(m_phase != Phase::Moving || next == Phase::Finished || next == Phase::Failed);
    m_phase = next;
}

// ---- the swarm ------------------------------------------------------------------------------------------

void Download::join(PeerHandle peer) {
    if (!m_members.contains(peer))
        m_members.insert(peer, Member{});
}

void Download::leave(PeerHandle peer) {
    const auto it = m_members.find(peer);
    if (it == m_members.end())
        return;
    if (m_manifest && it->announced)
        m_picker.removePeer(it->has);
    for (int index : std::as_const(it->asked))
        m_picker.released(index);
    m_members.erase(it);
}

void Download::ban(const NodeId& peer) {
    m_banned.add(peer);
}

void Download::addSource(const PeerAddress& peer) {
    if (m_banned.contains(peer.id) || (peer.port == 0 && !peer.rendezvous))
        return;
    const bool isNew = std::none_of(m_known.cbegin(), m_known.cend(),
                                    [&](const PeerAddress& known) { return known.id == peer.id; });
    if (isNew && m_known.size() < 4 * m_options.maxPeersPerSwarm)
        m_known.append(peer);
    if (m_userPaused ||
        (m_phase != Phase::AwaitingManifest && m_phase != Phase::Checking && m_phase != Phase::Fetching))
        return;
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it)
        if (m_host.peerId(it.key()) == peer.id)
            return;
    if (m_members.size() >= m_options.maxPeersPerSwarm)
        return;
    m_host.connectFor(m_ticket.id, peer);
}

void Download::connectKnown() {
    for (const PeerAddress& peer : QList<PeerAddress>(m_known)) {
        if (m_members.size() >= m_options.maxPeersPerSwarm)
            return;
        addSource(peer);
    }
}

void Download::onMemberClosed(PeerHandle peer) {
    leave(peer);
    if (m_phase == Phase::Moving || m_phase == Phase::Finished)
        return;
    if (!m_userPaused)
        connectKnown();
    fillRequests();
}

// ---- what members say -----------------------------------------------------------------------------------

Download::Announced Download::onAnnounced(PeerHandle handle, const QByteArray& bits) {
    Member& member = m_members[handle];
    const Announced first = member.announced ? Announced::Again : Announced::First;
    if (!m_manifest) {
        member.rawBits = bits;
        member.announced = true;
        return first;
    }
    const int count = m_manifest->chunkCount();
    if (!bits.isEmpty() && bits.size() != (count + 7) / 8) {
        m_host.drop(handle, tr("a bitfield of the wrong size"));
        return Announced::Dropped;
    }
    if (member.announced)
        m_picker.removePeer(member.has);
    member.has = bitfieldBits(bits, count);
    member.announced = true;
    m_picker.addPeer(member.has);
    return first;
}

void Download::askFrom(PeerHandle handle) {
    Member& member = m_members[handle];
    if (!m_manifest && (m_phase == Phase::AwaitingManifest || m_phase == Phase::Paused) &&
        !member.manifestAsked) {
        member.manifestAsked = true;
        m_host.send(handle, message(MessageType::GetManifest));
    }
    fillRequests(handle, member);
}

void Download::onHave(PeerHandle handle, quint32 index) {
    Member& member = m_members[handle];
    if (!m_manifest) {
        if (index < quint32(TransferMessage::kMaxBitfieldBytes) * 8) {
            if (member.rawBits.size() <= int(index / 8))
                member.rawBits.resize(index / 8 + 1, '\0');
            member.rawBits[index / 8] = char(member.rawBits[index / 8] | (0x80 >> (index % 8)));
        }
        return;
    }
    if (index >= quint32(m_manifest->chunkCount())) {
        m_host.drop(handle, tr("announced a chunk that does not exist"));
        return;
    }
    if (member.has.size() != m_manifest->chunkCount())
        member.has = QBitArray(m_manifest->chunkCount());
    if (!member.has.testBit(int(index))) {
        member.has.setBit(int(index));
        m_picker.peerHas(int(index));
        member.announced = true;
    }
    fillRequests(handle, member);
}

void Download::onManifest(PeerHandle from, const QByteArray& bytes) {
    if (m_manifest || (m_phase != Phase::AwaitingManifest && m_phase != Phase::Paused))
        return;
    auto manifest = share::Manifest::decode(bytes, &m_ticket.id);
    if (!manifest.ok()) {
        ban(m_host.peerId(from));
        m_host.drop(from, manifest.error());
        return;
    }
    // The part file is created on the disk worker; other manifests that come meanwhile are not needed.
    moveTo(Phase::Checking);
    m_host.disk().create(m_ticket, m_options.downloadDir, m_options.stateDir, manifest.value(),
                         m_name.isEmpty() ? manifest->name : m_name);
}

void Download::onPartOpened(PartOpened& event) {
    if (m_phase != Phase::Checking)
        return;
    if (!event.part.ok()) {
        fail(event.part.error());
        return;
    }
    if (!event.part.value()) {
        fail(tr("The resume map of %1 vanished.").arg(m_name));
        return;
    }
    startWith(std::move(event.part).value());
}

void Download::startWith(std::unique_ptr<PartFile> part) {
    m_manifest = std::make_shared<const share::Manifest>(part->manifest());
    if (m_name.isEmpty())
        m_name = m_manifest->name;
    m_picker = PiecePicker(m_manifest->chunkCount());
    for (int i = 0; i < part->have().size(); ++i)
        if (part->have().testBit(i))
            m_picker.setHave(i);
    m_part = std::move(part);
    moveTo(fetchingOrPaused());
    // The user's latest word wins (a resumed download took it from its map, and it may have been paused or
    // resumed since); the map follows it.
    if (m_part->isPaused() != m_userPaused) {
        m_part->setPaused(m_userPaused);
        m_stateDirty = true;
        saveState(true);
    }
    for (Member& member : m_members) {
        if (member.announced) {
            // A raw bitfield longer than the file is a liar's; bitfieldBits() ignores what does not fit.
            member.has = bitfieldBits(member.rawBits, m_manifest->chunkCount());
            m_picker.addPeer(member.has);
        } else {
            member.has = QBitArray(m_manifest->chunkCount());
        }
    }
    // Everyone we talk to learns what we have now.
    TransferMessage interested = message(MessageType::Interested);
    interested.data = bitfieldBytes(m_picker.have());
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it)
        m_host.send(it.key(), interested);
    report();
    if (m_picker.isComplete())
        finish();
    else
        fillRequests();
}

void Download::onReject(PeerHandle handle, quint32 index) {
    Member& member = m_members[handle];
    if (!member.asked.removeOne(int(index)))
        return;
    member.waitingSince = m_clock.now(); // an answer, if not the one hoped for
    m_picker.released(int(index));
    member.incoming.remove(int(index));
    // It will not serve this chunk; stop asking it for this one.
    if (int(index) < member.has.size() && member.has.testBit(int(index))) {
        member.has.clearBit(int(index));
        m_picker.peerLacks(int(index));
    }
    fillRequests();
}

// ---- fetching -------------------------------------------------------------------------------------------

void Download::fillRequests() {
    if (!fetching())
        return;
    for (auto it = m_members.begin(); it != m_members.end(); ++it)
        fillRequests(it.key(), it.value());
}

void Download::fillRequests(PeerHandle handle, Member& member) {
    if (!fetching() || !member.announced || !m_host.isReady(handle))
        return;
    // Enough requests in flight to cover about half a second at this peer's pace, never fewer than two, and
    // never more than kMaxBytesInFlight per peer: each request may hold a chunk-sized buffer here.
    const qint64 chunkSize = m_manifest->chunkSize;
    if (qint64(m_verifying.size()) * chunkSize >= kMaxBytesVerifying)
        return; // onChunkChecked() asks again
    const qint64 rate = member.meter.rate(m_clock.now());
    const qint64 cap = qMax<qint64>(2, kMaxBytesInFlight / chunkSize);
    const int depth =
        member.proven ? int(qBound(qint64(2), rate / 2 / chunkSize + 2, cap)) : 2 - member.checking;
    while (member.asked.size() < depth) {
        const int index = m_picker.pick(member.has, member.asked, m_random);
        if (index < 0)
            return;
        if (member.asked.isEmpty())
            member.waitingSince = m_clock.now();
        m_picker.requested(index);
        member.asked.append(index);
        member.cancelled.remove(index);
        m_host.send(handle, message(MessageType::Request, quint32(index)));
    }
}

void Download::onBlock(PeerHandle handle, const TransferMessage& message) {
    Member& member = m_members[handle];
    const int index = int(message.index);
    if (!member.asked.contains(index)) {
        member.unaskedBytes += message.data.size();
        m_stats.bytesWasted += message.data.size();
        if (!member.cancelled.contains(index) || member.unaskedBytes > kMaxUnaskedBytes)
            m_host.drop(handle, tr("sent data nobody asked for"));
        return;
    }
    const int length = m_manifest->chunkLength(index);
    QByteArray& buffer = member.incoming[index];
    if (message.offset != quint32(buffer.size()) || qint64(buffer.size()) + message.data.size() > length ||
        (message.data.isEmpty() && length > 0)) {
        m_host.drop(handle, tr("sent a chunk out of order"));
        return;
    }
    if (buffer.isEmpty())
        buffer.reserve(length);
    buffer += message.data;
    member.meter.add(message.data.size(), m_clock.now());
    member.waitingSince = m_clock.now();
    if (buffer.size() < length)
        return;
    QByteArray data = std::move(buffer);
    member.incoming.remove(index);
    member.asked.removeOne(index);
    check(handle, index, std::move(data));
    fillRequests(handle, member);
}

// Checks a complete chunk against its hash and writes it, on the disk worker; onChunkChecked() follows.
void Download::check(PeerHandle from, int index, QByteArray data) {
    m_picker.released(index);
    if (m_picker.have().testBit(index) || m_verifying.contains(index)) {
        // An endgame duplicate: another peer's copy is written or on its way.
        m_stats.bytesWasted += data.size();
        return;
    }
    // Nobody is asked for the chunk while it is checked.
    m_verifying.insert(index);
    m_picker.setPending(index, true);
    ++m_members[from].checking;
    m_host.disk().checkChunk(m_ticket, m_manifest, m_part, index, std::move(data), from, m_host.peerId(from));
}

void Download::onChunkChecked(const ChunkChecked& event) {
    const int index = event.index;
    if (!m_verifying.remove(index))
        return;
    m_picker.setPending(index, false);
    if (const auto sender = m_members.find(event.from); sender != m_members.end()) {
        --sender->checking;
        sender->proven = sender->proven || event.matches;
    }
    if (!event.matches) {
        ++m_stats.badChunks;
        m_stats.bytesWasted += event.size;
        ban(event.fromNode);
        if (m_host.isReady(event.from))
            m_host.drop(event.from, tr("sent chunk %1 that does not match its hash").arg(index));
        fillRequests();
        return;
    }
    if (!event.writeError.isEmpty()) {
        fail(event.writeError);
        return;
    }
    // A chunk that lands after a pause still counts ("chunks already being checked may still land").
    if (m_phase != Phase::Fetching && m_phase != Phase::Paused)
        return;
    if (m_picker.have().testBit(index)) {
        fillRequests();
        return;
    }
    m_part->markHave(index);
    m_picker.setHave(index);
    m_meter.add(event.size, m_clock.now());
    m_stats.bytesDownloaded += event.size;
    m_stateDirty = true;
    // Whoever else was fetching this chunk in the endgame can stop; every member learns we have it.
    for (auto it = m_members.begin(); it != m_members.end(); ++it) {
        Member& other = it.value();
        if (other.asked.removeOne(index)) {
            m_picker.released(index);
            other.incoming.remove(index);
            other.cancelled.insert(index);
            m_host.send(it.key(), message(MessageType::Cancel, quint32(index)));
        }
        m_host.send(it.key(), message(MessageType::Have, quint32(index)));
    }
    m_host.chunkAdded(m_ticket.id, event.size);
    if (m_picker.isComplete()) {
        finish();
        return;
    }
    saveState(false);
    fillRequests();
}

// Withdraws every request in flight, telling the members.
void Download::cancelRequests() {
    for (auto it = m_members.begin(); it != m_members.end(); ++it) {
        for (int index : std::as_const(it->asked)) {
            m_picker.released(index);
            // Blocks already on their way are expected, not a peer misbehaving.
            it->cancelled.insert(index);
            m_host.send(it.key(), message(MessageType::Cancel, quint32(index)));
        }
        it->asked.clear();
        it->incoming.clear();
    }
}

// Disconnects the members that have sent nothing of what they were asked for in stallTimeout.
void Download::dropStalled() {
    const Millis now = m_clock.now();
    QList<PeerHandle> stalled;
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it)
        if (!it->asked.isEmpty() && now - it->waitingSince >= m_options.stallTimeout)
            stalled.append(it.key());
    for (const PeerHandle handle : std::as_const(stalled)) {
        ++m_stats.peersStalled;
        const QString reason =
            tr("sent nothing of what it was asked for in %1 s").arg(m_options.stallTimeout.count() / 1000.0);
        // Once may be an overloaded peer, which is dialled again; twice in one download is a pattern.
        const NodeId peer = m_host.peerId(handle);
        if (m_stalled.contains(peer)) {
            m_host.drop(handle, reason);
        } else {
            m_stalled.insert(peer);
            m_host.closeConnection(handle, reason);
        }
    }
}

// ---- the end --------------------------------------------------------------------------------------------

void Download::finish() {
    // Every chunk is verified: nothing more is asked for, and the file is flushed and moved into place on
    // the disk worker, after the writes and map saves queued before.
    moveTo(Phase::Moving);
    cancelRequests();
    m_host.disk().finish(m_ticket, m_part);
}

bool Download::onPartFinished(const PartFinished& event) {
    if (m_phase != Phase::Moving)
        return false;
    if (!event.path.ok()) {
        fail(event.path.error());
        return false;
    }
    qCDebug(lcTransfer) << "finished" << event.path.value();
    // Shared before the download records where it is, so that the library replacing an older entry at that
    // path cannot take this download for an unshared one.
    m_host.placed(event.path.value(), *m_manifest);
    m_finalPath = event.path.value();
    moveTo(Phase::Finished);
    report();
    return true;
}

void Download::fail(const QString& error) {
    if (m_phase == Phase::Failed)
        return;
    moveTo(Phase::Failed);
    m_error = error;
    qCWarning(lcTransfer) << "download failed:" << error;
    if (m_part)
        saveState(true);
    report();
    m_host.failed(m_ticket.id, error);
}

void Download::saveState(bool force) {
    if (!m_part || !m_stateDirty)
        return;
    const Millis now = m_clock.now();
    if (!force && now - m_lastSave < kStateSaveInterval)
        return;
    m_lastSave = now;
    m_stateDirty = false;
    m_host.disk().saveMap(m_ticket, m_part, m_part->have(), m_part->isPaused());
}

void Download::savePending() {
    const share::Link link{m_ticket.id, m_name, m_linkSize > 0 ? m_linkSize : -1};
    m_host.disk().savePending(m_options.stateDir, link, m_userPaused);
}

void Download::saveNow() {
    if (isActive())
        saveState(true);
}

void Download::report() {
    m_host.progressed(status());
}

// ---- the user -------------------------------------------------------------------------------------------

void Download::pause() {
    if (m_userPaused ||
        (m_phase != Phase::AwaitingManifest && m_phase != Phase::Checking && m_phase != Phase::Fetching))
        return;
    m_userPaused = true;
    if (m_phase != Phase::Checking)
        moveTo(Phase::Paused);
    cancelRequests();
    if (m_part) {
        m_part->setPaused(true);
        m_stateDirty = true;
        saveState(true);
    } else if (m_phase != Phase::Checking) {
        savePending();
    }
    report();
}

void Download::resume() {
    if (!m_userPaused || (m_phase != Phase::Paused && m_phase != Phase::Checking))
        return;
    m_userPaused = false;
    if (m_phase == Phase::Paused)
        moveTo(fetchingOrPaused());
    if (m_part) {
        m_part->setPaused(false);
        m_stateDirty = true;
        saveState(true);
    } else if (m_phase != Phase::Checking) {
        savePending();
    }
    report();
    connectKnown();
    fillRequests();
}

void Download::cancel() {
    cancelRequests();
    m_host.disk().discard(m_ticket, m_part, m_options.downloadDir, m_options.stateDir);
}

void Download::tick() {
    if (!isActive() || m_phase == Phase::Moving)
        return;
    saveState(false);
    if (m_userPaused)
        return;
    dropStalled();
    connectKnown();
    report();
}

DownloadStatus Download::status() const {
    DownloadStatus status;
    status.id = m_ticket.id;
    status.name = m_name;
    status.total = m_manifest ? m_manifest->size : m_linkSize;
    if (m_manifest) {
        const QBitArray& have = m_picker.have();
        for (int i = 0; i < have.size(); ++i)
            if (have.testBit(i))
                status.done += m_manifest->chunkLength(i);
    }
    status.rate = m_userPaused ? 0 : m_meter.rate(m_clock.now());
    for (const Member& member : m_members)
        if (member.announced && (m_manifest ? member.has.count(true) > 0 : !member.rawBits.isEmpty()))
            ++status.sources;
    status.path = m_finalPath;
    status.error = m_error;
    using State = DownloadStatus::State;
    status.state = m_phase == Phase::Failed                  ? State::Failed
                   : m_phase == Phase::Finished              ? State::Finished
                   : m_phase == Phase::Moving                ? State::Downloading // being moved
                   : m_phase == Phase::Checking && m_fromMap ? State::Checking
                   : m_userPaused                            ? State::Paused
                   : m_manifest && status.sources > 0        ? State::Downloading
                                                             : State::FindingSources;
    return status;
}

} // namespace ringshare::transfer
