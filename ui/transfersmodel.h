// The Transfers table model: one row per download or upload, from the session's status rows.
#pragma once

#include "share/contentid.h"
#include "transfer/transferstatus.h"

#include <QAbstractTableModel>
#include <QHash>

namespace ringshare::ui {

// Downloads and uploads as one table. Downloads stay listed after they finish or fail (until cleared);
// uploads are listed while peers are fetching from us.
class TransfersModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Progress, Size, Rate, Eta, Peers, State, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, ProgressRole, IsDownloadRole, PathRole };

    // A download (status) or an upload (upload); the other half is left empty.
    struct Row {
        bool download = true;
        transfer::DownloadStatus status;
        transfer::UploadStatus upload;
        int peers = 0;

        [[nodiscard]] const share::ContentId& id() const { return download ? status.id : upload.id; }
        [[nodiscard]] const QString& name() const { return download ? status.name : upload.name; }
        [[nodiscard]] qint64 rate() const { return download ? status.rate : upload.rate; }
    };

    explicit TransfersModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void updateDownload(const transfer::DownloadStatus& status);
    void setUploads(const QList<transfer::UploadStatus>& uploads);
    void removeDownload(const share::ContentId& id);
    // Forgets finished, failed and cancelled downloads.
    void clearFinished();

    [[nodiscard]] const Row& rowAt(int row) const { return m_rows.at(row); }
    [[nodiscard]] int downloadRow(const share::ContentId& id) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void removeRow(int row);
    [[nodiscard]] QString stateText(const Row& row) const;

    QList<Row> m_rows;
};

} // namespace ringshare::ui
