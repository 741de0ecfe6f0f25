// Finding a proven contact through the bootstrap nodes for the client commands.
#include "app/node/client.h"

#include "app/node/console.h"
#include "base/systemclock.h"
#include "crypto/securerandom.h"
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
    auto tryContact = std::make_shared<std::function<void(int)>>();
    *tryContact = [&, tryContact](int index) {
        if (index >= options.bootstrap.size()) {
            finish(fail(Failure, QStringLiteral("no bootstrap node answered")));
            return;
        }
        client.identify(options.bootstrap[index],
                        [&, tryContact, index](std::optional<dht::NodeRef> contact) {
                            if (contact)
                                action(client, *contact, finish);
                            else
                                (*tryContact)(index + 1);
                        });
    };
    (*tryContact)(0);
    const int code = QCoreApplication::exec();
    *tryContact = nullptr; // the function holds itself; this breaks the cycle
    return code;
}

} // namespace ringshare::node
