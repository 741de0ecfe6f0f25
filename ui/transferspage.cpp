// The Transfers view: the table of downloads and uploads, its buttons, and the rate graph.
#include "ui/transferspage.h"

#include "session/session.h"
#include "ui/progressdelegate.h"
#include "ui/rategraph.h"
#include "ui/transfersmodel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace ringshare::ui {

using DownloadState = transfer::DownloadStatus::State;

TransfersPage::TransfersPage(session::Session& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    m_model = new TransfersModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TransfersModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    auto* buttons = new QHBoxLayout;
    m_pause = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-pause")), tr("&Pause"), this);
    m_resume = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Resume"), this);
    m_cancel = new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel"), this);
    m_openFile = new QPushButton(tr("Open &file"), this);
    m_openFolder = new QPushButton(tr("Open f&older"), this);
    m_clear = new QPushButton(tr("C&lear finished"), this);
    m_cancel->setToolTip(tr("Stop the download and delete what was fetched so far"));
    for (QPushButton* button : {m_pause, m_resume, m_cancel, m_openFile, m_openFolder})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(m_clear);
    layout->addLayout(buttons);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("transfersView"));
    m_view->setAccessibleName(tr("Transfers"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // arrival order until the user sorts
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setItemDelegateForColumn(TransfersModel::Progress,
                                     new ProgressDelegate(TransfersModel::ProgressRole, m_view));
    m_view->header()->resizeSection(TransfersModel::Name, 280);
    m_view->header()->resizeSection(TransfersModel::Progress, 150);
    for (const int column :
         {TransfersModel::Size, TransfersModel::Rate, TransfersModel::Eta, TransfersModel::Peers})
        m_view->header()->resizeSection(column, 90);
    layout->addWidget(m_view, 1);

    m_graph = new RateGraph(this);
    m_graph->setObjectName(QStringLiteral("rateGraph"));
    layout->addWidget(m_graph);

    connect(&session, &session::Session::downloadProgress, m_model, &TransfersModel::updateDownload);
    connect(&session, &session::Session::downloadFinished, this,
            [this](const share::ContentId& id, const QString& path) {
                const int row = m_model->downloadRow(id);
                transfer::DownloadStatus status =
                    row >= 0 ? m_model->rowAt(row).status : transfer::DownloadStatus{};
                status.id = id;
                status.state = DownloadState::Finished;
                status.done = status.total;
                status.rate = 0;
                status.path = path;
                if (status.name.isEmpty())
                    status.name = QFileInfo(path).fileName();
                m_model->updateDownload(status);
            });
    connect(&session, &session::Session::downloadFailed, this,
            [this](const share::ContentId& id, const QString& error) {
                const int row = m_model->downloadRow(id);
                transfer::DownloadStatus status =
                    row >= 0 ? m_model->rowAt(row).status : transfer::DownloadStatus{};
                status.id = id;
                status.state = DownloadState::Failed;
                status.rate = 0;
                status.error = error;
                m_model->updateDownload(status);
            });
    connect(&session, &session::Session::downloadCancelled, m_model, &TransfersModel::removeDownload);
    for (const transfer::DownloadStatus& status : session.downloads())
        m_model->updateDownload(status);

    connect(m_pause, &QPushButton::clicked, this, &TransfersPage::pauseSelected);
    connect(m_resume, &QPushButton::clicked, this, &TransfersPage::resumeSelected);
    connect(m_cancel, &QPushButton::clicked, this, &TransfersPage::cancelSelected);
    connect(m_openFile, &QPushButton::clicked, this, &TransfersPage::openFile);
    connect(m_openFolder, &QPushButton::clicked, this, &TransfersPage::openFolder);
    connect(m_clear, &QPushButton::clicked, m_model, &TransfersModel::clearFinished);
    connect(m_view, &QTreeView::activated, this, &TransfersPage::openFile);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TransfersPage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TransfersPage::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TransfersPage::updateActions);

    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &TransfersPage::sample);
    timer->start(1000);
    updateActions();
}

void TransfersPage::sample() {
    m_model->setUploads(m_session.uploads());
    m_graph->addSample(m_session.downloadRate(), m_session.uploadRate());
}

QList<share::ContentId> TransfersPage::selectedDownloads() const {
    QList<share::ContentId> ids;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const TransfersModel::Row& row = m_model->rowAt(m_proxy->mapToSource(index).row());
        if (row.download)
            ids << row.status.id;
    }
    return ids;
}

QString TransfersPage::selectedPath() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return {};
    const TransfersModel::Row& row = m_model->rowAt(m_proxy->mapToSource(rows.first()).row());
    if (!row.download || row.status.state != DownloadState::Finished)
        return {};
    return row.status.path;
}

void TransfersPage::updateActions() {
    bool canPause = false;
    bool canResume = false;
    bool any = false;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const TransfersModel::Row& row = m_model->rowAt(m_proxy->mapToSource(index).row());
        if (!row.download)
            continue;
        const DownloadState state = row.status.state;
        const bool running = state == DownloadState::Downloading || state == DownloadState::FindingSources ||
                             state == DownloadState::Checking;
        canPause |= running;
        canResume |= state == DownloadState::Paused;
        any |= running || state == DownloadState::Paused;
    }
    m_pause->setEnabled(canPause);
    m_resume->setEnabled(canResume);
    m_cancel->setEnabled(any);
    const bool finished = !selectedPath().isEmpty();
    m_openFile->setEnabled(finished);
    m_openFolder->setEnabled(finished);
}

void TransfersPage::pauseSelected() {
    for (const share::ContentId& id : selectedDownloads())
        m_session.pauseDownload(id);
}

void TransfersPage::resumeSelected() {
    for (const share::ContentId& id : selectedDownloads())
        m_session.resumeDownload(id);
}

void TransfersPage::cancelSelected() {
    QList<share::ContentId> ids;
    for (const share::ContentId& id : selectedDownloads()) {
        const int row = m_model->downloadRow(id);
        const DownloadState state = m_model->rowAt(row).status.state;
        if (state != DownloadState::Finished && state != DownloadState::Failed)
            ids << id;
    }
    if (ids.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Cancel downloads"),
        tr("Cancel %n download(s) and delete what was fetched so far?", nullptr, int(ids.size())));
    if (answer != QMessageBox::Yes)
        return;
    for (const share::ContentId& id : std::as_const(ids))
        m_session.cancelDownload(id);
}

void TransfersPage::pauseAll() {
    for (const transfer::DownloadStatus& status : m_session.downloads())
        if (status.state == DownloadState::Downloading || status.state == DownloadState::FindingSources ||
            status.state == DownloadState::Checking)
            m_session.pauseDownload(status.id);
}

void TransfersPage::resumeAll() {
    for (const transfer::DownloadStatus& status : m_session.downloads())
        if (status.state == DownloadState::Paused)
            m_session.resumeDownload(status.id);
}

void TransfersPage::openFile() {
    const QString path = selectedPath();
    if (!path.isEmpty() && !QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        Q_EMIT message(tr("No program is set up to open %1.").arg(QDir::toNativeSeparators(path)), true);
}

void TransfersPage::openFolder() {
    const QString path = selectedPath();
    if (!path.isEmpty() && !QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).path())))
        Q_EMIT message(tr("No program is set up to open folders."), true);
}

} // namespace ringshare::ui
