// The Transfers table model: merging status rows in place, and what each column shows.
#include "ui/transfersmodel.h"

#include "ui/format.h"

#include <QDir>

namespace ringshare::ui {

using DownloadState = transfer::DownloadStatus::State;

int TransfersModel::downloadRow(const share::ContentId& id) const {
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].download && m_rows[row].status.id == id)
            return row;
    return -1;
}

void TransfersModel::updateDownload(const transfer::DownloadStatus& status) {
    if (const int row = downloadRow(status.id); row >= 0) {
        Row& existing = m_rows[row];
        existing.status = status;
        existing.peers = status.sources;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // Downloads above uploads: the rows a person acts on.
    int at = 0;
    while (at < m_rows.size() && m_rows[at].download)
        ++at;
    beginInsertRows({}, at, at);
    m_rows.insert(at, Row{true, status, {}, status.sources});
    endInsertRows();
}

void TransfersModel::setUploads(const QList<transfer::UploadStatus>& uploads) {
    QHash<share::ContentId, const transfer::UploadStatus*> fresh;
    for (const transfer::UploadStatus& upload : uploads)
        fresh.insert(upload.id, &upload);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        Row& existing = m_rows[row];
        if (existing.download)
            continue;
        const transfer::UploadStatus* upload = fresh.take(existing.upload.id);
        if (!upload) {
            removeRow(row);
            continue;
        }
        // The name stays as first shown.
        existing.upload.rate = upload->rate;
        existing.upload.uploaded = upload->uploaded;
        existing.upload.peers = upload->peers;
        existing.peers = upload->peers;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    for (const transfer::UploadStatus& upload : uploads) {
        if (!fresh.contains(upload.id))
            continue;
        Row row;
        row.download = false;
        row.upload = upload;
        row.peers = upload.peers;
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at);
        m_rows << row;
        endInsertRows();
    }
}

void TransfersModel::removeDownload(const share::ContentId& id) {
    if (const int row = downloadRow(id); row >= 0)
        removeRow(row);
}

void TransfersModel::clearFinished() {
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const Row& existing = m_rows[row];
        if (existing.download && (existing.status.state == DownloadState::Finished ||
                                  existing.status.state == DownloadState::Failed))
            removeRow(row);
    }
}

void TransfersModel::removeRow(int row) {
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

int TransfersModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TransfersModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString TransfersModel::stateText(const Row& row) const {
    if (!row.download)
        return tr("Uploading to %n peer(s)", nullptr, row.peers);
    switch (row.status.state) {
    case DownloadState::FindingSources:
        return tr("Looking for sources");
    case DownloadState::Downloading:
        return tr("Downloading");
    case DownloadState::Paused:
        return tr("Paused");
    case DownloadState::Checking:
        return tr("Checking what was downloaded before");
    case DownloadState::Finished:
        return tr("Finished");
    case DownloadState::Failed:
        return tr("Failed: %1").arg(row.status.error);
    }
    return {};
}

QVariant TransfersModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows[index.row()];
    const transfer::DownloadStatus& status = row.status;
    const bool active = row.download && status.state == DownloadState::Downloading;
    const qint64 eta =
        active && status.rate > 0 ? (status.total - status.done + status.rate - 1) / status.rate : -1;
    const int progress = !row.download                             ? -1
                         : status.state == DownloadState::Finished ? 100
                         : status.total > 0                        ? int(status.done * 100 / status.total)
                                                                   : 0;
    switch (role) {
    case IsDownloadRole:
        return row.download;
    case PathRole:
        return status.path;
    case ProgressRole:
        return progress;
    case SortRole:
        switch (index.column()) {
        case Name:
            return row.name().toCaseFolded();
        case Progress:
            return progress;
        case Size:
            return status.total;
        case Rate:
            return row.rate();
        case Eta:
            return eta < 0 ? std::numeric_limits<qint64>::max() : eta;
        case Peers:
            return row.peers;
        case State:
            return stateText(row);
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return row.name();
        case Progress:
            return row.download ? tr("%1%").arg(progress)
                                : tr("%1 sent").arg(formatSize(row.upload.uploaded));
        case Size:
            return status.total > 0 ? formatSize(status.total) : QString();
        case Rate:
            return active || !row.download ? formatRate(row.rate()) : QString();
        case Eta:
            return active ? formatDuration(eta) : QString();
        case Peers:
            return row.peers;
        case State:
            return stateText(row);
        default:
            return {};
        }
    case Qt::DecorationRole:
        return {};
    case Qt::ToolTipRole:
        if (row.download && status.state == DownloadState::Finished)
            return QDir::toNativeSeparators(status.path);
        return stateText(row);
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Rate || index.column() == Eta ||
            index.column() == Peers)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant TransfersModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Progress:
        return tr("Progress");
    case Size:
        return tr("Size");
    case Rate:
        return tr("Rate");
    case Eta:
        return tr("Time left");
    case Peers:
        return tr("Peers");
    case State:
        return tr("State");
    default:
        return {};
    }
}

} // namespace ringshare::ui
