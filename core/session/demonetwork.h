// Demo mode's peers: real sessions on loopback in this process that share sample files and churn.
#pragma once

#include "base/clock.h"
#include "base/random.h"
#include "dht/chordnode.h"
#include "net/endpoint.h"

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

namespace ringshare::session {

class Session;

struct DemoOptions {
    int peers = 8;
    QString baseDir;          // each peer keeps its identity, state and sample files under baseDir/peer-N
    net::Endpoint bootstrap;  // the node the peers join through (the app's own)
    Millis joinInterval{900}; // peers join one by one, this far apart
    // After everyone has joined, every `churnInterval` one peer leaves and comes back `rejoinDelay` later
    // (0 turns churn off).
    Millis churnInterval{12'000};
    Millis rejoinDelay{6000};
    // The rejoin delay is drawn at random from rejoinDelay ± this fraction of it, so peers away at once
    // come back at different moments.
    double rejoinSpread = 0.0;
    // The share of churn events (0 to 1) in which the peer vanishes abruptly, as a killed process or a
    // pulled cable would: its session is destroyed without a word to the ring. The rest leave properly.
    double crashShare = 0.0;
    int filesPerPeer = 3;
    qint64 maxFileSize = 4 * 1024 * 1024;
    dht::ChordConfig chord;
};

// Peers for demo mode: real sessions on loopback in this process, each sharing a few generated sample
// files, joining one by one and leaving and rejoining over time so the ring visibly changes.
class DemoNetwork final : public QObject {
    Q_OBJECT

public:
    DemoNetwork(DemoOptions options, Clock& clock, Random& random, QObject* parent = nullptr);
    ~DemoNetwork() override;

    // Writes the sample files and starts the join schedule.
    void start();

    [[nodiscard]] int peerCount() const { return int(m_peers.size()); }
    // The running session of peer `index`, or null while it is away.
    [[nodiscard]] Session* peer(int index) const;
    // The sample files peer `index` shares (absolute paths).
    [[nodiscard]] QStringList sampleFiles(int index) const;
    // Takes peer `index` off the ring (it leaves properly) or brings it back with the same identity, and
    // on the port it had when it can still bind it.
    void stopPeer(int index);
    void startPeer(int index);
    // Peer `index` vanishes at once: its session is destroyed without leaving (peerCrashed, then
    // peerStopped, are emitted before it is), as when its process is killed.
    void crashPeer(int index);

Q_SIGNALS:
    void peerStarted(int index);
    void peerStopped(int index);
    // Before peerStopped, when the peer vanishes rather than leaves.
    void peerCrashed(int index);
    void warning(const QString& message);

private:
    struct Peer;
    void writeSamples(int index);
    void churn();

    DemoOptions m_options;
    Clock& m_clock;
    Random& m_random;
    std::vector<std::unique_ptr<Peer>> m_peers;
    std::unique_ptr<Timer> m_joinTimer;
    std::unique_ptr<Timer> m_churnTimer;
    int m_nextToJoin = 0;
};

} // namespace ringshare::session
