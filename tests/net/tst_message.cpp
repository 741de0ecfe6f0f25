// Tests for the message types: the identity-proof bytes, proof verification, type tags.
#include "crypto/identity.h"
#include "net/message.h"

#include <QTest>
#include <utility>

using namespace ringshare;
using namespace ringshare::net;

namespace {
Message messageWith(Body body) {
    Message message;
    message.body = std::move(body);
    return message;
}

template <std::size_t... I>
QList<Message> oneOfEachType(std::index_sequence<I...>) {
    return {Message{.transactionId = I, .sender = std::nullopt, .body = Body(std::in_place_index<I>)}...};
}
} // namespace

class TestMessage final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void proofBytesLayout() {
        const QByteArray challenge = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
        const NodeId id = NodeId::fromInteger(42);
        const QByteArray bytes = proofBytes(challenge, id);
        QCOMPARE(bytes, QByteArray("ringshare-proof-v1") + challenge + id.toByteArray());
        QCOMPARE(bytes.size(), 18 + kChallengeSize + NodeId::kBytes);
    }

    void proofBytesDependOnChallengeAndId() {
        const QByteArray challenge(kChallengeSize, 'a');
        QByteArray otherChallenge = challenge;
        otherChallenge[kChallengeSize - 1] = 'b';
        const NodeId id = NodeId::fromInteger(1);
        QVERIFY(proofBytes(challenge, id) != proofBytes(otherChallenge, id));
        QVERIFY(proofBytes(challenge, id) != proofBytes(challenge, NodeId::fromInteger(2)));
        QCOMPARE(proofBytes(challenge, id), proofBytes(QByteArray(challenge), id));
    }

    // What a Pong carries: a key whose hash is the sender's id, and its signature over the proof bytes.
    void proofVerifies() {
        const crypto::Identity identity = crypto::Identity::generate();
        const QByteArray challenge = crypto::randomBytes(kChallengeSize);
        const crypto::Signature signature = identity.sign(proofBytes(challenge, identity.nodeId()));
        QVERIFY(identity.publicKey().verify(proofBytes(challenge, identity.nodeId()), signature));
        QCOMPARE(identity.publicKey().nodeId(), identity.nodeId());

        QVERIFY(!identity.publicKey().verify(
            proofBytes(crypto::randomBytes(kChallengeSize), identity.nodeId()), signature));
        const crypto::Identity other = crypto::Identity::generate();
        QVERIFY(!identity.publicKey().verify(proofBytes(challenge, other.nodeId()), signature));
    }

    void typesFollowTheVariant() {
        const QList<Message> messages = oneOfEachType(std::make_index_sequence<std::variant_size_v<Body>>());
        QCOMPARE(messages.size(), qsizetype(MessageType::ConnectReply));
        for (const Message& message : messages) {
            QCOMPARE(int(message.type()), int(message.body.index()) + 1);
            QCOMPARE(message.isResponse(), int(message.type()) % 2 == 0);
        }
        QCOMPARE(messageWith(Ping{}).type(), MessageType::Ping);
        QCOMPARE(messageWith(Pong{}).type(), MessageType::Pong);
        QCOMPARE(messageWith(FindNodeReply{}).type(), MessageType::FindNodeReply);
        QCOMPARE(messageWith(GetReply{}).type(), MessageType::GetReply);
        QCOMPARE(messageWith(LeaveAck{}).type(), MessageType::LeaveAck);
        QVERIFY(!messageWith(Store{}).isResponse());
        QVERIFY(messageWith(StoreReply{}).isResponse());
        QCOMPARE(messageWith(Attach{}).type(), MessageType::Attach);
        QCOMPARE(int(MessageType::Attach), 21);
        QCOMPARE(int(MessageType::ConnectReply), 26);
    }

    void attachBytesLayout() {
        const NodeId rendezvous = NodeId::fromInteger(7);
        const NodeId client = NodeId::fromInteger(8);
        const QByteArray bytes = attachBytes(rendezvous, client, 0x0102030405060708);
        QCOMPARE(bytes, QByteArray("ringshare-attach-v1") + rendezvous.toByteArray() + client.toByteArray() +
                            QByteArray::fromHex("0102030405060708"));
        QVERIFY(attachBytes(rendezvous, client, 1) != attachBytes(client, rendezvous, 1));
    }
};

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
