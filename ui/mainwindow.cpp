// The application window: sidebar and pages, message bar, status bar, menus, tray, settings and drops.
#include "ui/mainwindow.h"

#include "base/version.h"
#include "session/ringwatcher.h"
#include "session/session.h"
#include "ui/appicon.h"
#include "ui/format.h"
#include "ui/reachabilitytext.h"
#include "ui/ringpage.h"
#include "ui/searchpage.h"
#include "ui/settingsdialog.h"
#include "ui/sharedpage.h"
#include "ui/transferspage.h"
#include "ui/viewicons.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace ringshare::ui {

namespace {

// The text of a dropped or pasted ringshare: link, if that is what `mime` holds.
std::optional<share::Link> linkIn(const QMimeData* mime) {
    if (!mime->hasText())
        return std::nullopt;
    const QString text = mime->text().trimmed();
    if (!text.startsWith(QLatin1String("ringshare:"), Qt::CaseInsensitive))
        return std::nullopt;
    auto link = share::Link::parse(text);
    return link ? std::optional<share::Link>(link.value()) : std::nullopt;
}

QStringList localPathsIn(const QMimeData* mime) {
    QStringList paths;
    if (!mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

} // namespace

MainWindow::MainWindow(session::Session& session, AppSettings settings, QWidget* parent)
    : QMainWindow(parent), m_session(session), m_settings(std::move(settings)) {
    setWindowTitle(QString::fromLatin1(kApplicationName));
    setWindowIcon(appIcon());
    setMinimumSize(720, 480);
    setAcceptDrops(true);

    auto* central = new QWidget(this);
    auto* outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    // The message bar: errors stay until dismissed, news goes away by itself.
    m_messageBar = new QWidget(central);
    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    m_messageBar->setAutoFillBackground(true);
    auto* barLayout = new QHBoxLayout(m_messageBar);
    barLayout->setContentsMargins(10, 6, 6, 6);
    m_messageLabel = new QLabel(m_messageBar);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* dismiss = new QToolButton(m_messageBar);
    dismiss->setText(QStringLiteral("✕"));
    dismiss->setAutoRaise(true);
    dismiss->setAccessibleName(tr("Dismiss message"));
    dismiss->setToolTip(tr("Dismiss"));
    barLayout->addWidget(m_messageLabel, 1);
    barLayout->addWidget(dismiss);
    m_messageBar->hide();
    outer->addWidget(m_messageBar);
    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    connect(m_messageTimer, &QTimer::timeout, m_messageBar, &QWidget::hide);
    connect(dismiss, &QToolButton::clicked, m_messageBar, &QWidget::hide);

    auto* body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    m_sidebar = new QListWidget(central);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setAccessibleName(tr("Views"));
    m_sidebar->setIconSize(QSize(24, 24));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setSpacing(2);
    const struct {
        QString text;
        ViewIcon icon;
        QString tip;
    } views[] = {
        {tr("Shared"), ViewIcon::Shared, tr("Files you share (Ctrl+1)")},
        {tr("Search"), ViewIcon::Search, tr("Find files by name (Ctrl+2)")},
        {tr("Transfers"), ViewIcon::Transfers, tr("Downloads and uploads (Ctrl+3)")},
        {tr("Ring"), ViewIcon::Ring, tr("The live ring of peers (Ctrl+4)")},
    };
    int widest = 0;
    for (const auto& view : views) {
        auto* item = new QListWidgetItem(viewIcon(view.icon, palette()), view.text, m_sidebar);
        item->setToolTip(view.tip);
        item->setSizeHint(QSize(0, 40));
        widest = std::max(widest, fontMetrics().horizontalAdvance(view.text));
    }
    m_sidebar->setFixedWidth(widest + 80);
    body->addWidget(m_sidebar);

    m_pages = new QStackedWidget(central);
    m_shared = new SharedPage(session, m_pages);
    m_search = new SearchPage(session, m_pages);
    m_transfers = new TransfersPage(session, m_pages);
    m_ring = new RingPage(session, m_pages);
    for (QWidget* page : {static_cast<QWidget*>(m_shared), static_cast<QWidget*>(m_search),
                          static_cast<QWidget*>(m_transfers), static_cast<QWidget*>(m_ring)})
        m_pages->addWidget(page);
    body->addWidget(m_pages, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    connect(m_shared, &SharedPage::message, this, &MainWindow::showMessage);
    connect(m_search, &SearchPage::message, this, &MainWindow::showMessage);
    connect(m_transfers, &TransfersPage::message, this, &MainWindow::showMessage);
    connect(m_search, &SearchPage::downloadRequested, this, &MainWindow::startDownload);
    connect(m_search, &SearchPage::searchStarted, m_ring, &RingPage::showLookup);

    connect(&session, &session::Session::warning, this,
            [this](const QString& text) { showMessage(text, true); });
    connect(&session, &session::Session::bootstrapUnanswered, this, [this] {
        showMessage(tr("No bootstrap node has answered, so Ringshare is not on a ring yet. It keeps trying; "
                       "check the network connection and the bootstrap nodes in Settings."),
                    true);
    });
    connect(&session, &session::Session::downloadFinished, this,
            [this](const share::ContentId&, const QString& path) {
                notify(tr("Download finished"), tr("%1 is ready.").arg(QFileInfo(path).fileName()));
            });
    connect(&session, &session::Session::downloadFailed, this,
            [this](const share::ContentId&, const QString& error) {
                showMessage(tr("A download failed: %1").arg(error), true);
            });
    connect(&session, &session::Session::peerDropped, this, [this](const NodeId&, const QString& reason) {
        showMessage(tr("A peer was disconnected: %1").arg(reason), false);
    });

    createMenus();
    createStatusBar();
    createTray();
    restoreWindowState();

    auto* statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    connect(m_ring->observer(), &session::RingWatcher::snapshotChanged, this, &MainWindow::updateStatus);
    connect(&session, &session::Session::reachabilityChanged, this, &MainWindow::updateStatus);
    statusTimer->start(1000);
    updateStatus();
}

MainWindow::~MainWindow() {
    saveWindowState();
}

void MainWindow::setView(View view) {
    m_sidebar->setCurrentRow(int(view));
}

MainWindow::View MainWindow::view() const {
    return View(m_pages->currentIndex());
}

void MainWindow::share(const QStringList& paths) {
    setView(View::Shared);
    m_shared->share(paths);
}

void MainWindow::startDownload(const share::Link& link) {
    const QString name = link.name.isEmpty() ? link.id.shortHex() : link.name;
    if (auto started = m_session.download(link); !started) {
        showMessage(tr("Cannot download %1: %2").arg(name, started.error()), true);
        return;
    }
    showMessage(tr("Downloading %1. It appears under Transfers.").arg(name), false);
}

void MainWindow::showMessage(const QString& text, bool isError) {
    m_messageLabel->setText(text);
    QPalette pal = m_messageBar->palette();
    pal.setColor(QPalette::Window, isError ? QColor(0xfd, 0xe2, 0xe0) : QColor(0xe3, 0xf0, 0xfb));
    pal.setColor(QPalette::WindowText, isError ? QColor(0x8b, 0x1a, 0x10) : QColor(0x10, 0x3a, 0x5e));
    m_messageBar->setPalette(pal);
    m_messageLabel->setPalette(pal);
    m_messageBar->setAccessibleDescription(text);
    m_messageBar->show();
    if (isError)
        m_messageTimer->stop();
    else
        m_messageTimer->start(8000);
}

QString MainWindow::messageText() const {
    return m_messageBar->isVisible() ? m_messageLabel->text() : QString();
}

QString MainWindow::connectionText() const {
    return m_connectionLabel->text();
}

QString MainWindow::reachabilityText() const {
    return m_reachabilityLabel->text();
}

QString MainWindow::reachabilityToolTip() const {
    return m_reachabilityLabel->toolTip();
}

QString MainWindow::nodeIdText() const {
    return m_nodeIdLabel->text();
}

void MainWindow::createMenus() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* addFiles = fileMenu->addAction(tr("Share &Files…"), m_shared, &SharedPage::addFiles);
    addFiles->setShortcut(QKeySequence::Open);
    QAction* addFolder = fileMenu->addAction(tr("Share F&older…"), m_shared, &SharedPage::addFolder);
    addFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction* openLink = fileMenu->addAction(tr("Open &Link…"), this, &MainWindow::openLinkDialog);
    openLink->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    fileMenu->addSeparator();
    QAction* settings = fileMenu->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    // The platform's own Preferences key where it has one, and Ctrl+, everywhere.
    QList<QKeySequence> settingsKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!settingsKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)))
        settingsKeys << QKeySequence(Qt::CTRL | Qt::Key_Comma);
    settings->setShortcuts(settingsKeys);
    settings->setMenuRole(QAction::PreferencesRole);
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &MainWindow::quit);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    const QString names[] = {tr("&Shared"), tr("S&earch"), tr("&Transfers"), tr("&Ring")};
    for (int i = 0; i < 4; ++i) {
        QAction* action = viewMenu->addAction(names[i], this, [this, i] { setView(View(i)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    viewMenu->addSeparator();
    QAction* find = viewMenu->addAction(tr("&Find…"), this, [this] {
        setView(View::Search);
        m_search->focusSearchField();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu* transfersMenu = menuBar()->addMenu(tr("&Transfers"));
    m_pauseAll = transfersMenu->addAction(tr("&Pause All Downloads"));
    m_pauseAll->setCheckable(true);
    connect(m_pauseAll, &QAction::toggled, this, &MainWindow::setPausedAll);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About Ringshare"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar() {
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addWidget(m_connectionLabel);
    m_reachabilityLabel = new QLabel(this);
    m_reachabilityLabel->setObjectName(QStringLiteral("reachabilityLabel"));
    statusBar()->addWidget(m_reachabilityLabel);
    m_peersLabel = new QLabel(this);
    m_peersLabel->setObjectName(QStringLiteral("peersLabel"));
    statusBar()->addPermanentWidget(m_peersLabel);
    m_ratesLabel = new QLabel(this);
    m_ratesLabel->setObjectName(QStringLiteral("ratesLabel"));
    statusBar()->addPermanentWidget(m_ratesLabel);
    const QString nodeIdHex = m_session.id().toHex();
    m_nodeIdLabel = new QLabel(tr("Node %1").arg(nodeIdHex.left(8)), this);
    m_nodeIdLabel->setToolTip(tr("Your node ID (your place on the ring):\n%1").arg(nodeIdHex));
    m_nodeIdLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nodeIdLabel->setObjectName(QStringLiteral("nodeIdLabel"));
    statusBar()->addPermanentWidget(m_nodeIdLabel);
}

void MainWindow::createTray() {
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(appIcon(), this);
    m_tray->setToolTip(QString::fromLatin1(kApplicationName));
    auto* menu = new QMenu(this);
    menu->addAction(tr("&Show or Hide Ringshare"), this, [this] {
        setVisible(!isVisible());
        if (isVisible()) {
            raise();
            activateWindow();
        }
    });
    menu->addAction(m_pauseAll);
    menu->addSeparator();
    menu->addAction(tr("&Quit"), this, &MainWindow::quit);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger) {
            setVisible(!isVisible());
            if (isVisible())
                activateWindow();
        }
    });
    m_tray->show();
}

void MainWindow::updateStatus() {
    const session::RingWatcher& observer = *m_ring->observer();
    QString state;
    switch (m_session.ringState()) {
    case session::RingState::Offline:
        state = tr("Offline");
        break;
    case session::RingState::Joining:
        state = tr("Connecting…");
        break;
    case session::RingState::Leaving:
        state = tr("Leaving the ring…");
        break;
    case session::RingState::Joined:
        if (m_session.isAlone())
            state = tr("Alone: waiting for peers");
        else if (observer.sizeIsExact())
            state = tr("On a ring of %n node(s)", nullptr, observer.estimatedSize());
        else
            state = tr("On a ring of about %n node(s)", nullptr, observer.estimatedSize());
        break;
    }
    m_connectionLabel->setText(state);
    const bool onRing = m_session.ringState() == session::RingState::Joined;
    m_reachabilityLabel->setVisible(onRing);
    if (onRing) {
        const session::ReachabilityReport reachability = m_session.reachability();
        m_reachabilityLabel->setText(ReachabilityText::summary(reachability));
        m_reachabilityLabel->setToolTip(ReachabilityText::explanation(reachability, m_session.port()));
    }
    const session::RingSnapshot& snapshot = observer.snapshot();
    QSet<NodeId> distinct;
    for (const QList<session::RingNode>* nodes : {&snapshot.successors, &snapshot.fingers, &snapshot.known})
        for (const session::RingNode& node : *nodes)
            distinct.insert(node.id);
    if (snapshot.predecessor)
        distinct.insert(snapshot.predecessor->id);
    const int peers = int(distinct.size());
    m_peersLabel->setText(tr("%n peer(s) known", nullptr, peers));
    const qint64 down = m_session.downloadRate();
    const qint64 up = m_session.uploadRate();
    m_ratesLabel->setText(tr("↓ %1  ↑ %2").arg(formatRate(down), formatRate(up)));
    m_ratesLabel->setAccessibleName(tr("Download %1, upload %2").arg(formatRate(down), formatRate(up)));
}

void MainWindow::notify(const QString& title, const QString& text) {
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, appIcon());
    showMessage(text, false);
    Q_EMIT notified(title, text);
}

void MainWindow::setPausedAll(bool paused) {
    if (paused)
        m_transfers->pauseAll();
    else
        m_transfers->resumeAll();
}

void MainWindow::openSettings() {
    const QStringList sharesBefore = m_session.sharedRoots();
    SettingsDialog dialog(m_settings, sharesBefore, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QStringList sharesAfter = dialog.shares();
    for (const QString& root : sharesBefore)
        if (!sharesAfter.contains(root))
            m_session.unshare(root);
    QStringList added;
    for (const QString& root : sharesAfter)
        if (!sharesBefore.contains(root))
            added << root;
    if (!added.isEmpty())
        m_shared->share(added);
    applySettings(dialog.settings());
}

void MainWindow::applySettings(const AppSettings& next) {
    if (!next.problems().isEmpty())
        return;
    const AppSettings before = std::exchange(m_settings, next);
    QSettings store;
    m_settings.save(store);
    m_session.setUploadLimit(m_settings.uploadLimitKiB * 1024);
    m_session.setDownloadLimit(m_settings.downloadLimitKiB * 1024);
    // New bootstrap nodes are knocked on now; a node already on the ring simply learns of them.
    for (const net::HostPort& node : m_settings.bootstrapNodes())
        if (!before.bootstrapNodes().contains(node))
            m_session.addContact(node);
    QStringList later;
    if (before.port != m_settings.port)
        later << tr("the port");
    if (before.lan != m_settings.lan)
        later << tr("local network discovery");
    if (before.portMapping != m_settings.portMapping)
        later << tr("port forwarding on the router");
    if (before.effectiveDownloadDir() != m_settings.effectiveDownloadDir())
        later << tr("the download folder");
    if (before.language != m_settings.language)
        later << tr("the language");
    if (!later.isEmpty())
        showMessage(tr("Settings saved. Changes to %1 take effect when Ringshare starts again.")
                        .arg(QLocale().createSeparatedList(later)),
                    false);
    else
        showMessage(tr("Settings saved and applied."), false);
}

void MainWindow::openLinkDialog() {
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Open Link"), tr("Paste a ringshare: link:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    auto link = share::Link::parse(text);
    if (!link) {
        showMessage(tr("This is not a valid ringshare: link: %1").arg(link.error()), true);
        return;
    }
    startDownload(link.value());
}

void MainWindow::quit() {
    if (m_quitting)
        return;
    m_quitting = true;
    saveWindowState();
    hide();
    if (m_tray)
        m_tray->hide();
    // Hand this node's keys over before going; the session gives up after a few seconds on a dead ring.
    m_session.stop([](bool) { QCoreApplication::quit(); });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveWindowState();
    if (m_quitting) {
        event->accept();
        return;
    }
    event->ignore();
    if (m_settings.closeToTray && m_tray && m_tray->isVisible())
        hide();
    else
        quit(); // leaves the ring properly first
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!localPathsIn(event->mimeData()).isEmpty() || linkIn(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    if (const auto link = linkIn(event->mimeData())) {
        event->acceptProposedAction();
        startDownload(*link);
        return;
    }
    const QStringList paths = localPathsIn(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    share(paths);
}

void MainWindow::restoreWindowState() {
    QSettings store;
    if (!restoreGeometry(store.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1024, 680);
    restoreState(store.value(QStringLiteral("window/state")).toByteArray());
    const int view = store.value(QStringLiteral("window/view"), 0).toInt();
    setView(View(view >= 0 && view < 4 ? view : 0));
}

void MainWindow::saveWindowState() const {
    QSettings store;
    store.setValue(QStringLiteral("window/geometry"), saveGeometry());
    store.setValue(QStringLiteral("window/state"), saveState());
    store.setValue(QStringLiteral("window/view"), int(view()));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Ringshare"),
                       tr("<h3>Ringshare %1</h3>"
                          "<p>Peer-to-peer file sharing: content is found through a Chord distributed hash "
                          "table and files move directly between peers over encrypted, authenticated "
                          "connections.</p>")
                           .arg(QString::fromLatin1(kVersion)));
}

} // namespace ringshare::ui
