// SecureChannel: the transfer connections' handshake and encrypted framing, with no I/O of its own.
#pragma once

#include "crypto/keys.h"
#include "crypto/nodeid.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <array>
#include <memory>
#include <optional>

class TestSecureChannel;

namespace ringshare::crypto {

class Identity;

// An authenticated, encrypted channel over a byte stream, with no I/O of its own: the owner feeds it what its
// socket read and writes out what it is given back. A three-message handshake proves both long-term
// identities; after it, every message travels as one length-prefixed, encrypted frame. Any malformed,
// forged, replayed, reordered or missing frame fails the channel for good, and the owner drops the
// connection. Used from one thread. Wire format and reasoning: securechannel.cpp.
class SecureChannel final {
public:
    enum class Role { Initiator, Responder };

    static constexpr int kDefaultMaxMessageSize = 4 * 1024 * 1024 + 1024;
    // What one sealed message adds on the wire: the 4-byte length prefix and the 17-byte authentication tag.
    static constexpr int kFrameOverhead = 4 + 17;

    // `self` must outlive the channel and stay where it is (a moved-from Identity is wiped). A channel given
    // `expectedPeer` fails the handshake unless the peer proves the key of that node; an initiator normally
    // knows whom it dials, a responder does not. Messages over `maxMessageSize` bytes are neither sealed nor
    // accepted; the constructor throws std::invalid_argument for a negative size or one above INT_MAX - 21.
    SecureChannel(const Identity& self, Role role, std::optional<NodeId> expectedPeer = {},
                  int maxMessageSize = kDefaultMaxMessageSize);
    ~SecureChannel();
    SecureChannel(const SecureChannel&) = delete;
    SecureChannel& operator=(const SecureChannel&) = delete;

    // The initiator's first frame, to write before anything is fed; empty for a responder or a second call.
    [[nodiscard]] QByteArray start();
    // Takes bytes read from the socket, split anyhow. Appends what must be written to the peer to `toWrite`
    // and every message completed by these bytes to `messages`. Returns false once the channel has failed
    // (messages that arrived intact before the failure are still appended); from then on it does nothing.
    bool feed(QByteArrayView bytes, QByteArray& toWrite, QList<QByteArray>& messages);
    // One frame carrying `message`, to write as it is. Empty unless the channel is established and the
    // message is at most maxMessageSize() bytes.
    [[nodiscard]] QByteArray seal(QByteArrayView message);

    [[nodiscard]] bool isEstablished() const { return m_phase == Phase::Established; }
    [[nodiscard]] bool hasFailed() const { return m_phase == Phase::Failed; }
    // The peer's proven identity; all zeros until the channel is established.
    [[nodiscard]] const PublicKey& peerKey() const { return m_peerKey; }
    [[nodiscard]] Role role() const { return m_role; }
    [[nodiscard]] int maxMessageSize() const { return m_maxMessageSize; }
    // Why the channel failed, in words for a log or a user; empty while it has not.
    [[nodiscard]] QString errorString() const { return m_error; }

private:
    friend class ::TestSecureChannel; // plays an impostor by changing m_ownKey

    enum class Phase { NotStarted, AwaitingHello, AwaitingReply, AwaitingProof, Established, Failed };
    struct Secrets; // libsodium's key exchange and stream states, defined in the .cpp and wiped on
                    // destruction

    bool acceptLength(quint32 length);
    void onFrame(QByteArrayView frame, QByteArray& toWrite, QList<QByteArray>& messages);
    void onHello(QByteArrayView frame, QByteArray& toWrite);
    void onReply(QByteArrayView frame, QByteArray& toWrite);
    void onProof(QByteArrayView frame);
    void onData(QByteArrayView frame, QList<QByteArray>& messages);
    void fail(const QString& reason);

    const Identity& m_self;
    PublicKey m_ownKey; // the identity this side claims: m_self's key
    const Role m_role;
    const std::optional<NodeId> m_expectedPeer;
    const int m_maxMessageSize;
    Phase m_phase;
    std::unique_ptr<Secrets> m_secrets;
    PublicKey m_peerKey;
    QString m_error;

    // Framing state: the length prefix as far as it has come, then the body of a frame that arrived in
    // pieces. Frames that arrive whole in one feed() are read where they lie and never copied here.
    std::array<char, 4> m_lengthBytes{};
    int m_lengthFill = 0;
    qint64 m_bodyLength = -1; // -1 while a length prefix is being read
    QByteArray m_partialBody;
};

} // namespace ringshare::crypto
