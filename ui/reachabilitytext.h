// What the status bar and the Ring view say about whether peers can reach this node: a short line, and
// why it is so and what the user can do about it.
#pragma once

#include "session/reachabilityreport.h"

#include <QCoreApplication>
#include <QString>

namespace ringshare::ui {

class ReachabilityText final {
    Q_DECLARE_TR_FUNCTIONS(ringshare::ui::ReachabilityText)

public:
    // "Reachable: UPnP mapping 203.0.113.21:41000", "Behind NAT: others cannot connect to you", …
    [[nodiscard]] static QString summary(const session::ReachabilityReport& report);
    // A few sentences: what the state means for sharing, and what to change when it is not reachable.
    // `port`: the node's port, for the user's own port-forwarding rule.
    [[nodiscard]] static QString explanation(const session::ReachabilityReport& report, quint16 port);
};

} // namespace ringshare::ui
