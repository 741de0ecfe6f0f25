// The Shared view: what this node shares, with hashing progress and keyword records.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedLayout;
class QTreeView;

namespace ringshare::session {
class Session;
}

namespace ringshare::ui {

class SharedModel;

// The Shared view: what this node shares, with hashing progress and the keyword records published.
class SharedPage final : public QWidget {
    Q_OBJECT

public:
    explicit SharedPage(session::Session& session, QWidget* parent = nullptr);

    // Shares files and folders; problems are reported through message().
    void share(const QStringList& paths);
    void addFiles();
    void addFolder();

    [[nodiscard]] SharedModel& model() const { return *m_model; }
    [[nodiscard]] QTreeView* view() const { return m_view; }

Q_SIGNALS:
    void message(const QString& text, bool isError);

private:
    void removeSelected();
    void openFolder();
    void copyLink();
    void updateActions();
    [[nodiscard]] QList<int> selectedRows() const;

    session::Session& m_session;
    SharedModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QStackedLayout* m_stack = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_openFolder = nullptr;
    QPushButton* m_copyLink = nullptr;
};

} // namespace ringshare::ui
