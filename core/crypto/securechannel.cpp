// SecureChannel: the wire format, and why it is built this way.
//
// Every frame is a 4-byte big-endian length followed by that many bytes. The handshake has three frames of
// fixed sizes; a length prefix that announces anything else fails the channel at once, before one byte of
// the body is buffered. After the handshake a frame holds 17 to maxMessageSize + 17 bytes.
//
//   1. I -> R  hello, 36 bytes:   "RSX1" | eI
//   2. R -> I  reply, 169 bytes:  eR | hR | first message of R's stream: idR | sigR
//   3. I -> R  proof, 137 bytes:  hI | first message of I's stream: idI | sigI
//
//   eI, eR:  ephemeral crypto_kx public keys, new for every connection
//   hI, hR:  the secretstream header of each side's sending stream
//   idX:     the side's long-term Ed25519 public key (its NodeId is BLAKE2b-160 of it)
//   sigR  =  Ed25519 by idR over "ringshare-channel-v1 responder" | eI | eR | idR
//   sigI  =  Ed25519 by idI over "ringshare-channel-v1 initiator" | eI | eR | idR | idI
//
// Session keys come from crypto_kx over eI and eR, the initiator being the client. Each direction is one
// crypto_secretstream_xchacha20poly1305 stream, pushed with the sender's tx key and pulled with the
// receiver's rx key. Every data frame is the next message of the sender's stream, always tagged MESSAGE:
// a frame that is altered, replayed, reordered or sent after a missing one fails authentication, and a
// FINAL (or any other) tag is refused. Only a missing end cannot be told from a closed connection; the
// layer above knows how many bytes it expects.
//
// One change from the plain design, where idX | sigX travel in the clear: each side sends them as the first
// message of its own stream. That
//  - binds each identity to the session keys. In the clear, a man in the middle relaying the hello and the
//    reply could replace idI | sigI with his own key and his own signature over the same public
//    transcript, and the responder would credit everything the initiator sends to him. He cannot encrypt
//    under keys that only I and R hold (SIGMA-I's answer to identity misbinding);
//  - covers every byte of the handshake: a changed stream header breaks the stream's first message, so no
//    tampering waits unnoticed for the first data frame;
//  - hides both identities from anyone who only watches the connection.
// The signatures are still what proves identity: decrypting shows only that the peer holds an ephemeral
// key, the signature that the holder of idX chose that key for this connection.
//
// The initiator counts as established once it has sent the proof, so it may send data right behind it.
// Ephemeral secrets are wiped as soon as the session keys exist, session keys once the streams hold them,
// and the stream states when the channel fails or dies.
//
// feed() decrypts frames that arrived whole straight from the caller's bytes; only a frame split across
// calls is copied, once, into a buffer reserved to its size and reused for the next. No byte is moved twice
// and nothing is compacted, so the cost is linear however the socket splits the stream.

#include "crypto/securechannel.h"

#include "base/logging.h"
#include "crypto/cryptoinit.h"
#include "crypto/identity.h"

#include <QCoreApplication>
#include <QtEndian>
#include <algorithm>
#include <cstring>
#include <limits>
#include <sodium.h>
#include <stdexcept>

namespace ringshare::crypto {

namespace {

constexpr int kLengthSize = 4;
constexpr int kKxKeySize = crypto_kx_PUBLICKEYBYTES;
constexpr int kHeaderSize = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr int kTagSize = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr unsigned char kMessageTag = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
constexpr QByteArrayView kMagic = "RSX1";
constexpr QByteArrayView kResponderDomain = "ringshare-channel-v1 responder";
constexpr QByteArrayView kInitiatorDomain = "ringshare-channel-v1 initiator";

// What each side proves in its stream's first message: its identity key and its signature.
constexpr int kCredentialSize = PublicKey::kSize + Signature::kSize;
constexpr int kHelloSize = int(kMagic.size()) + kKxKeySize;
constexpr int kReplySize = kKxKeySize + kHeaderSize + kCredentialSize + kTagSize;
constexpr int kProofSize = kHeaderSize + kCredentialSize + kTagSize;

static_assert(SecureChannel::kFrameOverhead == kLengthSize + kTagSize);
static_assert(crypto_kx_SESSIONKEYBYTES == crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(kHelloSize == 36 && kReplySize == 169 && kProofSize == 137);

using KxPublicKey = std::array<unsigned char, kKxKeySize>;

// A session key, wiped however its scope is left.
struct SessionKey {
    std::array<unsigned char, crypto_kx_SESSIONKEYBYTES> bytes{};

    SessionKey() = default;
    SessionKey(const SessionKey&) = delete;
    SessionKey& operator=(const SessionKey&) = delete;
    ~SessionKey() { wipe(); }
    void wipe() { sodium_memzero(bytes.data(), bytes.size()); }
    unsigned char* data() { return bytes.data(); }
};

struct Credential {
    PublicKey key;
    Signature signature;
};

const unsigned char* bytesOf(QByteArrayView view) {
    return reinterpret_cast<const unsigned char*>(view.data());
}

QByteArrayView viewOf(const KxPublicKey& key) {
    return QByteArrayView(reinterpret_cast<const char*>(key.data()), key.size());
}

QByteArrayView viewOf(const PublicKey& key) {
    return QByteArrayView(reinterpret_cast<const char*>(key.bytes().data()), PublicKey::kSize);
}

QByteArray responderBytesToSign(const KxPublicKey& initiatorKx, const KxPublicKey& responderKx,
                                const PublicKey& responder) {
    QByteArray bytes;
    bytes.reserve(kResponderDomain.size() + 2 * kKxKeySize + PublicKey::kSize);
    bytes.append(kResponderDomain).append(viewOf(initiatorKx)).append(viewOf(responderKx));
    bytes.append(viewOf(responder));
    return bytes;
}

QByteArray initiatorBytesToSign(const KxPublicKey& initiatorKx, const KxPublicKey& responderKx,
                                const PublicKey& responder, const PublicKey& initiator) {
    QByteArray bytes;
    bytes.reserve(kInitiatorDomain.size() + 2 * kKxKeySize + 2 * PublicKey::kSize);
    bytes.append(kInitiatorDomain).append(viewOf(initiatorKx)).append(viewOf(responderKx));
    bytes.append(viewOf(responder)).append(viewOf(initiator));
    return bytes;
}

// Grows `out` by one frame of `bodySize` bytes, writes its length prefix and returns where the body goes.
unsigned char* appendFrame(QByteArray& out, qsizetype bodySize) {
    const qsizetype at = out.size();
    out.resize(at + kLengthSize + bodySize);
    char* frame = out.data() + at;
    qToBigEndian(quint32(bodySize), frame);
    return reinterpret_cast<unsigned char*>(frame + kLengthSize);
}

// Writes this side's credential, encrypted as the first message of its stream, to `out`.
void pushCredential(crypto_secretstream_xchacha20poly1305_state& stream, unsigned char* out,
                    const Credential& credential) {
    std::array<unsigned char, kCredentialSize> plain;
    std::copy(credential.key.bytes().begin(), credential.key.bytes().end(), plain.begin());
    std::copy(credential.signature.bytes.begin(), credential.signature.bytes.end(),
              plain.begin() + PublicKey::kSize);
    crypto_secretstream_xchacha20poly1305_push(&stream, out, nullptr, plain.data(), plain.size(), nullptr, 0,
                                               kMessageTag);
}

std::optional<Credential> pullCredential(crypto_secretstream_xchacha20poly1305_state& stream,
                                         QByteArrayView box) {
    std::array<unsigned char, kCredentialSize> plain;
    unsigned long long length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&stream, plain.data(), &length, &tag, bytesOf(box),
                                                   static_cast<unsigned long long>(box.size()), nullptr,
                                                   0) != 0 ||
        tag != kMessageTag || length != plain.size())
        return std::nullopt;
    const QByteArrayView view(reinterpret_cast<const char*>(plain.data()), plain.size());
    return Credential{*PublicKey::fromBytes(view.first(PublicKey::kSize)),
                      *Signature::fromBytes(view.sliced(PublicKey::kSize))};
}

} // namespace

struct SecureChannel::Secrets {
    KxPublicKey initiatorKx{};
    KxPublicKey responderKx{};
    std::array<unsigned char, crypto_kx_SECRETKEYBYTES> ownKxSecret{};
    // The responder derives its receiving key with the hello but gets the initiator's header only with
    // the proof; it keeps the key until then.
    SessionKey pendingRx;
    crypto_secretstream_xchacha20poly1305_state push{};
    crypto_secretstream_xchacha20poly1305_state pull{};

    Secrets() = default;
    Secrets(const Secrets&) = delete;
    Secrets& operator=(const Secrets&) = delete;
    ~Secrets() {
        wipeKxSecret();
        sodium_memzero(&push, sizeof push);
        sodium_memzero(&pull, sizeof pull);
    }
    void wipeKxSecret() { sodium_memzero(ownKxSecret.data(), ownKxSecret.size()); }
};

SecureChannel::SecureChannel(const Identity& self, Role role, std::optional<NodeId> expectedPeer,
                             int maxMessageSize)
    : m_self(self), m_ownKey(self.publicKey()), m_role(role), m_expectedPeer(expectedPeer),
      m_maxMessageSize(maxMessageSize),
      m_phase(role == Role::Initiator ? Phase::NotStarted : Phase::AwaitingHello),
      m_secrets(std::make_unique<Secrets>()) {
    if (maxMessageSize < 0 || maxMessageSize > std::numeric_limits<int>::max() - kFrameOverhead)
        throw std::invalid_argument("SecureChannel: maxMessageSize out of range");
    requireInitialized();
}

SecureChannel::~SecureChannel() = default;

QByteArray SecureChannel::start() {
    if (m_phase != Phase::NotStarted)
        return {};
    crypto_kx_keypair(m_secrets->initiatorKx.data(), m_secrets->ownKxSecret.data());
    QByteArray hello;
    unsigned char* body = appendFrame(hello, kHelloSize);
    std::memcpy(body, kMagic.data(), size_t(kMagic.size()));
    std::memcpy(body + kMagic.size(), m_secrets->initiatorKx.data(), kKxKeySize);
    m_phase = Phase::AwaitingReply;
    return hello;
}

bool SecureChannel::feed(QByteArrayView bytes, QByteArray& toWrite, QList<QByteArray>& messages) {
    if (m_phase == Phase::NotStarted && !bytes.isEmpty())
        fail(QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                         "The peer sent data before this side started the handshake."));
    while (!bytes.isEmpty() && m_phase != Phase::Failed) {
        if (m_bodyLength < 0) {
            const qsizetype take = std::min<qsizetype>(kLengthSize - m_lengthFill, bytes.size());
            std::memcpy(m_lengthBytes.data() + m_lengthFill, bytes.data(), size_t(take));
            m_lengthFill += int(take);
            bytes = bytes.sliced(take);
            if (m_lengthFill < kLengthSize)
                break;
            m_lengthFill = 0;
            const quint32 length = qFromBigEndian<quint32>(m_lengthBytes.data());
            if (acceptLength(length))
                m_bodyLength = length;
            continue;
        }
        if (m_partialBody.isEmpty() && bytes.size() >= m_bodyLength) {
            const QByteArrayView frame = bytes.first(m_bodyLength);
            bytes = bytes.sliced(m_bodyLength);
            m_bodyLength = -1;
            onFrame(frame, toWrite, messages);
            continue;
        }
        if (m_partialBody.isEmpty())
            m_partialBody.reserve(m_bodyLength);
        const qsizetype take = std::min<qsizetype>(m_bodyLength - m_partialBody.size(), bytes.size());
        m_partialBody.append(bytes.first(take));
        bytes = bytes.sliced(take);
        if (m_partialBody.size() == m_bodyLength) {
            m_bodyLength = -1;
            onFrame(m_partialBody, toWrite, messages);
            m_partialBody.resize(0); // keeps the capacity for the next frame that comes in pieces
        }
    }
    if (m_phase == Phase::Failed) {
        m_partialBody = QByteArray();
        return false;
    }
    return true;
}

bool SecureChannel::acceptLength(quint32 length) {
    const auto expect = [&](int size, QStringView what) {
        if (length == quint32(size))
            return true;
        fail(QCoreApplication::translate(
                 "ringshare::crypto::SecureChannel",
                 "Handshake failed: the peer's %1 should be %2 bytes, but it announced %3. It may "
                 "not be a Ringshare node, or it broke the protocol.")
                 .arg(what)
                 .arg(size)
                 .arg(length));
        return false;
    };
    switch (m_phase) {
    case Phase::AwaitingHello:
        return expect(kHelloSize, QCoreApplication::translate("ringshare::crypto::SecureChannel", "hello"));
    case Phase::AwaitingReply:
        return expect(kReplySize, QCoreApplication::translate("ringshare::crypto::SecureChannel", "reply"));
    case Phase::AwaitingProof:
        return expect(kProofSize,
                      QCoreApplication::translate("ringshare::crypto::SecureChannel", "proof of identity"));
    case Phase::Established:
        if (length < quint32(kTagSize)) {
            fail(
                QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                            "The peer sent a frame of %1 bytes, too short to hold a message.")
                    .arg(length));
            return false;
        }
        if (length - quint32(kTagSize) > quint32(m_maxMessageSize)) {
            fail(QCoreApplication::translate(
                     "ringshare::crypto::SecureChannel",
                     "The peer announced a message of %1 bytes; at most %2 are accepted.")
                     .arg(length - quint32(kTagSize))
                     .arg(m_maxMessageSize));
            return false;
        }
        return true;
    case Phase::NotStarted:
    case Phase::Failed:
        break;
    }
    Q_UNREACHABLE();
    return false;
}

void SecureChannel::onFrame(QByteArrayView frame, QByteArray& toWrite, QList<QByteArray>& messages) {
    switch (m_phase) {
    case Phase::AwaitingHello:
        onHello(frame, toWrite);
        return;
    case Phase::AwaitingReply:
        onReply(frame, toWrite);
        return;
    case Phase::AwaitingProof:
        onProof(frame);
        return;
    case Phase::Established:
        onData(frame, messages);
        return;
    case Phase::NotStarted:
    case Phase::Failed:
        return;
    }
}

void SecureChannel::onHello(QByteArrayView frame, QByteArray& toWrite) {
    if (frame.first(kMagic.size()) != kMagic)
        return fail(QCoreApplication::translate(
                        "ringshare::crypto::SecureChannel",
                        "The peer does not speak the Ringshare channel protocol (its hello does not "
                        "begin with %1).")
                        .arg(QString::fromLatin1(kMagic)));
    Secrets& s = *m_secrets;
    std::memcpy(s.initiatorKx.data(), frame.data() + kMagic.size(), kKxKeySize);
    crypto_kx_keypair(s.responderKx.data(), s.ownKxSecret.data());
    SessionKey tx;
    const bool keysOk = crypto_kx_server_session_keys(s.pendingRx.data(), tx.data(), s.responderKx.data(),
                                                      s.ownKxSecret.data(), s.initiatorKx.data()) == 0;
    s.wipeKxSecret();
    if (!keysOk)
        return fail(
            QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                        "Handshake failed: the peer's key exchange key is not usable."));

    unsigned char* body = appendFrame(toWrite, kReplySize);
    std::memcpy(body, s.responderKx.data(), kKxKeySize);
    crypto_secretstream_xchacha20poly1305_init_push(&s.push, body + kKxKeySize, tx.data());
    const Signature signature = m_self.sign(responderBytesToSign(s.initiatorKx, s.responderKx, m_ownKey));
    pushCredential(s.push, body + kKxKeySize + kHeaderSize, {m_ownKey, signature});
    m_phase = Phase::AwaitingProof;
}

void SecureChannel::onReply(QByteArrayView frame, QByteArray& toWrite) {
    Secrets& s = *m_secrets;
    std::memcpy(s.responderKx.data(), frame.data(), kKxKeySize);
    SessionKey rx;
    SessionKey tx;
    const bool keysOk = crypto_kx_client_session_keys(rx.data(), tx.data(), s.initiatorKx.data(),
                                                      s.ownKxSecret.data(), s.responderKx.data()) == 0;
    s.wipeKxSecret();
    if (!keysOk)
        return fail(
            QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                        "Handshake failed: the peer's key exchange key is not usable."));
    const std::optional<Credential> peer =
        crypto_secretstream_xchacha20poly1305_init_pull(&s.pull, bytesOf(frame.sliced(kKxKeySize)),
                                                        rx.data()) == 0
            ? pullCredential(s.pull, frame.sliced(kKxKeySize + kHeaderSize))
            : std::nullopt;
    rx.wipe();
    if (!peer)
        return fail(QCoreApplication::translate(
            "ringshare::crypto::SecureChannel",
            "Handshake failed: the peer's reply does not decrypt; it was altered on the "
            "way or answers another connection."));
    if (!peer->key.verify(responderBytesToSign(s.initiatorKx, s.responderKx, peer->key), peer->signature))
        return fail(QCoreApplication::translate(
            "ringshare::crypto::SecureChannel",
            "Handshake failed: the peer's signature does not match its identity."));
    if (m_expectedPeer && peer->key.nodeId() != *m_expectedPeer)
        return fail(
            QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                        "Handshake failed: the peer is node %1, not the expected node %2.")
                .arg(peer->key.nodeId().toHex(), m_expectedPeer->toHex()));

    unsigned char* body = appendFrame(toWrite, kProofSize);
    crypto_secretstream_xchacha20poly1305_init_push(&s.push, body, tx.data());
    const Signature signature =
        m_self.sign(initiatorBytesToSign(s.initiatorKx, s.responderKx, peer->key, m_ownKey));
    pushCredential(s.push, body + kHeaderSize, {m_ownKey, signature});
    m_peerKey = peer->key;
    m_phase = Phase::Established;
}

void SecureChannel::onProof(QByteArrayView frame) {
    Secrets& s = *m_secrets;
    const std::optional<Credential> peer =
        crypto_secretstream_xchacha20poly1305_init_pull(&s.pull, bytesOf(frame), s.pendingRx.data()) == 0
            ? pullCredential(s.pull, frame.sliced(kHeaderSize))
            : std::nullopt;
    s.pendingRx.wipe();
    if (!peer)
        return fail(QCoreApplication::translate(
            "ringshare::crypto::SecureChannel",
            "Handshake failed: the peer's proof of identity does not decrypt; it was "
            "altered on the way or belongs to another connection."));
    if (!peer->key.verify(initiatorBytesToSign(s.initiatorKx, s.responderKx, m_ownKey, peer->key),
                          peer->signature))
        return fail(QCoreApplication::translate(
            "ringshare::crypto::SecureChannel",
            "Handshake failed: the peer's signature does not match its identity."));
    if (m_expectedPeer && peer->key.nodeId() != *m_expectedPeer)
        return fail(
            QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                        "Handshake failed: the peer is node %1, not the expected node %2.")
                .arg(peer->key.nodeId().toHex(), m_expectedPeer->toHex()));
    m_peerKey = peer->key;
    m_phase = Phase::Established;
}

void SecureChannel::onData(QByteArrayView frame, QList<QByteArray>& messages) {
    QByteArray message(frame.size() - kTagSize, Qt::Uninitialized);
    unsigned long long length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &m_secrets->pull, reinterpret_cast<unsigned char*>(message.data()), &length, &tag, bytesOf(frame),
            static_cast<unsigned long long>(frame.size()), nullptr, 0) != 0)
        return fail(QCoreApplication::translate(
            "ringshare::crypto::SecureChannel",
            "A message from the peer failed authentication: it was altered, replayed "
            "or reordered, or one before it is missing."));
    if (tag != kMessageTag)
        return fail(
            QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                        "The peer marked a message as %1, which this protocol never sends.")
                .arg(tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL
                         ? QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                                       "the end of its stream")
                         : QCoreApplication::translate("ringshare::crypto::SecureChannel",
                                                       "a stream control message")));
    messages.append(std::move(message));
}

QByteArray SecureChannel::seal(QByteArrayView message) {
    if (m_phase != Phase::Established || message.size() > m_maxMessageSize)
        return {};
    QByteArray frame;
    unsigned char* body = appendFrame(frame, message.size() + kTagSize);
    crypto_secretstream_xchacha20poly1305_push(&m_secrets->push, body, nullptr, bytesOf(message),
                                               static_cast<unsigned long long>(message.size()), nullptr, 0,
                                               kMessageTag);
    return frame;
}

void SecureChannel::fail(const QString& reason) {
    qCDebug(lcCrypto).noquote() << "secure channel failed:" << reason;
    m_error = reason;
    m_phase = Phase::Failed;
    m_secrets.reset(); // nothing may be sent or read under these keys any more
}

} // namespace ringshare::crypto
