// FakeResolver: a HostResolver that answers from a table, a turn of the event loop later, for tests that
// must not depend on the machine's DNS.
#pragma once

#include "base/result.h"
#include "net/hostresolver.h"

#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace ringshare::test {

class FakeResolver final : public QObject, public net::HostResolver {
public:
    // A name not in the table fails as the system's resolver says it: "Host not found".
    QMap<QString, QList<QHostAddress>> table;
    QStringList asked; // every name looked up, in order

    void resolve(const QString& name, Done done) override {
        asked << name;
        const auto found = table.constFind(name);
        const Result<QList<QHostAddress>> answer =
            found == table.constEnd() ? Result<QList<QHostAddress>>(Error{QStringLiteral("Host not found")})
                                      : Result<QList<QHostAddress>>(*found);
        // Never from inside the call, as the interface promises.
        QTimer::singleShot(0, this, [done = std::move(done), answer] { done(answer); });
    }
};

} // namespace ringshare::test
