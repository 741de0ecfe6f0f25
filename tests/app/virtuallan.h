// A LAN of hosts made of Linux network namespaces, for tests that need real separate machines: each host
// is a namespace with one veth link, eth0, to a bridge in a switch namespace of its own, so nothing in the
// namespace the test runs in changes. Host i (from 1) has the address 10.77.0.i/24. Needs root.
#pragma once

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <optional>
#include <unistd.h>

class VirtualLan final {
public:
    // Every name starts with this, then the test's process id: leftovers of a test that died are found by
    // it and removed (see removeLeftovers()).
    static constexpr const char* kPrefix = "rsnet";

    explicit VirtualLan(int hosts) : m_hosts(hosts) {
        // Unique per run, so a leftover of an earlier run never stands in the way.
        m_name = QStringLiteral("%1%2x%3")
                     .arg(QLatin1String(kPrefix))
                     .arg(::getpid())
                     .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
    }
    VirtualLan(const VirtualLan&) = delete;
    VirtualLan& operator=(const VirtualLan&) = delete;
    // Deleting a namespace deletes its end of each veth pair, which deletes the other end too. Processes
    // still inside keep a namespace alive (without its name) until they end, so stop them first.
    ~VirtualLan() {
        for (const QString& name : std::as_const(m_created))
            ip({QStringLiteral("netns"), QStringLiteral("del"), name});
    }

    // Why this system cannot build such a LAN, or nothing when it can: the test skips with the reason.
    static std::optional<QString> unavailable() {
        if (::geteuid() != 0)
            return QStringLiteral("network namespaces need root");
        if (!ip({QStringLiteral("-V")}))
            return QStringLiteral("iproute2's `ip` is not installed");
        // What build() and the tests do, on a small scale: a namespace holding a veth pair and a bridge, and
        // a program run inside it.
        VirtualLan probe(0);
        const QString ns = probe.namespaceName(QStringLiteral("probe"));
        QString error;
        if (!probe.ip({QStringLiteral("netns"), QStringLiteral("add"), ns}, &error))
            return QStringLiteral("cannot create a network namespace here: %1").arg(error);
        probe.m_created << ns;
        if (!probe.ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("add"),
                       QStringLiteral("veth0"), QStringLiteral("type"), QStringLiteral("veth"),
                       QStringLiteral("peer"), QStringLiteral("name"), QStringLiteral("veth1")},
                      &error) ||
            !probe.ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("add"),
                       QStringLiteral("br0"), QStringLiteral("type"), QStringLiteral("bridge")},
                      &error))
            return QStringLiteral("cannot create veth links or bridges in a network namespace here: %1")
                .arg(error);
        // `ip netns exec` also mounts a sysfs of the namespace, which some containers forbid.
        if (!probe.ip({QStringLiteral("netns"), QStringLiteral("exec"), ns, QStringLiteral("ip"),
                       QStringLiteral("link"), QStringLiteral("show"), QStringLiteral("veth0")},
                      &error))
            return QStringLiteral("cannot run programs in a network namespace here: %1").arg(error);
        return std::nullopt;
    }

    // Removes the namespaces of earlier runs whose test process is gone.
    static void removeLeftovers() {
        QProcess list;
        list.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("list")});
        if (!list.waitForFinished(10'000))
            return;
        const QString prefix = QLatin1String(kPrefix);
        for (const QByteArray& line : list.readAllStandardOutput().split('\n')) {
            const QString name = QString::fromLatin1(line.split(' ').first());
            if (!name.startsWith(prefix))
                continue;
            const QString pid = name.mid(prefix.size()).section(QLatin1Char('x'), 0, 0);
            if (!pid.isEmpty() && !QDir(QStringLiteral("/proc/") + pid).exists())
                QProcess::execute(QStringLiteral("ip"),
                                  {QStringLiteral("netns"), QStringLiteral("del"), name});
        }
    }

    // Builds the switch and every host with its link up. On failure, says which command failed and why.
    bool build(QString* error) {
        const QString sw = namespaceName(QStringLiteral("sw"));
        if (!addNamespace(sw, error))
            return false;
        // br0 is the switch; br1 its other half, empty until splitSwitch().
        for (const char* name : {"br0", "br1"}) {
            const QString bridge = QString::fromLatin1(name);
            if (!ip({QStringLiteral("-n"), sw, QStringLiteral("link"), QStringLiteral("add"), bridge,
                     QStringLiteral("type"), QStringLiteral("bridge")},
                    error) ||
                !ip({QStringLiteral("-n"), sw, QStringLiteral("link"), QStringLiteral("set"), bridge,
                     QStringLiteral("up")},
                    error))
                return false;
        }
        for (int host = 1; host <= m_hosts; ++host) {
            const QString ns = hostNamespace(host);
            const QString port = switchPort(host);
            if (!addNamespace(ns, error) ||
                // Both ends are made where they belong: no name is ever taken in the test's own namespace.
                !ip({QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("eth0"),
                     QStringLiteral("netns"), ns, QStringLiteral("type"), QStringLiteral("veth"),
                     QStringLiteral("peer"), QStringLiteral("name"), port, QStringLiteral("netns"), sw},
                    error) ||
                !ip({QStringLiteral("-n"), sw, QStringLiteral("link"), QStringLiteral("set"), port,
                     QStringLiteral("master"), QStringLiteral("br0")},
                    error) ||
                !ip({QStringLiteral("-n"), ns, QStringLiteral("addr"), QStringLiteral("add"),
                     address(host) + QStringLiteral("/24"), QStringLiteral("dev"), QStringLiteral("eth0")},
                    error) ||
                !ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"),
                     QStringLiteral("lo"), QStringLiteral("up")},
                    error) ||
                !ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"),
                     QStringLiteral("eth0"), QStringLiteral("up")},
                    error) ||
                !setSwitchPortUp(host, true, error))
                return false;
        }
        return true;
    }

    // Unplugs host's cable at the switch, or plugs it back in. Unplugged, the host's eth0 loses its carrier
    // and what either side sends across is lost without an error, as when a cable is cut.
    bool setSwitchPortUp(int host, bool up, QString* error = nullptr) {
        return ip({QStringLiteral("-n"), namespaceName(QStringLiteral("sw")), QStringLiteral("link"),
                   QStringLiteral("set"), switchPort(host),
                   up ? QStringLiteral("up") : QStringLiteral("down")},
                  error);
    }
    // Takes host's own eth0 down, or up again. Down, the host's route to the LAN goes with it: what it sends
    // there fails at once with an error, while what others send it is lost.
    bool setHostLinkUp(int host, bool up, QString* error = nullptr) {
        return ip({QStringLiteral("-n"), hostNamespace(host), QStringLiteral("link"), QStringLiteral("set"),
                   QStringLiteral("eth0"), up ? QStringLiteral("up") : QStringLiteral("down")},
                  error);
    }

    // Moves the ports of `hosts` to a switch of their own (or, with `apart` false, back): two LANs that
    // cannot reach each other, every link still up.
    bool splitSwitch(const QList<int>& hosts, bool apart, QString* error = nullptr) {
        for (int host : hosts)
            if (!ip({QStringLiteral("-n"), namespaceName(QStringLiteral("sw")), QStringLiteral("link"),
                     QStringLiteral("set"), switchPort(host), QStringLiteral("master"),
                     apart ? QStringLiteral("br1") : QStringLiteral("br0")},
                    error))
                return false;
        return true;
    }

    [[nodiscard]] static QString address(int host) { return QStringLiteral("10.77.0.%1").arg(host); }
    [[nodiscard]] QString hostNamespace(int host) const {
        return namespaceName(QStringLiteral("h%1").arg(host));
    }
    // The command that runs the rest of its arguments on `host`.
    [[nodiscard]] QStringList launcher(int host) const {
        return {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), hostNamespace(host)};
    }

private:
    [[nodiscard]] QString namespaceName(const QString& suffix) const {
        return m_name + QLatin1Char('-') + suffix;
    }
    [[nodiscard]] static QString switchPort(int host) { return QStringLiteral("port%1").arg(host); }

    bool addNamespace(const QString& name, QString* error) {
        if (!ip({QStringLiteral("netns"), QStringLiteral("add"), name}, error))
            return false;
        m_created << name;
        return true;
    }

    static bool ip(const QStringList& arguments, QString* error = nullptr) {
        QProcess process;
        process.start(QStringLiteral("ip"), arguments);
        const bool ok = process.waitForFinished(10'000) && process.exitStatus() == QProcess::NormalExit &&
                        process.exitCode() == 0;
        if (!ok && error)
            *error = QStringLiteral("`ip %1` failed: %2")
                         .arg(arguments.join(QLatin1Char(' ')),
                              QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
        return ok;
    }

    int m_hosts;
    QString m_name;
    QStringList m_created; // namespaces to delete, in the order they were made
};
