// NAT-PMP port mappings over libnatpmp: the gateway's address, mapping requests and their answers.
#include "net/natpmpbackend.h"

#include "base/logging.h"

#include <QCoreApplication>
#include <arpa/inet.h>
// Debian builds libnatpmp with strnatpmperr() but declares it only on request.
#define ENABLE_STRNATPMPERR
#include <natpmp.h>
#include <sys/select.h>

namespace ringshare::net {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ringshare::net::NatPmpBackend", text);
}

QString natpmpError(int code) {
    const char* text = strnatpmperr(code);
    return text ? QStringLiteral("%1 (%2)").arg(QString::fromLatin1(text)).arg(code) : QString::number(code);
}

int natpmpProtocol(MappingProtocol protocol) {
    return protocol == MappingProtocol::Udp ? NATPMP_PROTOCOL_UDP : NATPMP_PROTOCOL_TCP;
}

} // namespace

struct NatPmpBackend::Socket {
    natpmp_t handle{};
    ~Socket() { closenatpmp(&handle); }

    // Waits for the answer to the request just sent that `matches` accepts, for at most `wait`.
    int answer(natpmpresp_t& response, std::chrono::milliseconds wait,
               const std::function<bool(const natpmpresp_t&)>& matches) {
        timeval start{};
        gettimeofday(&start, nullptr);
        for (;;) {
            fd_set readable;
            FD_ZERO(&readable);
            FD_SET(handle.s, &readable);
            timeval timeout{};
            getnatpmprequesttimeout(&handle, &timeout);
            select(handle.s + 1, &readable, nullptr, nullptr, &timeout);
            const int r = readnatpmpresponseorretry(&handle, &response);
            if (r >= 0 && matches(response))
                return r;
            if (r >= 0 || r == NATPMP_ERR_WRONGPACKETSOURCE) {
                // An answer to another request, or one from a host that is not the gateway: still waiting.
                if (r == NATPMP_ERR_WRONGPACKETSOURCE)
                    qCWarning(lcNet)
                        << "port mapping: ignored a NAT-PMP answer from a host that is not the gateway";
                handle.has_pending_request = 1;
            } else if (r != NATPMP_TRYAGAIN) {
                return r;
            }
            timeval now{};
            gettimeofday(&now, nullptr);
            const qint64 elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_usec - start.tv_usec) / 1000;
            if (elapsed >= wait.count())
                return NATPMP_TRYAGAIN;
        }
    }
};

NatPmpBackend::NatPmpBackend(std::chrono::milliseconds answerWait) : m_answerWait(answerWait) {}

NatPmpBackend::~NatPmpBackend() = default;

Result<QHostAddress> NatPmpBackend::open() {
    m_socket.reset();
    auto socket = std::make_unique<Socket>();
    // initnatpmp opens its socket first and returns errors after that without closing it: the destructor
    // does, and closes nothing (not descriptor 0) when no socket was made.
    socket->handle.s = -1;
    if (const int r = initnatpmp(&socket->handle, 0, 0); r < 0) {
        return Error{tr("no gateway to ask over NAT-PMP: %1").arg(natpmpError(r))};
    }
    in_addr gateway{};
    gateway.s_addr = socket->handle.gateway;
    const QString gatewayText = QString::fromLatin1(inet_ntoa(gateway));
    if (const int r = sendpublicaddressrequest(&socket->handle); r < 0)
        return Error{tr("cannot ask the gateway %1 over NAT-PMP: %2").arg(gatewayText, natpmpError(r))};
    natpmpresp_t response{};
    const int r = socket->answer(response, m_answerWait, [](const natpmpresp_t& answer) {
        return answer.type == NATPMP_RESPTYPE_PUBLICADDRESS;
    });
    if (r == NATPMP_TRYAGAIN)
        return Error{tr("the gateway %1 did not answer NAT-PMP").arg(gatewayText)};
    if (r < 0)
        return Error{tr("the gateway %1 refused NAT-PMP: %2").arg(gatewayText, natpmpError(r))};
    const QHostAddress external(quint32(ntohl(response.pnu.publicaddress.addr.s_addr)));
    qCInfo(lcNet).noquote() << "port mapping: NAT-PMP gateway" << gatewayText << "external address"
                            << external.toString();
    m_socket = std::move(socket);
    return external;
}

MapOutcome NatPmpBackend::map(MappingProtocol protocol, quint16 internalPort, quint16 wanted,
                              std::chrono::seconds lifetime) {
    if (!m_socket)
        return {.kind = MapOutcome::Kind::Failed, .error = tr("no NAT-PMP gateway")};
    // NAT-PMP has no permanent lease: 0 would delete.
    const quint32 seconds = quint32(std::max<qint64>(1, lifetime.count()));
    if (const int r = sendnewportmappingrequest(&m_socket->handle, natpmpProtocol(protocol), internalPort,
                                                wanted, seconds);
        r < 0)
        return {.kind = MapOutcome::Kind::Failed, .error = natpmpError(r)};
    const int expected =
        protocol == MappingProtocol::Udp ? NATPMP_RESPTYPE_UDPPORTMAPPING : NATPMP_RESPTYPE_TCPPORTMAPPING;
    natpmpresp_t response{};
    const int r = m_socket->answer(response, m_answerWait, [&](const natpmpresp_t& answer) {
        return answer.type == expected && answer.pnu.newportmapping.privateport == internalPort;
    });
    if (r == NATPMP_TRYAGAIN)
        return {.kind = MapOutcome::Kind::Failed, .error = tr("the gateway stopped answering NAT-PMP")};
    if (r < 0)
        return {.kind = MapOutcome::Kind::Failed,
                .error = tr("the gateway refused to forward %1 port %2: %3")
                             .arg(protocolName(protocol))
                             .arg(wanted)
                             .arg(natpmpError(r))};
    // The gateway picks the port when the one asked for is taken: its choice is the answer.
    return {.kind = MapOutcome::Kind::Mapped,
            .externalPort = response.pnu.newportmapping.mappedpublicport,
            .lifetime = std::chrono::seconds(response.pnu.newportmapping.lifetime)};
}

Result<bool> NatPmpBackend::isMapped(MappingProtocol protocol, quint16 internalPort, quint16 externalPort,
                                     std::chrono::seconds lifetime) {
    // NAT-PMP cannot list mappings; asking again renews one still held, and a gateway that lost it (a
    // restart) makes it anew, perhaps on another port.
    const MapOutcome renewed = map(protocol, internalPort, externalPort, lifetime);
    if (renewed.kind != MapOutcome::Kind::Mapped)
        return Error{renewed.error};
    return renewed.externalPort == externalPort;
}

Result<void> NatPmpBackend::unmap(MappingProtocol protocol, quint16 internalPort, quint16) {
    if (!m_socket)
        return Error{tr("no NAT-PMP gateway")};
    // RFC 6886 3.4: lifetime 0 and external port 0 delete the mapping of the internal port.
    if (const int r =
            sendnewportmappingrequest(&m_socket->handle, natpmpProtocol(protocol), internalPort, 0, 0);
        r < 0)
        return Error{natpmpError(r)};
    const int expected =
        protocol == MappingProtocol::Udp ? NATPMP_RESPTYPE_UDPPORTMAPPING : NATPMP_RESPTYPE_TCPPORTMAPPING;
    natpmpresp_t response{};
    const int r = m_socket->answer(response, m_answerWait, [&](const natpmpresp_t& answer) {
        return answer.type == expected && answer.pnu.newportmapping.privateport == internalPort;
    });
    if (r < 0)
        return Error{tr("the gateway did not remove the mapping: %1").arg(natpmpError(r))};
    return {};
}

} // namespace ringshare::net
