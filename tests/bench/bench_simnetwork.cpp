// Throughput of the simulated network: every host sends datagrams to random peers, one per host per
// virtual millisecond, until the total is reached; then the clock runs until everything has arrived.
//
//   bench_simnetwork [--quick] [--csv]

#include "base/manualclock.h"
#include "base/random.h"
#include "net/simnetwork.h"

#include <QElapsedTimer>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

using namespace ringshare;
using namespace ringshare::net;

namespace {

class Counter final : public DatagramReceiver {
public:
    void onDatagram(const Endpoint&, const Endpoint&, QByteArrayView datagram) override {
        bytes += quint64(datagram.size());
    }
    quint64 bytes = 0;
};

struct Row {
    int hosts;
    quint64 datagrams;
    double seconds;
    quint64 delivered;
};

Row run(int hosts, quint64 datagrams) {
    ManualClock clock;
    SimNetwork network(clock, 1);
    std::vector<std::unique_ptr<Transport>> transports;
    std::vector<Endpoint> endpoints;
    std::vector<Counter> counters(static_cast<std::size_t>(hosts));
    for (int i = 0; i < hosts; ++i) {
        transports.push_back(network.createTransport());
        transports.back()->setReceiver(&counters[std::size_t(i)]);
        endpoints.push_back(transports.back()->localEndpoint());
    }
    SeededRandom random(2);

    QElapsedTimer timer;
    timer.start();
    quint64 sent = 0;
    while (sent < datagrams) {
        for (std::size_t i = 0; i < transports.size() && sent < datagrams; ++i, ++sent) {
            // A fresh payload each time, as an encoder would make.
            QByteArray payload(100, char('a' + sent % 26));
            transports[i]->send(endpoints[random.bounded(quint64(hosts))], payload);
        }
        clock.advance(Millis(1));
    }
    while (clock.runNext()) {
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    return {hosts, datagrams, seconds, network.stats().delivered};
}

} // namespace

int main(int argc, char** argv) {
    bool quick = false;
    bool csv = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            quick = true;
        } else if (std::strcmp(argv[i], "--csv") == 0) {
            csv = true;
        } else {
            std::fprintf(stderr, "usage: bench_simnetwork [--quick] [--csv]\n");
            return 2;
        }
    }

    struct Size {
        int hosts;
        quint64 datagrams;
    };
    const std::vector<Size> sizes =
        quick
            ? std::vector<Size>{{100, 20'000}, {2'000, 100'000}}
            : std::vector<Size>{{100, 200'000}, {1'000, 1'000'000}, {2'000, 2'000'000}, {10'000, 2'000'000}};
    if (csv)
        std::printf("hosts,datagrams,seconds,datagrams_per_second\n");
    else
        std::printf("%8s %12s %10s %16s\n", "hosts", "datagrams", "seconds", "datagrams/s");
    int status = 0;
    for (const Size& size : sizes) {
        const Row row = run(size.hosts, size.datagrams);
        const double rate = double(row.datagrams) / row.seconds;
        if (csv)
            std::printf("%d,%llu,%.3f,%.0f\n", row.hosts, qulonglong(row.datagrams), row.seconds, rate);
        else
            std::printf("%8d %12llu %10.3f %16.0f\n", row.hosts, qulonglong(row.datagrams), row.seconds,
                        rate);
        std::fflush(stdout);
        if (row.delivered != row.datagrams) {
            std::fprintf(stderr, "only %llu of %llu datagrams delivered\n", qulonglong(row.delivered),
                         qulonglong(row.datagrams));
            status = 1;
        }
    }
    return status;
}
