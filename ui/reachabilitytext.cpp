// ReachabilityText: the reachability report in the user's words; see reachabilitytext.h.
#include "ui/reachabilitytext.h"

namespace ringshare::ui {

using dht::Reachability;
using session::ReachMethod;
using session::RingRole;

QString ReachabilityText::summary(const session::ReachabilityReport& report) {
    const QString endpoint = report.endpoint ? report.endpoint->toString() : QString();
    switch (report.state) {
    case Reachability::Reachable:
        switch (report.method) {
        case ReachMethod::Upnp:
            return tr("Reachable: UPnP mapping %1").arg(endpoint);
        case ReachMethod::NatPmp:
            return tr("Reachable: NAT-PMP mapping %1").arg(endpoint);
        case ReachMethod::Direct:
        case ReachMethod::None:
            return tr("Reachable at %1").arg(endpoint);
        }
        break;
    case Reachability::Checking:
        return tr("Checking whether peers can reach you…");
    case Reachability::Unreachable:
        return tr("Behind NAT: others cannot connect to you");
    case Reachability::Unknown:
        break;
    }
    return report.role == RingRole::Client ? tr("Behind NAT: not checked yet")
                                           : tr("Reachability not checked yet");
}

QString ReachabilityText::explanation(const session::ReachabilityReport& report, quint16 port) {
    switch (report.state) {
    case Reachability::Reachable:
        if (report.method == ReachMethod::Upnp || report.method == ReachMethod::NatPmp)
            return tr("Your router forwards port %1 to this computer because Ringshare asked it to. Peers "
                      "connected to it from outside, so you take a full part in the network: others can "
                      "download what you share.")
                .arg(report.endpoint ? report.endpoint->port : port);
        return tr("Peers connected to this computer from outside, so you take a full part in the network: "
                  "others can download what you share.");
    case Reachability::Checking:
        return tr("Ringshare asks peers on the network to connect to you. This takes a few seconds.");
    case Reachability::Unreachable:
        return tr("Your router does not let peers connect to you, and it did not forward a port when "
                  "asked (UPnP or NAT-PMP). You can still search and download, through the peer that "
                  "keeps in touch for you, but others cannot download your shared files yet. To change "
                  "that, turn on UPnP or NAT-PMP in your router's settings, or forward UDP and TCP port %1 "
                  "to this computer.")
            .arg(port);
    case Reachability::Unknown:
        break;
    }
    return tr("Ringshare finds out whether peers can connect to you once it knows a few of them.");
}

} // namespace ringshare::ui
