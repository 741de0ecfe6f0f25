// The Transfers view: downloads and uploads, their buttons, and the rate graph.
#pragma once

#include "share/contentid.h"

#include <QWidget>

class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace ringshare::session {
class Session;
}

namespace ringshare::ui {

class RateGraph;
class TransfersModel;

// The Transfers view: downloads and uploads with progress, rate, time left and sources; pause, resume,
// cancel, open; and a graph of the last two minutes' rates.
class TransfersPage final : public QWidget {
    Q_OBJECT

public:
    explicit TransfersPage(session::Session& session, QWidget* parent = nullptr);

    void pauseSelected();
    void resumeSelected();
    void cancelSelected();
    void pauseAll();
    void resumeAll();
    // Reads the upload list and the rates now (the page does so once a second).
    void sample();

    [[nodiscard]] TransfersModel& model() const { return *m_model; }
    [[nodiscard]] QTreeView* view() const { return m_view; }
    [[nodiscard]] RateGraph* graph() const { return m_graph; }

Q_SIGNALS:
    void message(const QString& text, bool isError);

private:
    void openFile();
    void openFolder();
    void updateActions();
    [[nodiscard]] QList<share::ContentId> selectedDownloads() const;
    [[nodiscard]] QString selectedPath() const;

    session::Session& m_session;
    TransfersModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    RateGraph* m_graph = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_openFile = nullptr;
    QPushButton* m_openFolder = nullptr;
    QPushButton* m_clear = nullptr;
};

} // namespace ringshare::ui
