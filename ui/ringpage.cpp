// The Ring view page: wiring the session's ring watcher to the diagram, the details text, lookup routes.
#include "ui/ringpage.h"

#include "session/ringwatcher.h"
#include "session/session.h"
#include "ui/reachabilitytext.h"
#include "ui/ringview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>

namespace ringshare::ui {

RingPage::RingPage(session::Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* layout = new QHBoxLayout(this);
    m_view = new RingView(this);
    m_view->setObjectName(QStringLiteral("ringView"));
    layout->addWidget(m_view, 1);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("ringDetails"));
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setMinimumWidth(220);
    m_details->setMaximumWidth(300);
    layout->addWidget(m_details);

    m_observer = session.watchRing();
    Q_ASSERT(m_observer); // the window is made for a started session
    connect(m_observer.get(), &session::RingWatcher::snapshotChanged, m_view, &RingView::setSnapshot);
    connect(m_observer.get(), &session::RingWatcher::snapshotChanged, this, &RingPage::updateDetails);
    m_view->setSnapshot(m_observer->snapshot());
    connect(&session, &session::Session::reachabilityChanged, this, &RingPage::updateDetails);
    m_hopTimer.setInterval(350);
    connect(&m_hopTimer, &QTimer::timeout, this, &RingPage::revealNextHop);
    updateDetails();
}

RingPage::~RingPage() = default;

void RingPage::showLookup(const NodeId& key) {
    QPointer<RingPage> self(this);
    m_session.traceLookup(key, [self](const QList<NodeId>& route) {
        if (!self)
            return;
        self->m_path = route;
        self->m_revealed = 0;
        self->m_hopTimer.start();
        self->revealNextHop();
    });
}

void RingPage::revealNextHop() {
    if (m_revealed >= m_path.size()) {
        m_hopTimer.stop();
        return;
    }
    ++m_revealed;
    m_view->showLookupPath(m_path.mid(0, m_revealed));
}

void RingPage::updateDetails() {
    const RingSnapshot& snapshot = m_observer->snapshot();
    QString state;
    switch (m_session.ringState()) {
    case session::RingState::Offline:
        state = tr("Not on a ring");
        break;
    case session::RingState::Joining:
        state = tr("Joining…");
        break;
    case session::RingState::Leaving:
        state = tr("Leaving…");
        break;
    case session::RingState::Joined:
        state = snapshot.successors.isEmpty() && !snapshot.predecessor ? tr("Alone, waiting for peers")
                                                                       : tr("On the ring");
        break;
    }
    const int size = m_observer->estimatedSize();
    const QString ringSize = m_observer->sizeIsExact()
                                 ? tr("%n node(s), all shown", nullptr, size)
                                 : tr("about %n node(s); showing those this node knows", nullptr, size);
    const auto line = [](const QString& label, const QString& value) {
        return QStringLiteral("<b>%1</b><br>%2<br><br>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html;
    html += line(tr("This node"), snapshot.self.toHex().left(16) + QStringLiteral("…"));
    html += line(tr("Address"), snapshot.selfAddress);
    html += line(tr("State"), state);
    if (m_session.ringState() == session::RingState::Joined) {
        const session::ReachabilityReport reachability = m_session.reachability();
        html += line(tr("Reachability"), ReachabilityText::summary(reachability));
        html += QStringLiteral("<small>%1</small><br><br>")
                    .arg(ReachabilityText::explanation(reachability, m_session.port()).toHtmlEscaped());
        const QString role =
            reachability.role == session::RingRole::Member
                ? tr("Member: holds keys for the ring")
                : (reachability.rendezvous
                       ? tr("Client: reaches the ring through %1").arg(reachability.rendezvous->toString())
                       : tr("Client: reaches the ring through a member"));
        html += line(tr("Role"), role);
    }
    if (size > 0)
        html += line(tr("Ring"), ringSize);
    html += line(tr("Predecessor"), snapshot.predecessor ? snapshot.predecessor->address : tr("none"));
    html += line(tr("Successors"), QString::number(snapshot.successors.size()));
    html += line(tr("Shortcuts (fingers)"), QString::number(snapshot.fingers.size()));
    html += line(tr("Keys held here"), QString::number(m_session.keysHeld()));
    m_details->setText(html);
}

} // namespace ringshare::ui
