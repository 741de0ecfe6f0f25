// The real stream transport over loopback TCP: listen, dial, exchange both ways, close, refused. Each
// case waits on signals with a short bound, never on a fixed sleep.
#include "net/tcpstreamtransport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <memory>
#include <vector>

using namespace ringshare;
using namespace ringshare::net;

namespace {

constexpr int kBound = 2000; // ms; loopback answers in far less

class Collector final : public StreamAcceptor {
public:
    void onStream(std::unique_ptr<Stream> stream) override { streams.push_back(std::move(stream)); }
    std::vector<std::unique_ptr<Stream>> streams;
};

// Reads until `count` bytes have come or the bound passes.
QByteArray readExactly(Stream& stream, qint64 count) {
    QByteArray bytes = stream.read(count);
    QSignalSpy ready(&stream, &Stream::readyRead);
    while (bytes.size() < count && (stream.bytesAvailable() > 0 || ready.wait(kBound)))
        bytes += stream.read(count - bytes.size());
    return bytes;
}

} // namespace

class TestTcpStream final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listenDialExchangeClose() {
        TcpStreamTransport server;
        Collector collector;
        server.setAcceptor(&collector);
        QCOMPARE(server.listenPort(), quint16(0));
        QVERIFY(server.listen(QHostAddress::LocalHost, 0).ok());
        const quint16 port = server.listenPort();
        QVERIFY(port != 0);

        TcpStreamTransport client;
        auto stream = client.dial({QHostAddress::LocalHost, port});
        QCOMPARE(stream->phase(), Stream::Phase::Connecting);
        QCOMPARE(stream->peerEndpoint(), (Endpoint{QHostAddress(QHostAddress::LocalHost), port}));
        // Written while connecting: it goes once connected.
        stream->write(QByteArrayLiteral("hello, "));
        QSignalSpy connected(stream.get(), &Stream::connected);
        QVERIFY(connected.wait(kBound));
        QCOMPARE(stream->phase(), Stream::Phase::Open);
        QTRY_COMPARE_WITH_TIMEOUT(collector.streams.size(), std::size_t(1), kBound);
        Stream& accepted = *collector.streams.front();
        QCOMPARE(accepted.phase(), Stream::Phase::Open);
        QCOMPARE(accepted.peerEndpoint(), stream->localEndpoint());
        QCOMPARE(accepted.localEndpoint().port, port);
        QCOMPARE(accepted.peerEndpoint().address, QHostAddress(QHostAddress::LocalHost));

        QSignalSpy written(stream.get(), &Stream::bytesWritten);
        const QByteArray big(300'000, 'z');
        stream->write(big);
        QVERIFY(stream->bytesToWrite() > 0);
        QCOMPARE(readExactly(accepted, 7 + big.size()), QByteArrayLiteral("hello, ") + big);
        QVERIFY(!written.isEmpty());
        accepted.write(QByteArrayLiteral("world"));
        QCOMPARE(readExactly(*stream, 5), QByteArrayLiteral("world"));

        // The accepted end aborts; the dialler hears of it, the aborting end does not.
        QSignalSpy acceptedClosed(&accepted, &Stream::closed);
        QSignalSpy closed(stream.get(), &Stream::closed);
        accepted.abort();
        QCOMPARE(accepted.end(), StreamEnd::Aborted);
        QVERIFY(closed.wait(kBound));
        QCOMPARE(closed.count(), 1);
        QCOMPARE(stream->phase(), Stream::Phase::Closed);
        QCOMPARE(stream->end(), StreamEnd::PeerClosed);
        QVERIFY(!closed.front().front().toString().isEmpty());
        QCOMPARE(acceptedClosed.count(), 0);
    }

    void listeningTwiceOnOnePortFails() {
        TcpStreamTransport first;
        QVERIFY(first.listen(QHostAddress::LocalHost, 0).ok());
        TcpStreamTransport second;
        const auto result = second.listen(QHostAddress::LocalHost, first.listenPort());
        QVERIFY(!result.ok());
        QVERIFY(!result.error().isEmpty());
        QCOMPARE(second.listenPort(), quint16(0));
    }

    void dialToAClosedPortIsRefused() {
        // A port that was free a moment ago, and is closed again.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        TcpStreamTransport client;
        auto stream = client.dial({QHostAddress::LocalHost, port});
        QSignalSpy connected(stream.get(), &Stream::connected);
        QSignalSpy closed(stream.get(), &Stream::closed);
        QVERIFY(closed.wait(kBound));
        QCOMPARE(connected.count(), 0);
        QCOMPARE(stream->end(), StreamEnd::Refused);
        QCOMPARE(stream->phase(), Stream::Phase::Closed);
    }

    // An acceptor that drops what it gets closes the dialler's stream.
    void droppedStreamClosesTheDialler() {
        TcpStreamTransport server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0).ok()); // no acceptor: dropped
        TcpStreamTransport client;
        auto stream = client.dial({QHostAddress::LocalHost, server.listenPort()});
        QSignalSpy closed(stream.get(), &Stream::closed);
        QVERIFY(closed.wait(kBound));
        QVERIFY(stream->end() == StreamEnd::PeerClosed || stream->end() == StreamEnd::Lost);
    }
};

QTEST_GUILESS_MAIN(TestTcpStream)
#include "tst_tcpstream.moc"
