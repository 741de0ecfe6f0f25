#include "ui/ringpage.h"

#include "dht/chordnode.h"
#include "ui/ringobserver.h"
#include "ui/ringview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>

namespace ringshare::ui {

RingPage::RingPage(dht::ChordNode& node, QWidget* parent) : QWidget(parent), m_node(node) {
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

    m_observer = new RingObserver(node, this);
    connect(m_observer, &RingObserver::snapshotChanged, m_view, &RingView::setSnapshot);
    connect(m_observer, &RingObserver::snapshotChanged, this, &RingPage::updateDetails);
    m_view->setSnapshot(m_observer->snapshot());
    m_hopTimer.setInterval(350);
    connect(&m_hopTimer, &QTimer::timeout, this, &RingPage::revealNextHop);
    updateDetails();
}

void RingPage::showLookup(const NodeId& key) {
    if (!m_node.isJoined())
        return;
    QPointer<RingPage> self(this);
    m_node.lookup(key, [self](const dht::LookupResult& result) {
        if (!self)
            return;
        self->m_path.clear();
        for (const dht::NodeRef& hop : result.path)
            self->m_path << hop.id;
        // The owner answers last when routing ended next to it; make sure the route ends there.
        if (result.found && (self->m_path.isEmpty() || self->m_path.last() != result.owner.id))
            self->m_path << result.owner.id;
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
    switch (m_node.state()) {
    case dht::ChordNode::State::Idle:
    case dht::ChordNode::State::Left:
        state = tr("Not on a ring");
        break;
    case dht::ChordNode::State::Joining:
        state = tr("Joining…");
        break;
    case dht::ChordNode::State::Leaving:
        state = tr("Leaving…");
        break;
    case dht::ChordNode::State::Joined:
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
    if (size > 0)
        html += line(tr("Ring"), ringSize);
    html += line(tr("Predecessor"), snapshot.predecessor ? snapshot.predecessor->address : tr("none"));
    html += line(tr("Successors"), QString::number(snapshot.successors.size()));
    html += line(tr("Shortcuts (fingers)"), QString::number(snapshot.fingers.size()));
    html += line(tr("Keys held here"), QString::number(m_node.store().keyCount()));
    m_details->setText(html);
}

} // namespace ringshare::ui
