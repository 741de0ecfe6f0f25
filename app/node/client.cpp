// Finding a proven contact through the bootstrap nodes for the client commands.
#include "app/node/client.h"

#include "app/node/console.h"
#include "base/systemclock.h"
#include "crypto/securerandom.h"
#include "net/hostresolver.h"
#include "net/udptransport.h"

#include <QCoreApplication>
#include <memory>

namespace ringshare::node {

int runClient(const Options& options, const ClientAction& action) {
    if (options.bootstrap.isEmpty())
        return fail(BadUsage, QStringLiteral("this command needs --bootstrap HOST:PORT (see --help)"));
    auto bound = net::UdpTransport::bind(options.bind.value_or(QHostAddress(QHostAddress::Any)), 0);
    if (!bound)
        return fail(Failure, bound.error());
    std::unique_ptr<net::UdpTransport> transport = std::move(bound.value());
    SystemClock clock;
    crypto::SecureRandom random;
    dht::RingClient client(*transport, clock, random);
    const auto finish = [](int code) { QCoreApplication::exit(code); };
    // Every address of every node, in the order given; names are looked up first, all at once.
    QList<net::Endpoint> contacts;
    auto tryContact = std::make_shared<std::function<void(int)>>();
    *tryContact = [&, tryContact](int index) {
        if (index >= contacts.size()) {
            finish(fail(Failure, QStringLiteral("no bootstrap node answered")));
            return;
        }
        client.identify(contacts[index], [&, tryContact, index](std::optional<dht::NodeRef> contact) {
            if (contact)
                action(client, *contact, finish);
            else
                (*tryContact)(index + 1);
        });
    };
    net::SystemResolver resolver;
    net::resolveAll(resolver, options.bootstrap, [&, tryContact](const net::Resolved& resolved) {
        for (const net::ResolveFailure& failure : resolved.failures)
            warn(net::describeFailure(failure));
        contacts = resolved.endpoints;
        (*tryContact)(0);
    });
    const int code = QCoreApplication::exec();
    *tryContact = nullptr; // the function holds itself; this breaks the cycle
    return code;
}

} // namespace ringshare::node
