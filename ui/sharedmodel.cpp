// The Shared table model: merging the session's rows in place, and what each column shows.
#include "ui/sharedmodel.h"

#include "session/session.h"
#include "ui/format.h"

#include <QDir>
#include <QFileInfo>

namespace ringshare::ui {

SharedModel::SharedModel(session::Session& session, QObject* parent)
    : QAbstractTableModel(parent), m_session(session) {
    // Sharing signals come in bursts (a folder of thousands of files); one refresh per burst.
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(100);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SharedModel::refresh);
    connect(&session, &session::Session::fileShared, this, &SharedModel::scheduleRefresh);
    connect(&session, &session::Session::fileWithdrawn, this, &SharedModel::scheduleRefresh);
    connect(&session, &session::Session::fileFailed, this, &SharedModel::scheduleRefresh);
    connect(&session, &session::Session::hashingDone, this, &SharedModel::scheduleRefresh);
    connect(&session, &session::Session::hashProgress, this, [this](const QString& path, qint64 done) {
        const auto row = m_rowOf.constFind(path);
        if (row == m_rowOf.cend()) {
            scheduleRefresh();
            return;
        }
        session::SharedFileRow& file = m_rows[*row];
        file.state = session::SharedFileRow::State::Hashing;
        file.hashedBytes = done;
        Q_EMIT dataChanged(index(*row, State), index(*row, State));
    });
    refresh();
}

void SharedModel::scheduleRefresh() {
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void SharedModel::refresh() {
    QList<session::SharedFileRow> files = m_session.sharedFiles();
    QHash<QString, qsizetype> fresh;
    for (qsizetype i = 0; i < files.size(); ++i)
        fresh.insert(files[i].path, i);
    // Rows that went away, from the bottom up so the rows above keep their numbers.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (fresh.contains(m_rows[row].path))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    m_rowOf.clear();
    for (int row = 0; row < m_rows.size(); ++row) {
        m_rowOf.insert(m_rows[row].path, row);
        m_rows[row] = files[fresh.value(m_rows[row].path)];
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    QList<session::SharedFileRow> added;
    for (const session::SharedFileRow& file : std::as_const(files))
        if (!m_rowOf.contains(file.path))
            added << file;
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
    for (const session::SharedFileRow& file : std::as_const(added)) {
        m_rowOf.insert(file.path, int(m_rows.size()));
        m_rows << file;
    }
    endInsertRows();
}

int SharedModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SharedModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SharedModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const session::SharedFileRow& file = m_rows[index.row()];
    using FileState = session::SharedFileRow::State;
    const int progress = file.state == FileState::Hashing && file.size > 0
                             ? int(file.hashedBytes * 100 / file.size)
                             : (file.state == FileState::Hashing ? 0 : -1);
    switch (role) {
    case PathRole:
        return file.path;
    case RootRole:
        return file.root;
    case ContentIdRole:
        return file.state == FileState::Ready ? file.contentId.toHex() : QString();
    case ProgressRole:
        return progress;
    case Qt::ToolTipRole:
        if (file.state == FileState::Failed)
            return file.error;
        return QDir::toNativeSeparators(file.path);
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Records)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case Size:
            return file.size;
        case Records:
            return file.keywordRecords;
        case State:
            return int(file.state) * 1000 + progress;
        default:
            break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return QFileInfo(file.path).fileName();
        case Size:
            return formatSize(file.size);
        case State:
            switch (file.state) {
            case FileState::Queued:
                return tr("Waiting to be hashed");
            case FileState::Hashing:
                return tr("Hashing… %1%").arg(progress);
            case FileState::Ready:
                return tr("Shared");
            case FileState::Failed:
                return tr("Failed: %1").arg(file.error);
            }
            return {};
        case Records:
            return file.state == FileState::Ready ? QVariant(file.keywordRecords) : QVariant();
        case Folder:
            return QDir::toNativeSeparators(QFileInfo(file.path).path());
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant SharedModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Size:
        return tr("Size");
    case State:
        return tr("State");
    case Records:
        return tr("Keyword records");
    case Folder:
        return tr("Folder");
    default:
        return {};
    }
}

} // namespace ringshare::ui
