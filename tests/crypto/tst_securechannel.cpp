// Tests for SecureChannel in memory: the handshake proves both identities, frames survive any
// cutting, and impostors, tampering, reordering and oversize frames fail the channel.
#include "base/random.h"
#include "crypto/identity.h"
#include "crypto/securechannel.h"

#include <QTest>
#include <QtEndian>
#include <limits>
#include <stdexcept>
#include <utility>

using namespace ringshare;
using namespace ringshare::crypto;
using Role = SecureChannel::Role;

namespace {

Identity identityFrom(std::uint8_t seedByte) {
    Identity::Seed seed;
    seed.fill(seedByte);
    return Identity::fromSeed(seed);
}

QByteArray lengthPrefix(quint32 length) {
    QByteArray prefix(4, Qt::Uninitialized);
    qToBigEndian(length, prefix.data());
    return prefix;
}

// One end of a connection in memory: its channel, what it has to write and what it has read.
struct End {
    End(const Identity& self, Role role, std::optional<NodeId> expectedPeer = {},
        int maxMessageSize = SecureChannel::kDefaultMaxMessageSize)
        : channel(self, role, expectedPeer, maxMessageSize) {}

    bool feed(QByteArrayView bytes) { return channel.feed(bytes, outbox, inbox); }

    SecureChannel channel;
    QByteArray outbox;
    QList<QByteArray> inbox;
};

// How bytes are cut on their way: whole, one at a time, or in random pieces of 1 to maxPiece bytes.
struct Cutter {
    qsizetype maxPiece = 0; // 0: whole
    Random* random = nullptr;

    qsizetype next(qsizetype remaining) const {
        if (maxPiece == 0)
            return remaining;
        if (maxPiece == 1)
            return 1;
        return std::min<qsizetype>(remaining, 1 + qsizetype(random->bounded(quint64(maxPiece))));
    }
};

// Moves everything `from` has to write into `to`, cut by `cutter`; returns the bytes that went over.
QByteArray deliver(End& from, End& to, const Cutter& cutter = {}) {
    const QByteArray bytes = std::exchange(from.outbox, {});
    QByteArrayView rest(bytes);
    while (!rest.isEmpty()) {
        const qsizetype piece = cutter.next(rest.size());
        to.feed(rest.first(piece));
        rest = rest.sliced(piece);
    }
    return bytes;
}

// An initiator and a responder joined in memory. The initiator's hello is waiting in its outbox.
struct Connection {
    Connection(const Identity& initiatorId, const Identity& responderId,
               std::optional<NodeId> expectedPeer = {},
               int maxMessageSize = SecureChannel::kDefaultMaxMessageSize)
        : initiator(initiatorId, Role::Initiator, expectedPeer, maxMessageSize),
          responder(responderId, Role::Responder, {}, maxMessageSize) {
        initiator.outbox = initiator.channel.start();
    }

    // Runs both ends until neither has anything to write; `wire` collects every byte an observer would see.
    void pump(const Cutter& cutter = {}) {
        while (!initiator.outbox.isEmpty() || !responder.outbox.isEmpty()) {
            wire += deliver(initiator, responder, cutter);
            wire += deliver(responder, initiator, cutter);
        }
    }

    [[nodiscard]] bool established() const {
        return initiator.channel.isEstablished() && responder.channel.isEstablished();
    }

    End initiator;
    End responder;
    QByteArray wire;
};

// The frames of one honest handshake, each with its length prefix, as they went over the wire.
struct HandshakeFrames {
    QByteArray hello;
    QByteArray reply;
    QByteArray proof;
};

HandshakeFrames runHandshake(Connection& c) {
    HandshakeFrames frames;
    frames.hello = deliver(c.initiator, c.responder);
    frames.reply = deliver(c.responder, c.initiator);
    frames.proof = deliver(c.initiator, c.responder);
    return frames;
}

} // namespace

class TestSecureChannel final : public QObject {
    Q_OBJECT

    const Identity m_alice = identityFrom(1);
    const Identity m_bob = identityFrom(2);
    const Identity m_carol = identityFrom(3);

private Q_SLOTS:
    void handshakeProvesBothIdentities() {
        Connection c(m_alice, m_bob, m_bob.nodeId());
        QVERIFY(!c.initiator.channel.isEstablished());
        QVERIFY(c.responder.channel.start().isEmpty());
        c.pump();
        QVERIFY2(c.established(),
                 qPrintable(c.initiator.channel.errorString() + c.responder.channel.errorString()));
        QCOMPARE(c.initiator.channel.peerKey(), m_bob.publicKey());
        QCOMPARE(c.responder.channel.peerKey(), m_alice.publicKey());
        QCOMPARE(c.responder.channel.peerKey().nodeId(), m_alice.nodeId());
        QVERIFY(c.initiator.channel.errorString().isEmpty());
        QVERIFY(!c.initiator.channel.hasFailed() && !c.responder.channel.hasFailed());
        QVERIFY(c.initiator.inbox.isEmpty() && c.responder.inbox.isEmpty());
        // Three frames of fixed size: 4 + 36, 4 + 169, 4 + 137.
        QCOMPARE(c.wire.size(), 40 + 173 + 141);
        QVERIFY(c.initiator.channel.start().isEmpty()); // the hello goes out once
    }

    void handshakeWorksWithoutExpectedPeer() {
        Connection c(m_carol, m_alice);
        c.pump();
        QVERIFY(c.established());
        QCOMPARE(c.initiator.channel.peerKey(), m_alice.publicKey());
        QCOMPARE(c.responder.channel.peerKey(), m_carol.publicKey());
    }

    void messagesFlowBothWays_data() {
        QTest::addColumn<qsizetype>("maxPiece");
        QTest::newRow("whole") << qsizetype(0);
        QTest::newRow("one byte at a time") << qsizetype(1);
        QTest::newRow("random small pieces") << qsizetype(40);
        QTest::newRow("random large pieces") << qsizetype(5000);
    }

    void messagesFlowBothWays() {
        QFETCH(qsizetype, maxPiece);
        SeededRandom random(7);
        const Cutter cutter{maxPiece, &random};
        Connection c(m_alice, m_bob);
        c.pump(cutter);
        QVERIFY(c.established());

        const QList<QByteArray> messages = {QByteArray(), "hello", random.bytes(1000), QByteArray(1, '\0'),
                                            random.bytes(20'000)};
        for (const QByteArray& message : messages) {
            c.initiator.outbox += c.initiator.channel.seal(message);
            c.responder.outbox += c.responder.channel.seal(message + "!");
        }
        c.pump(cutter);
        QCOMPARE(c.responder.inbox, messages);
        QCOMPARE(c.initiator.inbox.size(), messages.size());
        for (int i = 0; i < messages.size(); ++i)
            QCOMPARE(c.initiator.inbox[i], messages[i] + "!");
        QVERIFY(c.established());
    }

    void largeMessagesInRandomPieces() {
        SeededRandom random(11);
        Connection c(m_alice, m_bob);
        c.pump();
        const QByteArray fourMiB = random.bytes(4 * 1024 * 1024);
        const QByteArray largest = random.bytes(SecureChannel::kDefaultMaxMessageSize);
        // One seal per statement: the operands of + may be evaluated in either order.
        c.initiator.outbox = c.initiator.channel.seal(fourMiB);
        c.initiator.outbox += c.initiator.channel.seal(largest);
        c.responder.outbox = c.responder.channel.seal(largest);
        c.responder.outbox += c.responder.channel.seal(fourMiB);
        QCOMPARE(c.initiator.outbox.size(),
                 fourMiB.size() + largest.size() + 2 * SecureChannel::kFrameOverhead);
        c.pump(Cutter{64 * 1024, &random});
        QCOMPARE(c.responder.inbox, (QList<QByteArray>{fourMiB, largest}));
        QCOMPARE(c.initiator.inbox, (QList<QByteArray>{largest, fourMiB}));

        // Delivered whole, a frame is read where it lies.
        c.initiator.outbox = c.initiator.channel.seal(fourMiB);
        c.responder.inbox.clear();
        c.pump();
        QCOMPARE(c.responder.inbox, QList<QByteArray>{fourMiB});
    }

    void initiatorMaySendRightBehindItsProof() {
        Connection c(m_alice, m_bob);
        deliver(c.initiator, c.responder);
        deliver(c.responder, c.initiator);
        QVERIFY(c.initiator.channel.isEstablished());
        c.initiator.outbox += c.initiator.channel.seal("early");
        deliver(c.initiator, c.responder); // proof and message in one piece
        QVERIFY(c.responder.channel.isEstablished());
        QCOMPARE(c.responder.inbox, QList<QByteArray>{"early"});
    }

    void sealedFrameIsLengthPrefixedCiphertext() {
        Connection c(m_alice, m_bob);
        c.pump();
        const QByteArray message = "same words twice";
        const QByteArray first = c.initiator.channel.seal(message);
        const QByteArray second = c.initiator.channel.seal(message);
        QCOMPARE(first.size(), message.size() + SecureChannel::kFrameOverhead);
        QCOMPARE(qFromBigEndian<quint32>(first.constData()), quint32(message.size() + 17));
        QVERIFY(first != second); // each message of a stream is encrypted differently
    }

    void sealRespectsMaxMessageSize() {
        Connection c(m_alice, m_bob, {}, 1000);
        c.pump();
        QVERIFY(c.initiator.channel.seal(QByteArray(1001, 'x')).isEmpty());
        c.initiator.outbox = c.initiator.channel.seal(QByteArray(1000, 'x'));
        QCOMPARE(c.initiator.outbox.size(), 1000 + SecureChannel::kFrameOverhead);
        c.pump();
        QCOMPARE(c.responder.inbox, QList<QByteArray>{QByteArray(1000, 'x')});
        QCOMPARE(c.initiator.channel.maxMessageSize(), 1000);
    }

    void invalidMaxMessageSizeIsRejected() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SecureChannel(m_alice, Role::Responder, {}, -1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SecureChannel(m_alice, Role::Responder, {},
                                                                      std::numeric_limits<int>::max()));
    }

    void expectedPeerMismatchFails() {
        Connection c(m_alice, m_bob, m_carol.nodeId());
        c.pump();
        QVERIFY(c.initiator.channel.hasFailed());
        QVERIFY(!c.initiator.channel.isEstablished());
        QVERIFY(!c.responder.channel.isEstablished()); // it never got a proof
        QCOMPARE(c.initiator.channel.peerKey(), PublicKey());
        const QString error = c.initiator.channel.errorString();
        QVERIFY2(error.contains(m_carol.nodeId().toHex()) && error.contains(m_bob.nodeId().toHex()),
                 qPrintable(error));
    }

    void responderMayExpectAPeerToo() {
        End initiator(m_alice, Role::Initiator);
        End responder(m_bob, Role::Responder, m_carol.nodeId());
        initiator.outbox = initiator.channel.start();
        deliver(initiator, responder);
        deliver(responder, initiator);
        deliver(initiator, responder);
        QVERIFY(responder.channel.hasFailed());
        QVERIFY2(responder.channel.errorString().contains(m_alice.nodeId().toHex()),
                 qPrintable(responder.channel.errorString()));

        End willing(m_bob, Role::Responder, m_alice.nodeId());
        End again(m_alice, Role::Initiator);
        again.outbox = again.channel.start();
        deliver(again, willing);
        deliver(willing, again);
        deliver(again, willing);
        QVERIFY(willing.channel.isEstablished());
    }

    // Carol claims Bob's key but can only sign with her own: Alice must not take her for Bob.
    void impostorResponderFails() {
        Connection c(m_alice, m_carol);
        c.responder.channel.m_ownKey = m_bob.publicKey();
        c.pump();
        QVERIFY(c.initiator.channel.hasFailed());
        QVERIFY(!c.initiator.channel.isEstablished() && !c.responder.channel.isEstablished());
        QVERIFY2(c.initiator.channel.errorString().contains(QStringLiteral("signature")),
                 qPrintable(c.initiator.channel.errorString()));
    }

    void impostorInitiatorFails() {
        Connection c(m_carol, m_bob);
        c.initiator.channel.m_ownKey = m_alice.publicKey();
        c.pump();
        QVERIFY(c.responder.channel.hasFailed());
        QVERIFY(!c.responder.channel.isEstablished());
        QCOMPARE(c.responder.channel.peerKey(), PublicKey());
        QVERIFY2(c.responder.channel.errorString().contains(QStringLiteral("signature")),
                 qPrintable(c.responder.channel.errorString()));
    }

    // Every byte of every handshake frame matters: changing any one of them fails the handshake.
    void tamperedHandshakeFrameFails_data() {
        QTest::addColumn<int>("frameIndex");
        QTest::newRow("hello") << 0;
        QTest::newRow("reply") << 1;
        QTest::newRow("proof") << 2;
    }

    void tamperedHandshakeFrameFails() {
        QFETCH(int, frameIndex);
        qsizetype frameSize = 0;
        {
            Connection honest(m_alice, m_bob);
            const HandshakeFrames frames = runHandshake(honest);
            QVERIFY(honest.established());
            frameSize = QList<QByteArray>{frames.hello, frames.reply, frames.proof}[frameIndex].size();
        }
        for (qsizetype at = 0; at < frameSize; ++at) {
            Connection c(m_alice, m_bob, m_bob.nodeId());
            // Honest up to the chosen frame, which is changed in one byte on its way.
            End* senders[] = {&c.initiator, &c.responder, &c.initiator};
            End* receivers[] = {&c.responder, &c.initiator, &c.responder};
            for (int i = 0; i < frameIndex; ++i)
                deliver(*senders[i], *receivers[i]);
            QByteArray& frame = senders[frameIndex]->outbox;
            QCOMPARE(frame.size(), frameSize);
            frame[at] = char(frame[at] ^ (1 << (at % 8)));
            deliver(*senders[frameIndex], *receivers[frameIndex]);
            c.pump();

            const QString where = QStringLiteral("byte %1").arg(at);
            QVERIFY2(!c.established(), qPrintable(where));
            QVERIFY2(!c.responder.channel.isEstablished(), qPrintable(where));
            if (frameIndex == 0)
                QVERIFY2(c.initiator.channel.hasFailed() || c.responder.channel.hasFailed(),
                         qPrintable(where));
            else
                QVERIFY2(receivers[frameIndex]->channel.hasFailed(), qPrintable(where));
            if (frameIndex < 2)
                QVERIFY2(!c.initiator.channel.isEstablished(), qPrintable(where));
            const End& failed = c.initiator.channel.hasFailed() ? c.initiator : c.responder;
            QVERIFY2(!failed.channel.errorString().isEmpty(), qPrintable(where));
        }
    }

    void malformedHandshakeFails_data() {
        QTest::addColumn<int>(
            "target"); // 0: a responder awaiting the hello, 1: an initiator awaiting the reply
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expectedWords");
        const QByteArray key(32, '\x42');
        QTest::newRow("hello too short")
            << 0 << lengthPrefix(35) + "RSX1" + key.chopped(1) << QStringLiteral("36");
        QTest::newRow("hello too long") << 0 << lengthPrefix(37) + "RSX1" + key + 'x' << QStringLiteral("36");
        QTest::newRow("empty frame") << 0 << lengthPrefix(0) << QStringLiteral("hello");
        QTest::newRow("wrong magic") << 0 << lengthPrefix(36) + "RSX2" + key
                                     << QStringLiteral("Ringshare channel");
        QTest::newRow("http request")
            << 0 << QByteArray("GET / HTTP/1.1\r\n") << QStringLiteral("Ringshare node");
        QTest::newRow("reply too short")
            << 1 << lengthPrefix(168) + QByteArray(168, 'r') << QStringLiteral("169");
        QTest::newRow("hello instead of reply")
            << 1 << lengthPrefix(36) + "RSX1" + key << QStringLiteral("reply");
        QTest::newRow("garbage reply")
            << 1 << lengthPrefix(169) + QByteArray(169, 'r') << QStringLiteral("decrypt");
    }

    void malformedHandshakeFails() {
        QFETCH(int, target);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expectedWords);
        End end(m_alice, target == 0 ? Role::Responder : Role::Initiator);
        (void)end.channel.start();
        QVERIFY(!end.feed(bytes));
        QVERIFY(end.channel.hasFailed());
        QVERIFY(end.outbox.isEmpty());
        QVERIFY2(end.channel.errorString().contains(expectedWords), qPrintable(end.channel.errorString()));
    }

    void handshakeOutOfOrderFails() {
        // A second hello where the proof belongs.
        Connection c(m_alice, m_bob);
        const QByteArray hello = c.initiator.outbox;
        deliver(c.initiator, c.responder);
        QVERIFY(!c.responder.feed(hello));
        QVERIFY(c.responder.channel.hasFailed());

        // A reply sent to a responder.
        Connection d(m_alice, m_bob);
        const HandshakeFrames frames = runHandshake(d);
        End responder(m_carol, Role::Responder);
        QVERIFY(!responder.feed(frames.reply));

        // A proof that belongs to another connection between the same two nodes.
        Connection e(m_alice, m_bob);
        deliver(e.initiator, e.responder);
        deliver(e.responder, e.initiator);
        e.initiator.outbox.clear();
        QVERIFY(!e.responder.feed(frames.proof));
        QVERIFY(!e.responder.channel.isEstablished());
    }

    void dataBeforeHandshakeFails() {
        Connection other(m_alice, m_bob);
        other.pump();
        const QByteArray dataFrame = other.initiator.channel.seal("too early");

        End unstarted(m_alice, Role::Initiator);
        QVERIFY(unstarted.feed({}));
        QVERIFY(!unstarted.feed("x"));
        QVERIFY(unstarted.channel.start().isEmpty());

        End responder(m_bob, Role::Responder);
        QVERIFY(responder.channel.seal("not yet").isEmpty());
        QVERIFY(!responder.feed(dataFrame));
        QVERIFY(responder.inbox.isEmpty() && responder.outbox.isEmpty());

        End initiator(m_alice, Role::Initiator);
        (void)initiator.channel.start();
        QVERIFY(initiator.channel.seal("not yet").isEmpty());
        QVERIFY(!initiator.feed(dataFrame));
        QVERIFY(initiator.inbox.isEmpty() && initiator.outbox.isEmpty());

        // After the hello, a responder wants the proof and nothing else.
        Connection c(m_alice, m_bob);
        deliver(c.initiator, c.responder);
        QVERIFY(!c.responder.feed(dataFrame));
        QVERIFY(c.responder.inbox.isEmpty());
    }

    void damagedDataFrameFails_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<int>("intactMessages"); // how many messages arrive before the damage is seen
        QTest::newRow("truncated, then the next frame") << QStringLiteral("truncated") << 1;
        QTest::newRow("shortened with a matching length") << QStringLiteral("shortened") << 1;
        QTest::newRow("replayed") << QStringLiteral("replayed") << 2;
        QTest::newRow("reordered") << QStringLiteral("reordered") << 1;
        QTest::newRow("dropped") << QStringLiteral("dropped") << 1;
        QTest::newRow("from another connection") << QStringLiteral("foreign") << 1;
        QTest::newRow("too short for a tag") << QStringLiteral("tooShort") << 1;
        QTest::newRow("sent back to its sender") << QStringLiteral("reflected") << 0;
    }

    void damagedDataFrameFails() {
        QFETCH(QString, damage);
        QFETCH(int, intactMessages);
        Connection c(m_alice, m_bob);
        c.pump();
        const QList<QByteArray> messages = {"first", "second", "third"};
        QList<QByteArray> frames;
        for (const QByteArray& message : messages)
            frames.append(c.initiator.channel.seal(message));

        QByteArray bytes;
        End* receiver = &c.responder;
        if (damage == u"truncated") {
            // Four bytes short, so the next frame's length prefix fills the gap: with one byte short, a tag
            // that happens to end in 0x00 would pass, one time in 256.
            bytes = frames[0] + frames[1].chopped(4) + frames[2];
        } else if (damage == u"shortened") {
            const QByteArray body = frames[1].sliced(4).chopped(1);
            bytes = frames[0] + lengthPrefix(quint32(body.size())) + body + frames[2];
        } else if (damage == u"replayed") {
            bytes = frames[0] + frames[1] + frames[1] + frames[2];
        } else if (damage == u"reordered") {
            bytes = frames[0] + frames[2] + frames[1];
        } else if (damage == u"dropped") {
            bytes = frames[0] + frames[2];
        } else if (damage == u"foreign") {
            Connection other(m_alice, m_bob);
            other.pump();
            (void)other.initiator.channel.seal("first");
            bytes = frames[0] + other.initiator.channel.seal("second") + frames[2];
        } else if (damage == u"tooShort") {
            bytes = frames[0] + lengthPrefix(16) + QByteArray(16, 't');
        } else if (damage == u"reflected") {
            bytes = frames[0];
            receiver = &c.initiator;
        }
        QVERIFY(!receiver->feed(bytes));
        QVERIFY(receiver->channel.hasFailed());
        QVERIFY(!receiver->channel.isEstablished());
        QCOMPARE(receiver->inbox, messages.first(intactMessages));
        QVERIFY(!receiver->channel.errorString().isEmpty());
        QVERIFY(receiver->outbox.isEmpty());
    }

    // Changing any byte of a data frame, its length prefix included, fails the channel. The small maximum
    // makes a grown length either too large at once or covered by the bytes that follow.
    void anyChangedDataByteFails() {
        const QList<QByteArray> messages = {"first", "the second message", "third"};
        const QByteArray filler(2000, '\0');
        qsizetype frameSize = 0;
        {
            Connection c(m_alice, m_bob, {}, 1000);
            c.pump();
            frameSize = c.initiator.channel.seal(messages[1]).size();
        }
        for (qsizetype at = 0; at < frameSize; ++at) {
            Connection c(m_alice, m_bob, {}, 1000);
            c.pump();
            QList<QByteArray> frames;
            for (const QByteArray& message : messages)
                frames.append(c.initiator.channel.seal(message));
            frames[1][at] = char(frames[1][at] ^ (1 << (at % 8)));
            c.responder.feed(frames[0] + frames[1] + frames[2] + filler);
            const QString where = QStringLiteral("byte %1").arg(at);
            QVERIFY2(c.responder.channel.hasFailed(), qPrintable(where));
            QVERIFY2(c.responder.inbox == QList<QByteArray>{"first"}, qPrintable(where));
        }
    }

    void oversizeLengthFailsBeforeBuffering() {
        Connection c(m_alice, m_bob, {}, 1000);
        c.pump();
        // The largest allowed length is accepted and waits for its body...
        QVERIFY(c.responder.feed(lengthPrefix(1000 + 17)));
        QVERIFY(!c.responder.channel.hasFailed());

        // ...one more fails on the prefix alone.
        QVERIFY(!c.initiator.feed(lengthPrefix(1000 + 18)));
        QVERIFY2(c.initiator.channel.errorString().contains(u"1001") &&
                     c.initiator.channel.errorString().contains(u"1000"),
                 qPrintable(c.initiator.channel.errorString()));

        End responder(m_bob, Role::Responder);
        QVERIFY(!responder.feed(lengthPrefix(0x7fffffff)));
        End initiator(m_alice, Role::Initiator);
        (void)initiator.channel.start();
        QVERIFY(!initiator.feed(lengthPrefix(0xffffffff)));

        Connection big(m_alice, m_bob);
        big.pump();
        QVERIFY(!big.responder.feed(lengthPrefix(SecureChannel::kDefaultMaxMessageSize + 18)));
    }

    void eavesdropperLearnsNothing() {
        SeededRandom random(5);
        const QByteArray secret = "the combination is 12-34-56, tell no one";
        const QByteArray bulk = QByteArray("all work and no play ").repeated(500);
        Connection c(m_alice, m_bob, m_bob.nodeId());
        c.pump(Cutter{100, &random});
        c.initiator.outbox = c.initiator.channel.seal(secret);
        c.initiator.outbox += c.initiator.channel.seal(bulk);
        c.responder.outbox = c.responder.channel.seal(secret);
        c.pump(Cutter{100, &random});
        QCOMPARE(c.responder.inbox, (QList<QByteArray>{secret, bulk}));
        QCOMPARE(c.initiator.inbox, QList<QByteArray>{secret});

        QVERIFY(!c.wire.contains(secret));
        for (qsizetype at = 0; at + 16 <= bulk.size(); at += 16)
            QVERIFY(!c.wire.contains(bulk.sliced(at, 16)));
        // Identities travel encrypted too: a watcher cannot tell who is talking.
        for (const Identity* identity : {&m_alice, &m_bob}) {
            QVERIFY(!c.wire.contains(identity->publicKey().toByteArray()));
            QVERIFY(!c.wire.contains(identity->nodeId().toByteArray()));
        }

        // Replaying the initiator's recorded bytes, even to a responder with Bob's own key, reads nothing:
        // every connection has fresh ephemeral keys.
        Connection replay(m_alice, m_bob);
        replay.initiator.outbox.clear();
        const HandshakeFrames recorded = [&] {
            Connection fresh(m_alice, m_bob);
            HandshakeFrames frames = runHandshake(fresh);
            fresh.initiator.outbox = fresh.initiator.channel.seal(secret);
            frames.proof += deliver(fresh.initiator, fresh.responder);
            return frames;
        }();
        QVERIFY(replay.responder.feed(recorded.hello));
        QVERIFY(!replay.responder.feed(recorded.proof));
        QVERIFY(replay.responder.inbox.isEmpty());
    }

    void failedChannelStaysFailed() {
        End responder(m_bob, Role::Responder);
        QVERIFY(!responder.feed(lengthPrefix(36) + "XXXX" + QByteArray(32, 'k')));
        const QString error = responder.channel.errorString();
        QVERIFY(!error.isEmpty());

        Connection c(m_alice, m_bob);
        QVERIFY(!responder.feed(c.initiator.outbox)); // a perfectly good hello, too late
        QVERIFY(responder.outbox.isEmpty());
        QVERIFY(responder.inbox.isEmpty());
        QVERIFY(responder.channel.hasFailed());
        QVERIFY(!responder.channel.isEstablished());
        QCOMPARE(responder.channel.errorString(), error);
        QVERIFY(responder.channel.seal("anything").isEmpty());
        QVERIFY(responder.channel.start().isEmpty());

        // An established channel that fails takes no more messages, not even authentic ones.
        c.pump();
        const QByteArray first = c.initiator.channel.seal("one");
        const QByteArray second = c.initiator.channel.seal("two");
        QVERIFY(!c.responder.feed(second));
        QVERIFY(!c.responder.feed(first));
        QVERIFY(c.responder.inbox.isEmpty());
        QVERIFY(c.responder.channel.seal("reply").isEmpty());
        QCOMPARE(c.responder.channel.peerKey(), m_alice.publicKey()); // who it was stays known for the log
    }
};

QTEST_GUILESS_MAIN(TestSecureChannel)
#include "tst_securechannel.moc"
