#include "ui/mainwindow.h"

#include "base/version.h"
#include "ui/appicon.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

namespace ringshare::ui {

MainWindow::MainWindow(const QString& nodeIdHex, QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QString::fromLatin1(kApplicationName));
    setWindowIcon(appIcon());
    setMinimumSize(640, 420);
    resize(960, 640);

    auto* welcome = new QWidget(this);
    auto* layout = new QVBoxLayout(welcome);
    layout->addStretch();
    auto* logo = new QLabel(welcome);
    logo->setPixmap(appIcon().pixmap(96, 96));
    logo->setAlignment(Qt::AlignCenter);
    layout->addWidget(logo);
    auto* title = new QLabel(QString::fromLatin1(kApplicationName), welcome);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto* hint = new QLabel(tr("Share files with everyone on your ring, directly and securely."), welcome);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addStretch();
    setCentralWidget(welcome);

    createMenus();
    createStatusBar(nodeIdHex);
}

QString MainWindow::nodeIdText() const {
    return m_nodeIdLabel->text();
}

void MainWindow::createMenus() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About Ringshare"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar(const QString& nodeIdHex) {
    m_connectionLabel = new QLabel(tr("Not connected"), this);
    statusBar()->addWidget(m_connectionLabel);

    m_nodeIdLabel = new QLabel(tr("Node %1").arg(nodeIdHex.left(8)), this);
    m_nodeIdLabel->setToolTip(tr("Your node ID (your place on the ring):\n%1").arg(nodeIdHex));
    m_nodeIdLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nodeIdLabel->setObjectName(QStringLiteral("nodeIdLabel"));
    statusBar()->addPermanentWidget(m_nodeIdLabel);
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
