// The Settings dialog's fields and its live list of problems.
#include "ui/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ringshare::ui {

namespace {

QSpinBox* limitField(qint64 value, QWidget* parent) {
    auto* field = new QSpinBox(parent);
    field->setRange(0, int(AppSettings::kMaxLimitKiB));
    field->setSuffix(SettingsDialog::tr(" KiB/s"));
    field->setSpecialValueText(SettingsDialog::tr("Unlimited"));
    field->setValue(int(value));
    field->setAccelerated(true);
    return field;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings& settings, const QStringList& shares, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Ringshare Settings"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Chosen once, then kept"));
    m_port->setValue(settings.port);
    m_port->setToolTip(tr("The UDP and TCP port other peers reach this node on. Needs a restart. Left at 0, "
                          "a port is drawn on the first start and kept from then on."));
    form->addRow(tr("&Port:"), m_port);

    m_bootstrap = new QPlainTextEdit(settings.bootstrap.join(QLatin1Char('\n')), this);
    m_bootstrap->setPlaceholderText(tr("One node per line, e.g. seed.example.org:4000 or 192.0.2.7:4000"));
    m_bootstrap->setTabChangesFocus(true);
    m_bootstrap->setFixedHeight(m_bootstrap->fontMetrics().lineSpacing() * 5);
    m_bootstrap->setToolTip(tr("Nodes to join the ring through. New ones are contacted at once."));
    form->addRow(tr("&Bootstrap nodes:"), m_bootstrap);

    m_lan = new QCheckBox(tr("Find peers on the &local network"), this);
    m_lan->setChecked(settings.lan);
    form->addRow(QString(), m_lan);

    m_portMapping = new QCheckBox(tr("Ask the router to &forward my port (UPnP / NAT-PMP)"), this);
    m_portMapping->setChecked(settings.portMapping);
    m_portMapping->setToolTip(
        tr("Lets people on the internet reach this computer through a home router that allows it."));
    form->addRow(QString(), m_portMapping);

    auto* folderRow = new QHBoxLayout;
    m_downloadDir = new QLineEdit(settings.effectiveDownloadDir(), this);
    m_downloadDir->setAccessibleName(tr("Download folder"));
    auto* browse = new QPushButton(tr("Bro&wse…"), this);
    folderRow->addWidget(m_downloadDir, 1);
    folderRow->addWidget(browse);
    auto* folderLabel = new QLabel(tr("&Download folder:"), this);
    folderLabel->setBuddy(m_downloadDir);
    form->addRow(folderLabel, folderRow);

    auto* sharesRow = new QHBoxLayout;
    m_shares = new QListWidget(this);
    m_shares->setAccessibleName(tr("Shared files and folders"));
    m_shares->setFixedHeight(m_shares->fontMetrics().lineSpacing() * 6);
    for (const QString& share : shares)
        m_shares->addItem(QDir::toNativeSeparators(share));
    auto* shareButtons = new QVBoxLayout;
    auto* addShare = new QPushButton(tr("&Add folder…"), this);
    auto* removeShare = new QPushButton(tr("&Remove"), this);
    shareButtons->addWidget(addShare);
    shareButtons->addWidget(removeShare);
    shareButtons->addStretch();
    sharesRow->addWidget(m_shares, 1);
    sharesRow->addLayout(shareButtons);
    auto* sharesLabel = new QLabel(tr("S&hared folders:"), this);
    sharesLabel->setBuddy(m_shares);
    form->addRow(sharesLabel, sharesRow);
    connect(addShare, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Share a folder"));
        if (!folder.isEmpty() &&
            m_shares->findItems(QDir::toNativeSeparators(folder), Qt::MatchExactly).isEmpty())
            m_shares->addItem(QDir::toNativeSeparators(folder));
    });
    connect(removeShare, &QPushButton::clicked, this, [this] { delete m_shares->currentItem(); });

    m_downloadLimit = limitField(settings.downloadLimitKiB, this);
    form->addRow(tr("Download &limit:"), m_downloadLimit);
    m_uploadLimit = limitField(settings.uploadLimitKiB, this);
    form->addRow(tr("&Upload limit:"), m_uploadLimit);

    m_language = new QComboBox(this);
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.language)));
    m_language->setToolTip(tr("Takes effect when Ringshare starts again."));
    form->addRow(tr("La&nguage:"), m_language);

    m_closeToTray = new QCheckBox(tr("Closing the window keeps Ringshare running in the &tray"), this);
    m_closeToTray->setChecked(settings.closeToTray);
    form->addRow(QString(), m_closeToTray);
    layout->addLayout(form);

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("settingsProblems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #c0392b"));
    layout->addWidget(m_problems);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Download folder"), m_downloadDir->text());
        if (!folder.isEmpty())
            m_downloadDir->setText(QDir::toNativeSeparators(folder));
    });
    connect(m_port, &QSpinBox::valueChanged, this, &SettingsDialog::validate);
    connect(m_bootstrap, &QPlainTextEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_downloadDir, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    validate();
}

AppSettings SettingsDialog::settings() const {
    AppSettings result;
    result.port = quint16(m_port->value());
    for (const QString& line : m_bootstrap->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            result.bootstrap << line.trimmed();
    result.lan = m_lan->isChecked();
    result.portMapping = m_portMapping->isChecked();
    result.downloadDir = QDir::fromNativeSeparators(m_downloadDir->text().trimmed());
    result.uploadLimitKiB = m_uploadLimit->value();
    result.downloadLimitKiB = m_downloadLimit->value();
    result.language = m_language->currentData().toString();
    result.closeToTray = m_closeToTray->isChecked();
    return result;
}

QStringList SettingsDialog::shares() const {
    QStringList result;
    for (int row = 0; row < m_shares->count(); ++row)
        result << QDir::fromNativeSeparators(m_shares->item(row)->text());
    return result;
}

void SettingsDialog::validate() {
    const QStringList found = problems();
    m_problems->setText(found.join(QLatin1Char('\n')));
    m_problems->setVisible(!found.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(found.isEmpty());
}

} // namespace ringshare::ui
