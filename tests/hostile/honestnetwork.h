// The honest side of tst_hostilepeers and its simulated-time siblings: small networks of real nodes (a Chord
// ring over loopback UDP or the simulator, transfer peers) and the helpers that check what they do.
#pragma once

#include "../transfer/simpeer.h"
#include "../transfer/transferpeer.h"
#include "base/systemclock.h"
#include "crypto/securerandom.h"
#include "dht/chordnode.h"
#include "dht/record.h"
#include "net/udptransport.h"
#include "share/library.h"
#include "share/link.h"
#include "share/manifest.h"
#include "transfer/peerconnection.h"
#include "transfer/transfermanager.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

namespace ringshare::hostile {

using namespace std::chrono_literals;
using dht::ChordNode;
using net::NodeRef;
using transfer::TransferManager;
using transfer::TransferMessage;

inline crypto::Identity identityFor(int n) {
    crypto::Identity::Seed seed{};
    for (size_t i = 0; i < seed.size(); ++i)
        seed[i] = std::uint8_t(n * 131 + int(i) * 7 + 1);
    return crypto::Identity::fromSeed(seed);
}

inline dht::ChordConfig fastConfig() {
    dht::ChordConfig config;
    config.stabilizeInterval = 100ms;
    config.fixFingersInterval = 50ms;
    config.checkPredecessorInterval = 200ms;
    config.rejoinInterval = 500ms;
    config.replicateInterval = 2000ms;
    config.rpc.timeout = 250ms;
    config.rpc.attempts = 2;
    return config;
}

// How a test lets time pass until `done`: the event loop on the wall clock, or a simulated world's clock.
using WaitFor = std::function<bool(const std::function<bool()>& done, Millis limit)>;

inline bool waitOnEventLoop(const std::function<bool()>& done, Millis limit) {
    return QTest::qWaitFor(done, int(limit.count()));
}

// A few real Chord nodes joined into one ring: on loopback UDP and the system clock, or on a simulated
// network and its clock.
class HonestRing final {
public:
    explicit HonestRing(dht::ChordConfig config = fastConfig())
        : clock(m_systemClock), waitFor(waitOnEventLoop), m_config(std::move(config)) {}
    explicit HonestRing(transfer::SimWorld& world, dht::ChordConfig config = fastConfig())
        : clock(world.clock), waitFor([&world](const std::function<bool()>& done, Millis limit) {
              return world.runUntil(done, limit);
          }),
          m_config(std::move(config)), m_network(&world.network) {}

    bool build(int n) {
        for (int i = 0; i < n; ++i) {
            auto member = std::make_unique<Member>(quint64(i + 1));
            if (m_network) {
                member->transport = m_network->createTransport();
            } else {
                auto bound = net::UdpTransport::bind(QHostAddress::LocalHost, 0);
                if (!bound.ok())
                    return false;
                member->transport = std::move(bound).value();
            }
            member->node = std::make_unique<ChordNode>(identityFor(i), *member->transport, clock,
                                                       member->random, m_config);
            if (i == 0)
                member->node->createRing();
            else
                member->node->join({m_members.front()->transport->localEndpoint()});
            m_members.push_back(std::move(member));
        }
        return waitFor([this] { return isExact(); }, Millis(20'000));
    }

    // Every node's first successor and predecessor are its true neighbours among the honest nodes.
    [[nodiscard]] bool isExact() const {
        QList<NodeId> ids = this->ids();
        std::sort(ids.begin(), ids.end());
        for (const auto& member : m_members) {
            const ChordNode& node = *member->node;
            if (!node.isJoined() || node.successors().isEmpty() || !node.predecessor())
                return false;
            const qsizetype at = ids.indexOf(node.id());
            if (node.successors().first().id != ids[(at + 1) % ids.size()] ||
                node.predecessor()->id != ids[(at + ids.size() - 1) % ids.size()])
                return false;
        }
        return true;
    }

    [[nodiscard]] QList<NodeId> ids() const {
        QList<NodeId> ids;
        for (const auto& member : m_members)
            ids.append(member->node->id());
        return ids;
    }
    [[nodiscard]] ChordNode& node(int i) { return *m_members[size_t(i)]->node; }
    [[nodiscard]] int size() const { return int(m_members.size()); }
    ChordNode* byId(const NodeId& id) {
        for (const auto& member : m_members)
            if (member->node->id() == id)
                return member->node.get();
        return nullptr;
    }

private:
    SystemClock m_systemClock; // first: `clock` may name it

public:
    Clock& clock;
    const WaitFor waitFor;

private:
    struct Member {
        explicit Member(quint64 seed) : random(seed) {}
        SeededRandom random;
        std::unique_ptr<net::Transport> transport;
        std::unique_ptr<ChordNode> node;
    };
    dht::ChordConfig m_config;
    net::SimNetwork* m_network = nullptr; // null: loopback UDP
    std::vector<std::unique_ptr<Member>> m_members;
};

// The owner of `key` among `ids`: the first at or after it, clockwise.
inline NodeId ownerAmong(QList<NodeId> ids, const NodeId& key) {
    std::sort(ids.begin(), ids.end());
    for (const NodeId& id : ids)
        if (!(id < key))
            return id;
    return ids.first();
}

// Where `id` sits on the ring, as a fraction of the whole way round (from its first 64 bits).
inline double ringFraction(const NodeId& id) {
    quint64 top = 0;
    for (int i = 0; i < 8; ++i)
        top = (top << 8) | id.bytes()[size_t(i)];
    return double(top) / 18446744073709551616.0;
}

// An identity whose node ID falls near the middle of the widest gap between `ids`: a node there owns a
// large part of the ring and becomes a finger of many nodes.
inline crypto::Identity identityInWidestGap(QList<NodeId> ids, int firstSeed) {
    std::sort(ids.begin(), ids.end());
    qsizetype widest = 0;
    for (qsizetype i = 0; i < ids.size(); ++i)
        if (ringFraction(ids[(i + 1) % ids.size()] - ids[i]) >
            ringFraction(ids[(widest + 1) % ids.size()] - ids[widest]))
            widest = i;
    const NodeId from = ids[widest];
    const double gap = ringFraction(ids[(widest + 1) % ids.size()] - from);
    for (int seed = firstSeed;; ++seed) {
        crypto::Identity candidate = identityFor(seed);
        const double at = ringFraction(candidate.nodeId() - from);
        if (at > 0.35 * gap && at < 0.65 * gap)
            return candidate;
    }
}

inline bool mentions(const ChordNode& node, const NodeId& id) {
    if (node.predecessor() && node.predecessor()->id == id)
        return true;
    if (node.successors().contains(id))
        return true;
    const QList<NodeRef> fingers = node.fingers().distinct();
    return std::any_of(fingers.begin(), fingers.end(), [&](const NodeRef& f) { return f.id == id; });
}

// Looks up `keys` from every node of the ring at once; counts the lookups whose owner is not the expected
// one, and hands every result to `inspect`.
inline int wrongLookups(HonestRing& ring, const QList<NodeId>& keys,
                        const std::function<NodeId(const NodeId&)>& expected,
                        const std::function<void(const dht::LookupResult&)>& inspect = {}) {
    // Shared with the callbacks, which may outlive this call when it gives up waiting.
    struct Tally {
        int done = 0;
        int wrong = 0;
    };
    const auto tally = std::make_shared<Tally>();
    const int total = int(keys.size()) * ring.size();
    for (int n = 0; n < ring.size(); ++n)
        for (const NodeId& key : keys)
            ring.node(n).lookup(key, [tally, key, expected, inspect](const dht::LookupResult& result) {
                ++tally->done;
                if (!result.found || result.owner.id != expected(key)) {
                    ++tally->wrong;
                    qWarning() << "lookup of" << key.shortHex() << "found" << result.found << "owner"
                               << result.owner.id.shortHex() << "expected" << expected(key).shortHex();
                }
                if (inspect)
                    inspect(result);
            });
    if (!ring.waitFor([&] { return tally->done == total; }, Millis(30'000)))
        return total;
    return tally->wrong;
}

inline QList<NodeId> someKeys(int count, quint64 seed) {
    SeededRandom random(seed);
    QList<NodeId> keys;
    for (int i = 0; i < count; ++i)
        keys.append(NodeId::hashOf(random.bytes(8)));
    return keys;
}

// Sends one request through `rpc` and waits for the answer (nullopt: none came).
inline std::optional<net::Message> ask(net::Rpc& rpc, const net::Endpoint& to, net::Body body,
                                       const WaitFor& waitFor = waitOnEventLoop) {
    std::optional<net::Message> answer;
    bool done = false;
    auto alive = std::make_shared<bool>(true);
    rpc.request(to, std::move(body), [&, alive](const net::Message* reply) {
        if (!*alive)
            return;
        done = true;
        if (reply)
            answer = *reply;
    });
    (void)waitFor([&] { return done; }, Millis(10'000));
    *alive = false;
    return answer;
}

inline std::optional<net::StoreStatus> store(net::Rpc& rpc, const net::Endpoint& to, const QByteArray& record,
                                             const WaitFor& waitFor = waitOnEventLoop) {
    const auto answer = ask(rpc, to, net::Store{record}, waitFor);
    if (const auto* reply = answer ? std::get_if<net::StoreReply>(&answer->body) : nullptr)
        return reply->status;
    return std::nullopt;
}

// ---- transfers ------------------------------------------------------------------------------------------

inline QByteArray patterned(qint64 size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    return data;
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every regular file under `dir`, relative to it.
inline QStringList filesUnder(const QString& dir) {
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    files.sort();
    return files;
}

using Peer = transfer::TransferPeer;

inline TransferMessage reply(transfer::MessageType type, const share::ContentId& id, quint32 index = 0) {
    TransferMessage message;
    message.type = type;
    message.id = id;
    message.index = index;
    return message;
}

// What every hostile seeder here plays straight: it answers Interested with a bitfield claiming every chunk
// and GetManifest with the real manifest. True when `m` was one of those.
inline bool claimEveryChunk(transfer::PeerConnection& c, const TransferMessage& m,
                            const share::Manifest& manifest) {
    if (m.type == transfer::MessageType::Interested) {
        TransferMessage bits = reply(transfer::MessageType::Bitfield, m.id);
        bits.data = QByteArray((manifest.chunkCount() + 7) / 8, '\xff');
        c.send(bits);
        return true;
    }
    if (m.type == transfer::MessageType::GetManifest) {
        TransferMessage answer = reply(transfer::MessageType::ManifestData, m.id);
        answer.data = manifest.encode();
        c.send(answer);
        return true;
    }
    return false;
}

// The part of a manifest's binary layout before the name: magic, version, size, chunk size, name length.
inline QByteArray manifestHeader(quint64 size, quint32 chunkSize, quint16 nameBytes) {
    const QByteArray genuine = [] {
        share::Manifest m;
        m.size = 1;
        m.chunkSize = share::Manifest::kMinChunkSize;
        m.chunkHashes = QByteArray(share::Manifest::kHashSize, '\0');
        return m.encode();
    }();
    QByteArray header = genuine.left(5); // magic and version, whatever they are
    for (int shift = 56; shift >= 0; shift -= 8)
        header.append(char(size >> shift));
    for (int shift = 24; shift >= 0; shift -= 8)
        header.append(char(chunkSize >> shift));
    header.append(char(nameBytes >> 8)).append(char(nameBytes));
    return header;
}

} // namespace ringshare::hostile
