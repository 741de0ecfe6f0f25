// Library: scanning shared folders, background hashing, change detection and DATA/library.json.
#include "share/library.h"

#include "base/logging.h"
#include "share/filehasher.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

namespace ringshare::share {

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxIndexSize = 64 * 1024 * 1024;
// Progress is reported at most this often per file (in bytes hashed), so a fast hasher cannot flood the
// event loop of the thread that owns the library.
constexpr qint64 kProgressStep = 16 * 1024 * 1024;

QString libraryFile(const QString& dataDir) {
    return QDir(dataDir).filePath(QStringLiteral("library.json"));
}

bool isPartial(const QString& fileName) {
    return fileName.endsWith(QStringLiteral(".part"), Qt::CaseInsensitive);
}

// True when `path` lies inside `directory` (both canonical), component by component.
bool isWithin(const QString& directory, const QString& path) {
    const QString prefix = directory.endsWith(QLatin1Char('/')) ? directory : directory + QLatin1Char('/');
    return path.startsWith(prefix);
}

} // namespace

Library::Library(crypto::Identity identity, QString dataDir, Clock& clock, WorkMode mode, QObject* parent)
    : QObject(parent), m_identity(std::move(identity)), m_dataDir(std::move(dataDir)), m_clock(clock),
      m_mode(mode) {
    m_rescanTimer = m_clock.createTimer([this] {
        rescan();
        if (m_rescanInterval.count() > 0)
            m_rescanTimer->start(m_rescanInterval);
    });
}

Library::~Library() {
    m_cancel->store(true);
    m_hasher.waitForDone();
}

Result<void> Library::load() {
    const QString name = libraryFile(m_dataDir);
    QFile file(name);
    if (!file.exists())
        return {};
    const auto damaged = [&](const QString& why) {
        return Error{QCoreApplication::translate("ringshare::share::Library",
                                                 "Ignoring the list of shared files in %1: %2.")
                         .arg(QDir::toNativeSeparators(name), why)};
    };
    if (QFileInfo(name).isSymLink() || !QFileInfo(name).isFile())
        return damaged(QCoreApplication::translate("ringshare::share::Library", "not a regular file"));
    if (file.size() > kMaxIndexSize)
        return damaged(QCoreApplication::translate("ringshare::share::Library", "the file is too large"));
    if (!file.open(QIODevice::ReadOnly))
        return damaged(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (document.isNull())
        return damaged(parseError.errorString());
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toInt(-1) != kFormat)
        return damaged(QCoreApplication::translate("ringshare::share::Library",
                                                   "written by a version this one does not understand"));
    for (const QJsonValue& value : root.value(QStringLiteral("roots")).toArray()) {
        const QString path = value.toString();
        if (QDir::isAbsolutePath(path) && !m_roots.contains(path))
            m_roots.append(path);
    }
    for (const QJsonValue& value : root.value(QStringLiteral("files")).toArray()) {
        const QJsonObject entry = value.toObject();
        const auto id = ContentId::fromHex(entry.value(QStringLiteral("id")).toString());
        const QString path = entry.value(QStringLiteral("path")).toString();
        if (!id || path.isEmpty())
            continue;
        m_cache.insert(path,
                       CacheEntry{qint64(entry.value(QStringLiteral("size")).toDouble(-1)),
                                  qint64(entry.value(QStringLiteral("modified_ms")).toDouble(-1)), *id});
    }
    rescan();
    return {};
}

Result<void> Library::add(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists())
        return Error{QCoreApplication::translate("ringshare::share::Library", "%1 does not exist.")
                         .arg(QDir::toNativeSeparators(path))};
    if (!info.isReadable() || (!info.isFile() && !info.isDir()))
        return Error{QCoreApplication::translate("ringshare::share::Library", "%1 cannot be read.")
                         .arg(QDir::toNativeSeparators(path))};
    const QString root = info.canonicalFilePath();
    for (const QString& existing : std::as_const(m_roots))
        if (existing == root || isWithin(existing, root))
            return {};
    // A new folder that holds folders already shared takes their place.
    for (const QString& existing : QStringList(m_roots))
        if (isWithin(root, existing))
            m_roots.removeAll(existing);
    m_roots.append(root);
    QSet<QString> seen;
    scanRoot(root, seen);
    save();
    hashNext();
    return {};
}

void Library::remove(const QString& root) {
    if (!m_roots.removeAll(root))
        return;
    for (const SharedFile& file : m_files.values())
        if (file.root == root) {
            m_queue.removeAll(file.path);
            withdraw(file.path);
        }
    save();
}

void Library::addVerified(const QString& path, const Manifest& manifest) {
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    if (canonical.isEmpty())
        return;
    withdraw(canonical);
    if (!m_roots.contains(canonical))
        m_roots.append(canonical);
    SharedFile file;
    file.path = canonical;
    file.root = canonical;
    file.size = info.size();
    file.modifiedMs = info.lastModified().toMSecsSinceEpoch();
    file.state = SharedFile::State::Ready;
    file.hashedBytes = file.size;
    file.manifest = std::make_shared<const Manifest>(manifest);
    file.contentId = manifest.contentId();
    storeManifest(manifest);
    m_files.insert(canonical, file);
    save();
    Q_EMIT fileReady(file);
}

QList<SharedFile> Library::files() const {
    QList<SharedFile> list = m_files.values();
    std::sort(list.begin(), list.end(),
              [](const SharedFile& a, const SharedFile& b) { return a.path < b.path; });
    return list;
}

std::optional<SharedFile> Library::fileFor(const ContentId& id) const {
    for (const SharedFile& file : m_files)
        if (file.state == SharedFile::State::Ready && file.id() == id)
            return file;
    return std::nullopt;
}

void Library::setRescanInterval(Millis interval) {
    m_rescanInterval = interval;
    if (interval.count() > 0)
        m_rescanTimer->start(interval);
    else
        m_rescanTimer->stop();
}

void Library::rescan() {
    QSet<QString> seen;
    for (const QString& root : std::as_const(m_roots))
        scanRoot(root, seen);
    for (const QString& path : m_files.keys())
        if (!seen.contains(path)) {
            m_queue.removeAll(path);
            withdraw(path);
        }
    save();
    hashNext();
}

void Library::scanRoot(const QString& root, QSet<QString>& seen) {
    const QFileInfo rootInfo(root);
    if (rootInfo.isFile()) {
        seen.insert(root);
        consider(root, root, rootInfo.size(), rootInfo.lastModified().toMSecsSinceEpoch());
        return;
    }
    if (!rootInfo.isDir())
        return;
    for (const QString& path : filesUnder(root)) {
        if (m_files.size() >= kMaxFiles && !m_files.contains(path))
            break;
        const QFileInfo info(path);
        seen.insert(path);
        consider(path, root, info.size(), info.lastModified().toMSecsSinceEpoch());
    }
}

QStringList Library::filesUnder(const QString& canonicalRoot) {
    QStringList files;
    // Hidden files and folders are skipped, and so are symbolic links to folders (QDirIterator does not
    // follow them unless asked). A link to a file is shared only when it points inside the shared folder.
    QDirIterator it(canonicalRoot, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext() && files.size() < kMaxFiles) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (isPartial(info.fileName()))
            continue;
        if (info.isSymLink()) {
            const QString target = info.canonicalFilePath();
            if (target.isEmpty() || !isWithin(canonicalRoot, target))
                continue;
        }
        files.append(info.absoluteFilePath());
    }
    files.sort();
    return files;
}

void Library::consider(const QString& path, const QString& root, qint64 size, qint64 modifiedMs) {
    auto it = m_files.find(path);
    if (it != m_files.end()) {
        if (it->size == size && it->modifiedMs == modifiedMs && it->state != SharedFile::State::Failed)
            return;
        if (it->state == SharedFile::State::Hashing) {
            // The hashing job will see the change itself and fail; hash again afterwards.
            it->size = size;
            it->modifiedMs = modifiedMs;
            return;
        }
        withdraw(path);
    }
    SharedFile file;
    file.path = path;
    file.root = root;
    file.size = size;
    file.modifiedMs = modifiedMs;
    if (auto manifest = cachedManifest(path, size, modifiedMs)) {
        file.state = SharedFile::State::Ready;
        file.hashedBytes = size;
        file.contentId = manifest->contentId();
        file.manifest = std::move(manifest);
        m_files.insert(path, file);
        Q_EMIT fileReady(file);
        return;
    }
    m_files.insert(path, file);
    m_queue.append(path);
}

void Library::withdraw(const QString& path) {
    const auto it = m_files.find(path);
    if (it == m_files.end())
        return;
    const SharedFile file = *it;
    m_files.erase(it);
    if (file.state == SharedFile::State::Ready)
        Q_EMIT fileWithdrawn(file);
}

void Library::hashNext() {
    if (m_hashing)
        return;
    while (!m_queue.isEmpty()) {
        const QString path = m_queue.takeFirst();
        auto it = m_files.find(path);
        if (it == m_files.end() || it->state != SharedFile::State::Queued)
            continue;
        it->state = SharedFile::State::Hashing;
        m_hashing = true;
        if (m_mode == WorkMode::OnClock) {
            hashOnClock(path);
            return;
        }
        auto cancel = m_cancel;
        m_hasher.post([this, path, cancel] {
            std::atomic<qint64> reported{0};
            FileHasher::Options options;
            options.cancel = cancel.get();
            options.background = true;
            options.progress = [&](qint64 done, qint64 size) {
                qint64 last = reported.load();
                if (done < size && done - last < kProgressStep)
                    return;
                if (!reported.compare_exchange_strong(last, done))
                    return;
                m_inbox.post([this, path, done, size] { Q_EMIT hashProgress(path, done, size); });
            };
            auto outcome = std::make_shared<Result<HashedFile>>(FileHasher::hash(path, options));
            if (cancel->load())
                return;
            m_inbox.post([this, path, outcome] { onHashed(path, *outcome); });
        });
        return;
    }
    Q_EMIT idle();
}

void Library::hashOnClock(const QString& path) {
    m_onClock = path;
    if (!m_hashTimer)
        m_hashTimer = m_clock.createTimer([this] {
            FileHasher::Options options;
            options.threads = 1;
            onHashed(m_onClock, FileHasher::hash(m_onClock, options));
        });
    m_hashTimer->start(Millis(0));
}

void Library::onHashed(const QString& path, const Result<HashedFile>& outcome) {
    m_hashing = false;
    auto it = m_files.find(path);
    if (it != m_files.end() && it->state == SharedFile::State::Hashing) {
        if (!outcome.ok()) {
            qCWarning(lcShare) << outcome.error();
            it->state = SharedFile::State::Failed;
            it->error = outcome.error();
            Q_EMIT fileFailed(path, outcome.error());
        } else {
            Manifest manifest;
            manifest.name = QFileInfo(path).fileName();
            manifest.size = outcome->size;
            manifest.chunkSize = outcome->chunkSize;
            manifest.chunkHashes = outcome->chunkHashes;
            manifest.sign(m_identity);
            storeManifest(manifest);
            it->size = outcome->size;
            it->modifiedMs = outcome->modifiedMs;
            it->hashedBytes = outcome->size;
            it->state = SharedFile::State::Ready;
            it->contentId = manifest.contentId();
            it->manifest = std::make_shared<const Manifest>(std::move(manifest));
            const SharedFile ready = *it;
            save();
            Q_EMIT fileReady(ready);
        }
    }
    hashNext();
}

QString Library::manifestPath(const ContentId& id) const {
    return QDir(m_dataDir).filePath(QStringLiteral("manifests/%1.manifest").arg(id.toHex()));
}

std::shared_ptr<const Manifest> Library::cachedManifest(const QString& path, qint64 size,
                                                        qint64 modifiedMs) const {
    const auto it = m_cache.constFind(path);
    if (it == m_cache.constEnd() || it->size != size || it->modifiedMs != modifiedMs)
        return nullptr;
    QFile file(manifestPath(it->id));
    if (!file.open(QIODevice::ReadOnly) || file.size() > Manifest::kMaxEncodedSize)
        return nullptr;
    auto manifest = Manifest::decode(file.readAll(), &it->id);
    if (!manifest.ok() || manifest->size != size)
        return nullptr;
    return std::make_shared<const Manifest>(std::move(manifest).value());
}

void Library::storeManifest(const Manifest& manifest) {
    const QString name = manifestPath(manifest.contentId());
    if (QFileInfo::exists(name))
        return;
    m_writer.write(name, manifest.encode(), QStringLiteral("the description of %1").arg(manifest.name));
}

void Library::save() {
    QJsonArray files;
    for (const SharedFile& file : std::as_const(m_files))
        if (file.state == SharedFile::State::Ready) {
            files.append(QJsonObject{{QStringLiteral("path"), file.path},
                                     {QStringLiteral("size"), double(file.size)},
                                     {QStringLiteral("modified_ms"), double(file.modifiedMs)},
                                     {QStringLiteral("id"), file.id().toHex()}});
            m_cache.insert(file.path, CacheEntry{file.size, file.modifiedMs, file.id()});
        }
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("roots"), QJsonArray::fromStringList(m_roots)},
                           {QStringLiteral("files"), files}};
    m_writer.write(libraryFile(m_dataDir), QJsonDocument(root).toJson(QJsonDocument::Indented),
                   QStringLiteral("the list of shared files"));
}

} // namespace ringshare::share
