// Identity: Ed25519 keys, and identity.key (four text lines, 0600, written to a .tmp file and
// linked into place, so a crash leaves no key or a whole one).
#include "crypto/identity.h"

#include "base/logging.h"
#include "base/systemerror.h"
#include "crypto/blake2b.h"
#include "crypto/cryptoinit.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ringshare::crypto {

namespace {

constexpr QByteArrayView kHeader = "ringshare-identity v1";
constexpr qint64 kMaxFileSize = 1024;
constexpr int kChecksumSize = 8;

QByteArray checksumOf(const Identity::Seed& seed) {
    Blake2b hasher(32);
    hasher.update(kHeader);
    hasher.update(QByteArrayView(reinterpret_cast<const char*>(seed.data()), Identity::kSeedSize));
    return hasher.finish().left(kChecksumSize);
}

QString systemError() {
    return systemErrorText(errno);
}

QString untouchedHint() {
    return QCoreApplication::translate(
        "ringshare::crypto::Identity",
        " The file was left untouched; move it away to start with a new identity "
        "(peers will then see a new node).");
}

// Parses one "<label> <hex>" line of exactly `size` bytes.
std::optional<QByteArray> hexField(QByteArrayView line, QByteArrayView label, int size) {
    if (!line.startsWith(label) || line.size() != label.size() + 1 + 2 * size || line[label.size()] != ' ')
        return std::nullopt;
    const QByteArrayView hex = line.sliced(label.size() + 1);
    for (const char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return std::nullopt;
    }
    return QByteArray::fromHex(hex.toByteArray());
}

// Creates a missing directory readable by its owner only; an existing one is left as the user set it.
Result<void> makePrivateDirectory(const QString& path) {
    if (QFileInfo(path).isDir())
        return {};
    if (!QDir().mkpath(path))
        return Error{
            QCoreApplication::translate("ringshare::crypto::Identity", "Cannot create the data directory %1.")
                .arg(path)};
    ::chmod(QFile::encodeName(path).constData(), S_IRWXU);
    return {};
}

} // namespace

Identity Identity::generate() {
    requireInitialized();
    Seed seed;
    randombytes_buf(seed.data(), seed.size());
    Identity identity = fromSeed(seed);
    sodium_memzero(seed.data(), seed.size());
    return identity;
}

Identity Identity::fromSeed(const Seed& seed) {
    requireInitialized();
    Identity identity;
    PublicKey::Bytes publicBytes;
    crypto_sign_seed_keypair(publicBytes.data(), identity.m_secretKey.data(), seed.data());
    identity.m_publicKey = PublicKey(publicBytes);
    identity.m_nodeId = identity.m_publicKey.nodeId();
    return identity;
}

Identity Identity::clone() const {
    Identity copy;
    copy.m_secretKey = m_secretKey;
    copy.m_publicKey = m_publicKey;
    copy.m_nodeId = m_nodeId;
    return copy;
}

Identity::Identity(Identity&& other) noexcept
    : m_secretKey(other.m_secretKey), m_publicKey(other.m_publicKey), m_nodeId(other.m_nodeId) {
    other.wipe();
}

Identity& Identity::operator=(Identity&& other) noexcept {
    if (this != &other) {
        m_secretKey = other.m_secretKey;
        m_publicKey = other.m_publicKey;
        m_nodeId = other.m_nodeId;
        other.wipe();
    }
    return *this;
}

Identity::~Identity() {
    wipe();
}

void Identity::wipe() {
    sodium_memzero(m_secretKey.data(), m_secretKey.size());
}

Signature Identity::sign(QByteArrayView message) const {
    Signature signature;
    crypto_sign_detached(signature.bytes.data(), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()),
                         static_cast<unsigned long long>(message.size()), m_secretKey.data());
    return signature;
}

Result<Identity> Identity::load(const QString& path) {
    const QByteArray nativePath = QFile::encodeName(path);
    const int fd = ::open(nativePath.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return Error{QCoreApplication::translate("ringshare::crypto::Identity",
                                                 "Cannot read the identity file %1: %2.")
                         .arg(path, systemError())};

    struct stat info {};
    QByteArray content;
    bool readOk = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size <= kMaxFileSize;
    if (readOk) {
        content.resize(static_cast<qsizetype>(info.st_size));
        qsizetype done = 0;
        while (readOk && done < content.size()) {
            const ssize_t n = ::read(fd, content.data() + done, static_cast<size_t>(content.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            readOk = n > 0;
            done += n > 0 ? n : 0;
        }
    }
    if (readOk && (info.st_mode & 077) != 0) {
        qCWarning(lcCrypto) << "identity file" << path
                            << "was readable by others; restricting it to its owner";
        ::fchmod(fd, S_IRUSR | S_IWUSR);
    }
    ::close(fd);
    if (!readOk)
        return Error{QCoreApplication::translate(
                         "ringshare::crypto::Identity",
                         "%1 is not a Ringshare identity file (not a regular file of at most 1 KiB).")
                         .arg(path)};

    const auto wipeContent =
        qScopeGuard([&content] { sodium_memzero(content.data(), size_t(content.size())); });

    // Four lines, each ending in '\n', parsed in place so no copy of the secret is left behind.
    std::array<QByteArrayView, 4> lines;
    QByteArrayView rest(content);
    for (QByteArrayView& line : lines) {
        const qsizetype end = rest.indexOf('\n');
        if (end < 0)
            return Error{QCoreApplication::translate("ringshare::crypto::Identity",
                                                     "The identity file %1 is truncated.")
                             .arg(path) +
                         untouchedHint()};
        line = rest.first(end);
        rest = rest.sliced(end + 1);
    }
    if (lines[0] != kHeader)
        return Error{
            QCoreApplication::translate("ringshare::crypto::Identity", "%1 is not a Ringshare identity file.")
                .arg(path) +
            untouchedHint()};

    const auto publicKey = hexField(lines[1], "public-key", PublicKey::kSize);
    auto seedBytes = hexField(lines[2], "secret-seed", kSeedSize);
    const auto checksum = hexField(lines[3], "checksum", kChecksumSize);
    const auto wipeSeed = qScopeGuard([&seedBytes] {
        if (seedBytes)
            sodium_memzero(seedBytes->data(), size_t(seedBytes->size()));
    });
    if (!publicKey || !seedBytes || !checksum || !rest.isEmpty())
        return Error{QCoreApplication::translate("ringshare::crypto::Identity",
                                                 "The identity file %1 is corrupt (malformed line).")
                         .arg(path) +
                     untouchedHint()};

    Seed seed;
    std::copy(seedBytes->begin(), seedBytes->end(), seed.begin());
    const bool checksumOk = constantTimeEqual(checksumOf(seed), *checksum);
    Identity identity = fromSeed(seed);
    sodium_memzero(seed.data(), seed.size());
    if (!checksumOk || identity.publicKey().toByteArray() != *publicKey)
        return Error{
            QCoreApplication::translate("ringshare::crypto::Identity",
                                        "The identity file %1 is corrupt (its checksum does not match).")
                .arg(path) +
            untouchedHint()};
    return identity;
}

Result<void> Identity::save(const QString& path) const {
    const QFileInfo target(path);
    if (auto dir = makePrivateDirectory(target.absolutePath()); !dir)
        return dir;

    Seed seed;
    crypto_sign_ed25519_sk_to_seed(seed.data(), m_secretKey.data());
    const QByteArray seedView(reinterpret_cast<const char*>(seed.data()), kSeedSize);
    QByteArray content = kHeader.toByteArray() + '\n' + "public-key " + m_publicKey.toByteArray().toHex() +
                         '\n' + "secret-seed " + seedView.toHex() + '\n' + "checksum " +
                         checksumOf(seed).toHex() + '\n';
    sodium_memzero(seed.data(), seed.size());
    const auto wipeContent =
        qScopeGuard([&content] { sodium_memzero(content.data(), size_t(content.size())); });

    // Written to a private temporary file, flushed, then linked into place: link() never replaces an
    // existing key, and a crash at any point leaves either no key file or a complete one.
    const QByteArray finalPath = QFile::encodeName(target.absoluteFilePath());
    const QByteArray tempPath = finalPath + ".tmp";
    ::unlink(tempPath.constData());
    const int fd =
        ::open(tempPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
    if (fd < 0)
        return Error{QCoreApplication::translate("ringshare::crypto::Identity",
                                                 "Cannot write the identity file %1: %2.")
                         .arg(path, systemError())};
    bool ok = ::write(fd, content.constData(), size_t(content.size())) == content.size() && ::fsync(fd) == 0;
    QString failure = ok ? QString() : systemError();
    ::close(fd);
    if (ok && ::link(tempPath.constData(), finalPath.constData()) != 0) {
        ok = false;
        failure = errno == EEXIST ? QCoreApplication::translate("ringshare::crypto::Identity",
                                                                "an identity file already exists there")
                                  : systemError();
    }
    ::unlink(tempPath.constData());
    if (!ok)
        return Error{QCoreApplication::translate("ringshare::crypto::Identity",
                                                 "Cannot write the identity file %1: %2.")
                         .arg(path, failure)};

    const int dirFd =
        ::open(QFile::encodeName(target.absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

Result<Identity> Identity::loadOrCreate(const QString& dataDir) {
    const QString path = QDir(dataDir).filePath(QString::fromLatin1(kFileName));
    if (QFileInfo(path).exists() || QFileInfo(path).isSymLink()) {
        // save() links its temporary file into place and then unlinks it: a crash in between leaves a
        // second copy of the secret key, which goes now.
        ::unlink(QFile::encodeName(path + QStringLiteral(".tmp")).constData());
        return load(path);
    }

    if (auto dir = makePrivateDirectory(dataDir); !dir)
        return Error{dir.error()};

    Identity identity = generate();
    if (auto saved = identity.save(path); !saved) {
        // Another process may have created the key between our check and our write: use theirs.
        if (QFileInfo(path).exists())
            return load(path);
        return Error{saved.error()};
    }
    qCInfo(lcCrypto) << "created a new identity" << identity.nodeId().toHex() << "in" << path;
    return identity;
}

} // namespace ringshare::crypto
