// The simulated stream transport on the virtual clock: timing to the millisecond, flow control, the
// ways a connection fails, and replay from a seed. No wall-clock waits.
#include "base/manualclock.h"
#include "base/random.h"
#include "net/simnetwork.h"
#include "net/simstreams.h"

#include <QElapsedTimer>
#include <QTest>
#include <memory>
#include <vector>

using namespace ringshare;
using namespace ringshare::net;
using namespace std::chrono_literals;

namespace {

// What one stream did, and when.
struct Log {
    Millis connectedAt{-1};
    Millis closedAt{-1};
    QString reason;
    QByteArray received;
    Millis lastByteAt{-1};
    qint64 written = 0;
    std::vector<std::pair<Millis, qint64>> arrivals;
};

// Watches one stream; with `reading` off it leaves what arrives unread.
void watch(const ManualClock& clock, Stream& stream, Log& log, bool reading = true) {
    QObject::connect(&stream, &Stream::connected, [&clock, &log] { log.connectedAt = clock.now(); });
    QObject::connect(&stream, &Stream::closed, [&clock, &log](const QString& reason) {
        log.closedAt = clock.now();
        log.reason = reason;
    });
    QObject::connect(&stream, &Stream::bytesWritten, [&log](qint64 bytes) { log.written += bytes; });
    if (reading)
        QObject::connect(&stream, &Stream::readyRead, [&clock, &stream, &log] {
            const QByteArray bytes = stream.read(stream.bytesAvailable());
            log.received += bytes;
            log.lastByteAt = clock.now();
            log.arrivals.emplace_back(clock.now(), bytes.size());
        });
}

// A host with both transports; it keeps what it accepts and watches each of them.
class Host final : public StreamAcceptor {
public:
    Host(ManualClock& clock, SimNetwork& network)
        : m_clock(clock), datagrams(network.createTransport()), endpoint(datagrams->localEndpoint()),
          streams(network.createStreamTransport(endpoint)) {
        streams->setAcceptor(this);
    }

    void onStream(std::unique_ptr<Stream> stream) override {
        logs.push_back(std::make_unique<Log>());
        watch(m_clock, *stream, *logs.back(), reading);
        if (onAccept)
            onAccept(*stream);
        accepted.push_back(std::move(stream));
    }

    [[nodiscard]] Endpoint streamEndpoint() const { return {endpoint.address, streams->listenPort()}; }

    ManualClock& m_clock;
    std::unique_ptr<Transport> datagrams;
    Endpoint endpoint;
    std::unique_ptr<StreamTransport> streams;
    std::vector<std::unique_ptr<Stream>> accepted;
    std::vector<std::unique_ptr<Log>> logs;
    std::function<void(Stream&)> onAccept;
    bool reading = true;
};

SimLinkProfile fixedLink(Millis latency, qint64 bandwidth) {
    SimLinkProfile profile;
    profile.minLatency = latency;
    profile.maxLatency = latency;
    profile.bandwidth = bandwidth;
    return profile;
}

QByteArray pattern(quint64 seed, int size) {
    SeededRandom random(seed);
    return random.bytes(size);
}

void drain(ManualClock& clock) {
    while (clock.runNext()) {
    }
}

} // namespace

class TestSimStream final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Both directions at once, megabytes each: every byte in order, the last one at exactly
    // latency + size / bandwidth after the first was written.
    void largeTransferArrivesInOrderOnTime() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(10ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        const QByteArray up = pattern(1, 4'000'000);
        const QByteArray down = pattern(2, 3'000'000);
        server.onAccept = [&](Stream& stream) { stream.write(down); };

        Log log;
        auto stream = client.streams->dial(server.streamEndpoint());
        watch(clock, *stream, log);
        QObject::connect(stream.get(), &Stream::connected, [&] { stream->write(up); });
        QCOMPARE(stream->phase(), Stream::Phase::Connecting);
        drain(clock);

        // SYN and SYN-ACK: connected after one round trip; the ACK makes the accept half a trip later.
        QCOMPARE(log.connectedAt, 20ms);
        QCOMPARE(server.accepted.size(), std::size_t(1));
        const Log& serverLog = *server.logs.front();
        QVERIFY(serverLog.received == up);
        QVERIFY(log.received == down);
        QCOMPARE(serverLog.lastByteAt, 20ms + 4000ms + 10ms);
        QCOMPARE(log.lastByteAt, 30ms + 3000ms + 10ms);
        QCOMPARE(log.written, qint64(up.size()));
        QCOMPARE(stream->peerEndpoint(), server.streamEndpoint());
        QCOMPARE(server.accepted.front()->peerEndpoint(), stream->localEndpoint());
        QCOMPARE(stream->localEndpoint().address, client.endpoint.address);
        QCOMPARE(network.streams().stats().bytes, quint64(up.size() + down.size()));
    }

    // Two streams over one link share its bandwidth: together they take as long as one with both loads.
    void streamsOnOneLinkShareIt() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(10ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        const QByteArray payload = pattern(3, 1'048'576);
        std::vector<std::unique_ptr<Stream>> streams;
        for (int i = 0; i < 2; ++i) {
            streams.push_back(client.streams->dial(server.streamEndpoint()));
            Stream* stream = streams.back().get();
            QObject::connect(stream, &Stream::connected, [stream, &payload] { stream->write(payload); });
        }
        drain(clock);
        QCOMPARE(server.logs.size(), std::size_t(2));
        // 2 MiB at 1 MB/s is 2097.152 ms of serialisation, started at 20 ms; the last byte lands 10 ms on.
        const Millis last = std::max(server.logs[0]->lastByteAt, server.logs[1]->lastByteAt);
        QCOMPARE(last, 20ms + 2098ms + 10ms);
        // Interleaved, not one after the other: the first to finish is within a segment of the end.
        const Millis first = std::min(server.logs[0]->lastByteAt, server.logs[1]->lastByteAt);
        QVERIFY(last - first <= 70ms);
        QVERIFY(server.logs[0]->received == payload && server.logs[1]->received == payload);
    }

    // With no listener on the port, the dialler hears "refused" one round trip after dialling.
    void dialToAClosedPortIsRefused() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(25ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        clock.advance(100ms);
        Log log;
        auto stream = client.streams->dial({server.endpoint.address, 4001});
        watch(clock, *stream, log);
        drain(clock);
        QCOMPARE(log.connectedAt, -1ms);
        QCOMPARE(log.closedAt, 150ms);
        QCOMPARE(stream->end(), StreamEnd::Refused);
        QCOMPARE(stream->phase(), Stream::Phase::Closed);
        QCOMPARE(network.streams().stats().refused, quint64(1));
        QVERIFY(server.accepted.empty());
    }

    // A silent host neither accepts nor refuses: the dialler waits out TCP's SYN schedule (127 s).
    void silentHostLeavesTheDialHalfOpen() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(10ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        network.setSilent(server.endpoint, true);
        QVERIFY(network.isSilent(server.endpoint));
        Log log;
        auto stream = client.streams->dial(server.streamEndpoint());
        watch(clock, *stream, log);
        clock.advance(126'999ms);
        QCOMPARE(stream->phase(), Stream::Phase::Connecting);
        QCOMPARE(log.closedAt, -1ms);
        clock.advance(1ms);
        QCOMPARE(log.closedAt, 127'000ms);
        QCOMPARE(stream->end(), StreamEnd::TimedOut);
        QVERIFY(server.accepted.empty());
        QCOMPARE(network.streams().stats().refused, quint64(0));

        // Heard again, the host answers the next dial.
        network.setSilent(server.endpoint, false);
        auto again = client.streams->dial(server.streamEndpoint());
        drain(clock);
        QCOMPARE(again->phase(), Stream::Phase::Open);
    }

    // A host that goes down mid-stream: nothing flows while it is down, and the stream resumes, intact,
    // when it comes back; a dial to a host that stays down never answers.
    void downHostStallsTheStreamUntilItReturns() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(10ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        const QByteArray payload = pattern(4, 2'000'000);
        auto stream = client.streams->dial(server.streamEndpoint());
        QObject::connect(stream.get(), &Stream::connected, [&] { stream->write(payload); });
        clock.advance(500ms);
        QCOMPARE(server.logs.size(), std::size_t(1));
        const Log& log = *server.logs.front();
        network.setDown(server.endpoint, true);
        clock.advance(20ms); // what was already due lands; then nothing
        const qint64 before = log.received.size();
        QVERIFY(before > 0 && before < payload.size());
        clock.advance(5000ms);
        QCOMPARE(log.received.size(), before);
        QVERIFY(network.streams().stats().retransmits > 0);

        Host other(clock, network);
        Log lost;
        auto toDown = other.streams->dial(server.streamEndpoint());
        watch(clock, *toDown, lost);
        clock.advance(120'000ms);
        QCOMPARE(lost.connectedAt, -1ms);
        QCOMPARE(lost.closedAt, -1ms);

        network.setDown(server.endpoint, false);
        drain(clock);
        QVERIFY(log.received == payload);
        QCOMPARE(log.closedAt, -1ms);
        // Its last SYN went out while the host was down, so it timed out all the same.
        QCOMPARE(toDown->end(), StreamEnd::TimedOut);
        QCOMPARE(stream->phase(), Stream::Phase::Open);
    }

    // A partition stalls a stream like a cut cable, and a dial across it goes unanswered; healed, the
    // stream finishes and a new dial connects.
    void partitionStallsUntilHealed() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(10ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        const QByteArray payload = pattern(5, 1'000'000);
        auto stream = client.streams->dial(server.streamEndpoint());
        QObject::connect(stream.get(), &Stream::connected, [&] { stream->write(payload); });
        clock.advance(300ms);
        network.setGroup(server.endpoint, 1);
        clock.advance(20ms);
        const Log& log = *server.logs.front();
        const qint64 before = log.received.size();
        Log across;
        auto blocked = client.streams->dial(server.streamEndpoint());
        watch(clock, *blocked, across);
        clock.advance(10'000ms);
        QCOMPARE(log.received.size(), before);
        QCOMPARE(across.connectedAt, -1ms);
        QCOMPARE(across.closedAt, -1ms);

        network.healPartitions();
        drain(clock);
        QVERIFY(log.received == payload);
        // The dial's next SYN (at 15 s) gets through.
        QCOMPARE(across.connectedAt, 15'000ms + 320ms + 20ms);
    }

    // Aborting one end: what was already on the link still arrives, then the peer hears the close,
    // one latency after the last byte; the aborting end hears nothing. Destroying a stream is the same.
    void closeReachesThePeer() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(15ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        Log log;
        auto stream = client.streams->dial(server.streamEndpoint());
        watch(clock, *stream, log);
        drain(clock);
        QCOMPARE(server.accepted.size(), std::size_t(1));
        Stream& accepted = *server.accepted.front();
        const Log& serverLog = *server.logs.front();

        clock.advance(1000ms);
        const Millis abortedAt = clock.now();
        accepted.write(QByteArray(1000, 'x')); // 1 ms on the link
        accepted.abort();
        QCOMPARE(accepted.phase(), Stream::Phase::Closed);
        QCOMPARE(accepted.end(), StreamEnd::Aborted);
        accepted.write(QByteArrayLiteral("ignored"));
        drain(clock);
        QCOMPARE(log.received, QByteArray(1000, 'x'));
        QCOMPARE(log.lastByteAt, abortedAt + 1ms + 15ms);
        QCOMPARE(log.closedAt, abortedAt + 1ms + 15ms);
        QCOMPARE(stream->end(), StreamEnd::PeerClosed);
        QCOMPARE(serverLog.closedAt, -1ms);

        // The other way round, by destruction, with nothing in flight.
        auto second = client.streams->dial(server.streamEndpoint());
        drain(clock);
        QCOMPARE(server.accepted.size(), std::size_t(2));
        const Millis droppedAt = clock.now();
        second.reset();
        drain(clock);
        QCOMPARE(server.logs.back()->closedAt, droppedAt + 15ms);
        QCOMPARE(server.accepted.back()->end(), StreamEnd::PeerClosed);
    }

    // A listener that drops what it accepts: the dialler connects, then hears the close.
    void acceptorThatDropsClosesTheDialler() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(10ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        server.streams->setAcceptor(nullptr);
        Log log;
        auto stream = client.streams->dial(server.streamEndpoint());
        watch(clock, *stream, log);
        drain(clock);
        QCOMPARE(log.connectedAt, 20ms);
        QCOMPARE(log.closedAt, 40ms);
        QCOMPARE(stream->end(), StreamEnd::PeerClosed);
    }

    // A sender that outruns the link sees bytesToWrite grow and bytesWritten come at the link's pace;
    // a reader that stops reading shuts the window, and the sender's queue stays full until it reads.
    void backPressure() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(10ms, 1'000'000));
        Host client(clock, network);
        Host server(clock, network);
        server.reading = false;
        server.onAccept = [](Stream& stream) { stream.setReadBufferSize(100'000); };
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        Log log;
        auto stream = client.streams->dial(server.streamEndpoint());
        watch(clock, *stream, log);
        drain(clock);
        const Millis start = clock.now();
        const QByteArray payload = pattern(6, 3'000'000);
        stream->write(payload);
        QCOMPARE(stream->bytesToWrite(), qint64(payload.size()));
        clock.advance(10ms);
        // One 64 KiB segment takes 65.536 ms at 1 MB/s; the window lets the second out only in part.
        QCOMPARE(log.written, qint64(0));
        clock.advance(60ms);
        QCOMPARE(log.written, qint64(65'536));
        drain(clock);
        Stream& accepted = *server.accepted.front();
        QCOMPARE(accepted.bytesAvailable(), qint64(100'000));
        QCOMPARE(stream->bytesToWrite(), qint64(payload.size() - 100'000));
        QCOMPARE(log.written, qint64(100'000));
        QVERIFY(clock.now() - start < 200ms);

        // Reading opens the window; the sender hears of it after the latency and goes on.
        QByteArray received = accepted.read(60'000);
        const Millis readAt = clock.now();
        drain(clock);
        QCOMPARE(accepted.bytesAvailable(), qint64(100'000));
        QCOMPARE(stream->bytesToWrite(), qint64(payload.size() - 160'000));
        QVERIFY(clock.now() >= readAt + 10ms + 60ms + 10ms);
        // Reading all of it as it comes gets everything, in order.
        while (received.size() < payload.size()) {
            received += accepted.read(accepted.bytesAvailable());
            if (!clock.runNext())
                break;
        }
        received += accepted.read(accepted.bytesAvailable());
        QVERIFY(received == payload);
        QCOMPARE(stream->bytesToWrite(), qint64(0));
    }

    // Loss is delay: with every segment lost once, each arrives one retransmission timeout
    // (200 ms + the round trip) late, and still in order.
    void lossDelaysByOneRetransmissionTimeout() {
        ManualClock clock;
        SimLinkProfile profile = fixedLink(10ms, 1'000'000);
        profile.lossRate = 1.0;
        SimNetwork network(clock, 1, profile);
        Host client(clock, network);
        Host server(clock, network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        auto stream = client.streams->dial(server.streamEndpoint());
        QObject::connect(stream.get(), &Stream::connected, [&] { stream->write(QByteArray(1000, 'y')); });
        drain(clock);
        QCOMPARE(server.logs.size(), std::size_t(1));
        // Connected at 20 ms; the 1000 bytes leave at 21 ms and land 10 ms + 220 ms later.
        QCOMPARE(server.logs.front()->lastByteAt, 21ms + 10ms + 220ms);
        QCOMPARE(server.logs.front()->received, QByteArray(1000, 'y'));
    }

    // Listening: only on the host's own address (or any), port 0 picks a free one, listening again
    // moves the port; and a host can dial itself.
    void listening() {
        ManualClock clock;
        SimNetwork network(clock, 1);
        Host host(clock, network);
        QCOMPARE(host.streams->listenPort(), quint16(0));
        QVERIFY(!host.streams->listen(QHostAddress("192.0.2.1"), 4000).ok());
        QVERIFY(host.streams->listen(host.endpoint.address, 0).ok());
        QVERIFY(host.streams->listenPort() != 0);
        QVERIFY(host.streams->listen(QHostAddress::Any, 4000).ok());
        QCOMPARE(host.streams->listenPort(), quint16(4000));
        // Dialling ourselves works as it does on a real machine.
        Log log;
        auto self = host.streams->dial(host.streamEndpoint());
        watch(clock, *self, log);
        drain(clock);
        QCOMPARE(log.connectedAt, 2ms);
        QCOMPARE(host.accepted.size(), std::size_t(1));
    }

    // Streams outlive the network without harm.
    void networkGoesFirst() {
        ManualClock clock;
        auto network = std::make_unique<SimNetwork>(clock, 1);
        Host client(clock, *network);
        Host server(clock, *network);
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        auto stream = client.streams->dial(server.streamEndpoint());
        QObject::connect(stream.get(), &Stream::connected, [&] { stream->write(pattern(7, 500'000)); });
        clock.advance(100ms);
        network.reset();
        stream->write(QByteArrayLiteral("more"));
        (void)stream->read(10);
        drain(clock);
        stream->abort();
        QVERIFY(client.streams->dial(server.streamEndpoint()) != nullptr);
    }

    // Same seed, same run: random latencies and loss, many streams, every arrival at the same instant.
    void replaysFromTheSeed() {
        const auto run = [](quint64 seed) {
            ManualClock clock;
            SimLinkProfile profile;
            profile.lossRate = 0.05;
            SimNetwork network(clock, seed, profile);
            std::vector<std::unique_ptr<Host>> hosts;
            for (int i = 0; i < 6; ++i) {
                hosts.push_back(std::make_unique<Host>(clock, network));
                Q_UNUSED(hosts.back()->streams->listen(QHostAddress::Any, 4000));
            }
            std::vector<std::unique_ptr<Stream>> streams;
            for (int i = 0; i < 6; ++i)
                for (int j = 0; j < 6; ++j) {
                    if (i == j)
                        continue;
                    streams.push_back(hosts[i]->streams->dial(hosts[j]->streamEndpoint()));
                    Stream* stream = streams.back().get();
                    const QByteArray payload = pattern(quint64(i * 6 + j), 200'000 + 10'000 * j);
                    QObject::connect(stream, &Stream::connected,
                                     [stream, payload] { stream->write(payload); });
                }
            drain(clock);
            QStringList trace;
            for (const auto& host : hosts)
                for (const auto& log : host->logs) {
                    QString line;
                    for (const auto& [at, size] : log->arrivals)
                        line += QStringLiteral("%1:%2 ").arg(at.count()).arg(size);
                    trace << line;
                }
            return trace;
        };
        const QStringList first = run(42);
        QCOMPARE(first.size(), 30);
        QCOMPARE(run(42), first);
        QVERIFY(run(43) != first);
    }

    // Mostly a measurement (how many simulated megabytes a wall second moves), printed; it checks only
    // that every byte came and the link was kept full. The writer keeps 4 MiB queued, as an uploader does.
    void throughput() {
        ManualClock clock;
        SimNetwork network(clock, 1, fixedLink(20ms, 125'000'000));
        Host client(clock, network);
        Host server(clock, network);
        server.reading = false;
        qint64 received = 0;
        server.onAccept = [&received](Stream& stream) {
            QObject::connect(&stream, &Stream::readyRead, [&stream, &received] {
                received += stream.read(stream.bytesAvailable()).size();
            });
        };
        QVERIFY(server.streams->listen(QHostAddress::Any, 4000).ok());
        const QByteArray block = pattern(8, 1 << 20);
        constexpr qint64 kTotal = qint64(512) << 20;
        qint64 queued = 0;
        auto stream = client.streams->dial(server.streamEndpoint());
        const auto topUp = [&] {
            while (queued < kTotal && stream->bytesToWrite() < (4 << 20)) {
                stream->write(block);
                queued += block.size();
            }
        };
        QObject::connect(stream.get(), &Stream::connected, topUp);
        QObject::connect(stream.get(), &Stream::bytesWritten, topUp);
        QElapsedTimer wall;
        wall.start();
        while (received < kTotal && clock.runNext()) {
        }
        const qint64 elapsed = std::max<qint64>(wall.elapsed(), 1);
        QCOMPARE(received, kTotal);
        // Connected after a round trip (40 ms); 512 MiB at 125 MB/s is 4294.97 ms; the last byte lands 20 ms
        // on.
        QCOMPARE(clock.now(), 40ms + 4295ms + 20ms);
        qInfo(
            "moved %lld MiB in %lld ms of simulated time and %lld ms of wall time: %.0f MiB per wall second",
            qlonglong(kTotal >> 20), qlonglong(clock.now().count()), qlonglong(elapsed),
            double(kTotal >> 20) * 1000.0 / double(elapsed));
    }
};

QTEST_GUILESS_MAIN(TestSimStream)
#include "tst_simstream.moc"
