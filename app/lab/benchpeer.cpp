// BenchPeer's setup and teardown, the pattern-file writer, and the process and thread CPU clocks.
#include "benchpeer.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>
#include <sys/resource.h>
#include <time.h>

namespace ringshare::bench {

namespace {

constexpr qint64 kIoBuffer = 4 * 1024 * 1024;

crypto::Identity identityFrom(quint64 seed) {
    crypto::Identity::Seed bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = std::uint8_t(seed >> (8 * (i % 8))) ^ std::uint8_t(i * 29);
    return crypto::Identity::fromSeed(bytes);
}

} // namespace

bool runUntil(const std::function<bool()>& done, Millis limit, Millis poll) {
    if (done())
        return true;
    QElapsedTimer elapsed;
    elapsed.start();
    QEventLoop loop;
    QTimer check;
    check.setInterval(poll);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || Millis(elapsed.elapsed()) >= limit)
            loop.quit();
    });
    check.start();
    loop.exec();
    return done();
}

QByteArray patternBytes(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 x = 0x9e3779b9;
    for (char& c : bytes) {
        x = x * 1664525u + 1013904223u;
        c = char(x >> 24);
    }
    return bytes;
}

Result<void> writePatternFile(const QString& path, qint64 size) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{QStringLiteral("Cannot create %1: %2").arg(path, file.errorString())};
    QByteArray buffer(kIoBuffer, Qt::Uninitialized);
    quint64 state = 0x9e3779b97f4a7c15ull;
    for (qint64 written = 0; written < size;) {
        // xorshift64*: cheap, and every block differs from every other.
        auto* words = reinterpret_cast<quint64*>(buffer.data());
        for (qsizetype i = 0; i < buffer.size() / qsizetype(sizeof(quint64)); ++i) {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            words[i] = state * 0x2545f4914f6cdd1dull;
        }
        const qint64 length = std::min<qint64>(buffer.size(), size - written);
        if (file.write(buffer.constData(), length) != length)
            return Error{QStringLiteral("Cannot write %1: %2").arg(path, file.errorString())};
        written += length;
    }
    return {};
}

qint64 readThrough(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    QByteArray buffer(kIoBuffer, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 got = file.read(buffer.data(), buffer.size());
        if (got < 0)
            return -1;
        if (got == 0)
            return total;
        total += got;
    }
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double threadRunQueueSeconds() {
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    return fields.size() >= 2 ? fields[1].toDouble() / 1e9 : 0;
}

double monotonicSeconds() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double secondsSince(const QElapsedTimer& timer) {
    return double(timer.nsecsElapsed()) / 1e9;
}

QString loadAverageNow() {
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly)
               ? QString::fromLatin1(file.readLine()).section(QLatin1Char(' '), 0, 2)
               : QStringLiteral("unknown");
}

BenchPeer::BenchPeer(const QString& root, quint64 seed, qint64 uploadLimit)
    : m_data(QDir(root).filePath(QStringLiteral("data-XXXXXX"))),
      m_downloads(QDir(root).filePath(QStringLiteral("downloads-XXXXXX"))), m_random(seed),
      m_identity(identityFrom(seed)) {
    m_library = std::make_unique<share::Library>(m_identity.clone(), m_data.path(), m_clock);
    transfer::TransferOptions options;
    options.downloadDir = m_downloads.path();
    options.stateDir = m_data.path();
    options.uploadLimit = uploadLimit;
    m_manager = std::make_unique<transfer::TransferManager>(m_identity.clone(), *m_library, m_clock, m_random,
                                                            options);
    m_listening =
        m_data.isValid() && m_downloads.isValid() && m_manager->listen(QHostAddress::LocalHost, 0).ok();
}

// The manager goes first: it may still write a resume map into the library's folders.
BenchPeer::~BenchPeer() {
    m_manager.reset();
    m_library.reset();
}

transfer::PeerAddress BenchPeer::address() const {
    return {QHostAddress::LocalHost, m_manager->listenPort(), m_identity.nodeId()};
}

Result<share::Link> BenchPeer::share(const QString& path, Millis limit) {
    if (auto added = m_library->add(path); !added.ok())
        return Error{added.error()};
    if (!runUntil([&] { return m_library->isIdle(); }, limit))
        return Error{QStringLiteral("hashing %1 took longer than %2 s").arg(path).arg(limit.count() / 1000)};
    const QString canonical = QFileInfo(path).canonicalFilePath();
    for (const share::SharedFile& file : m_library->files())
        if (file.path == canonical) {
            if (file.state != share::SharedFile::State::Ready)
                return Error{QStringLiteral("%1 could not be shared: %2").arg(path, file.error)};
            return share::Link{file.id(), QFileInfo(path).fileName(), file.size};
        }
    return Error{QStringLiteral("%1 is not in the library").arg(path)};
}

} // namespace ringshare::bench
