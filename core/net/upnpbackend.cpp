// UPnP-IGD port mappings over libminiupnpc: discovery, the LAN check, add, check and delete.
#include "net/upnpbackend.h"

#include "base/logging.h"

#include <QCoreApplication>
#include <miniupnpc/miniupnpc.h>
#include <miniupnpc/upnpcommands.h>
#include <miniupnpc/upnperrors.h>

namespace ringshare::net {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ringshare::net::UpnpBackend", text);
}

// UPnP errors (WANIPConnection), as miniupnpc hands them back.
constexpr int kNoSuchEntryInArray = 714;
constexpr int kConflictInMappingEntry = 718;
constexpr int kOnlyPermanentLeasesSupported = 725;

QString upnpError(int code) {
    const char* text = strupnperror(code);
    return text ? QStringLiteral("%1 (%2)").arg(QString::fromLatin1(text)).arg(code) : QString::number(code);
}

QByteArray number(quint32 value) {
    return QByteArray::number(value);
}

const char* protocolText(MappingProtocol protocol) {
    return protocol == MappingProtocol::Udp ? "UDP" : "TCP";
}

struct DeviceList {
    UPNPDev* first = nullptr;
    ~DeviceList() { freeUPNPDevlist(first); }
};

} // namespace

struct UpnpBackend::Igd {
    UPNPUrls urls{};
    IGDdatas data{};
    ~Igd() { FreeUPNPUrls(&urls); }
    [[nodiscard]] const char* control() const { return urls.controlURL; }
    [[nodiscard]] const char* service() const { return data.first.servicetype; }
};

UpnpBackend::UpnpBackend(std::chrono::milliseconds discoveryWait) : m_discoveryWait(discoveryWait) {}

UpnpBackend::~UpnpBackend() = default;

Result<QHostAddress> UpnpBackend::open() {
    m_igd.reset();
    // An IGD:2 answers a search for IGD:1 too (UDA: devices answer for lower versions), so one search
    // type is enough; each type searched costs a whole wait when no router answers.
    static const char* const kTypes[] = {"urn:schemas-upnp-org:device:InternetGatewayDevice:1", nullptr};
    int error = 0;
    DeviceList devices{
        upnpDiscoverDevices(kTypes, int(m_discoveryWait.count()), nullptr, nullptr, 0, 0, 2, &error, 0)};
    if (!devices.first)
        return Error{tr("no UPnP router answered")};

    // Whoever answers the multicast search names the URL: only a router on our own LAN is asked anything.
    const QList<LocalSubnet> subnets = localSubnets();
    UPNPDev* believed = nullptr;
    UPNPDev** tail = &believed;
    QString refused;
    for (UPNPDev* device = devices.first; device;) {
        UPNPDev* next = device->pNext;
        const QString url = QString::fromUtf8(device->descURL);
        if (auto lan = checkGatewayUrl(url, subnets); !lan) {
            qCWarning(lcNet).noquote()
                << "port mapping: ignoring the UPnP device at" << url << "-" << lan.error();
            refused = lan.error();
            device->pNext = nullptr;
            freeUPNPDevlist(device);
        } else {
            device->pNext = nullptr;
            *tail = device;
            tail = &device->pNext;
        }
        device = next;
    }
    devices.first = believed;
    if (!believed)
        return Error{tr("no UPnP router on the local network: %1").arg(refused)};

    auto igd = std::make_unique<Igd>();
    char lanAddress[64] = {};
    const int found = UPNP_GetValidIGD(believed, &igd->urls, &igd->data, lanAddress, sizeof lanAddress);
    if (found != 1 && found != 2) {
        if (found != 0)
            FreeUPNPUrls(&igd->urls);
        igd->urls = {};
        return Error{tr("no UPnP Internet gateway answered")};
    }
    // The description may move the control URL anywhere (URLBase): the same rule applies to it.
    if (auto lan = checkGatewayUrl(QString::fromUtf8(igd->control()), subnets); !lan)
        return Error{tr("the UPnP router's control address is refused: %1").arg(lan.error())};
    char external[40] = {};
    if (const int r = UPNP_GetExternalIPAddress(igd->control(), igd->service(), external);
        r != UPNPCOMMAND_SUCCESS)
        return Error{tr("the UPnP router did not tell its external address: %1").arg(upnpError(r))};
    m_lanAddress = QByteArray(lanAddress);
    m_igd = std::move(igd);
    qCInfo(lcNet).noquote() << "port mapping: UPnP gateway" << QString::fromUtf8(m_igd->control())
                            << "external address" << external << "this host" << lanAddress;
    return QHostAddress(QString::fromLatin1(external));
}

MapOutcome UpnpBackend::map(MappingProtocol protocol, quint16 internalPort, quint16 wanted,
                            std::chrono::seconds lifetime) {
    if (!m_igd)
        return {.kind = MapOutcome::Kind::Failed, .error = tr("no UPnP router")};
    const auto add = [&](std::chrono::seconds lease) {
        return UPNP_AddPortMapping(m_igd->control(), m_igd->service(), number(wanted).constData(),
                                   number(internalPort).constData(), m_lanAddress.constData(), "Ringshare",
                                   protocolText(protocol), nullptr,
                                   number(quint32(lease.count())).constData());
    };
    std::chrono::seconds granted = lifetime;
    int r = add(lifetime);
    if (r == kOnlyPermanentLeasesSupported) {
        // Some IGD:1 routers take only permanent leases; the mapper checks them and removes them itself.
        granted = std::chrono::seconds(0);
        r = add(granted);
    }
    if (r == UPNPCOMMAND_SUCCESS)
        return {.kind = MapOutcome::Kind::Mapped, .externalPort = wanted, .lifetime = granted};
    if (r == kConflictInMappingEntry)
        return {.kind = MapOutcome::Kind::Conflict};
    return {.kind = MapOutcome::Kind::Failed,
            .error = tr("the UPnP router refused to forward %1 port %2: %3")
                         .arg(protocolName(protocol))
                         .arg(wanted)
                         .arg(upnpError(r))};
}

Result<bool> UpnpBackend::isMapped(MappingProtocol protocol, quint16 internalPort, quint16 externalPort,
                                   std::chrono::seconds) {
    if (!m_igd)
        return Error{tr("no UPnP router")};
    char client[64] = {};
    char port[8] = {};
    char description[80] = {};
    char enabled[8] = {};
    char lease[16] = {};
    const int r = UPNP_GetSpecificPortMappingEntry(m_igd->control(), m_igd->service(),
                                                   number(externalPort).constData(), protocolText(protocol),
                                                   nullptr, client, port, description, enabled, lease);
    if (r == kNoSuchEntryInArray)
        return false;
    if (r != UPNPCOMMAND_SUCCESS)
        return Error{tr("the UPnP router did not answer about its mappings: %1").arg(upnpError(r))};
    return m_lanAddress == client && number(internalPort) == port;
}

Result<void> UpnpBackend::unmap(MappingProtocol protocol, quint16, quint16 externalPort) {
    if (!m_igd)
        return Error{tr("no UPnP router")};
    const int r = UPNP_DeletePortMapping(m_igd->control(), m_igd->service(), number(externalPort).constData(),
                                         protocolText(protocol), nullptr);
    if (r != UPNPCOMMAND_SUCCESS && r != kNoSuchEntryInArray)
        return Error{tr("the UPnP router did not remove the mapping: %1").arg(upnpError(r))};
    return {};
}

} // namespace ringshare::net
