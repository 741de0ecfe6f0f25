// The Shared table model: one row per shared file, from the session's SharedFileRows.
#pragma once

#include "session/sharedfilerow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

namespace ringshare::session {
class Session;
}

namespace ringshare::ui {

// The shared files as a table: one row per file, kept in step with the session's sharing signals. Hashing
// progress updates the row in place; rows come and go without resetting the view, so selection survives.
class SharedModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Size, State, Records, Folder, ColumnCount };
    // Data roles beyond Qt's: the file's absolute path, its shared root, its content id (hex), progress
    // in [0, 100] while hashing (-1 otherwise).
    enum Role { PathRole = Qt::UserRole + 1, RootRole, ContentIdRole, ProgressRole, SortRole };

    explicit SharedModel(session::Session& session, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    [[nodiscard]] const session::SharedFileRow& fileAt(int row) const { return m_rows.at(row); }
    // Reads the shared files again (there is no signal for files merely queued).
    void refresh();

private:
    void scheduleRefresh();

    session::Session& m_session;
    QList<session::SharedFileRow> m_rows;
    QHash<QString, int> m_rowOf; // path -> row
    QTimer m_refreshTimer;
};

} // namespace ringshare::ui
