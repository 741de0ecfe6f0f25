// One window per data folder: links from a second launch reach the first, whatever else arrives on its
// socket.
#include "ui/singleinstance.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <cstring>
#include <future>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using ringshare::share::Link;
using ringshare::ui::SingleInstance;

namespace {

Link sampleLink(char digit, const QString& name) {
    auto link = Link::parse(QStringLiteral("ringshare:?xt=") + QString(64, QLatin1Char(digit)) +
                            QStringLiteral("&dn=") + name + QStringLiteral("&xl=5"));
    Q_ASSERT(link.ok());
    return link.value();
}

// A name no other test run shares.
QString uniqueName() {
    return QStringLiteral("ringshare-test-") + QUuid::createUuid().toString(QUuid::Id128).left(16);
}

// The sender blocks until it has its answer, so it runs on its own thread while this one serves the listener.
template <typename T>
T whileServing(std::future<T> future) {
    QElapsedTimer elapsed;
    elapsed.start();
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready &&
           elapsed.elapsed() < 10'000)
        QTest::qWait(5);
    return future.get();
}

bool send(const QString& name, const QList<Link>& links) {
    return whileServing(
        std::async(std::launch::async, [name, links] { return SingleInstance::sendToRunning(name, links); }));
}

// What a hostile or broken local process might write; returns whatever the listener answered.
QByteArray sendRaw(const QString& name, const QByteArray& bytes) {
    return whileServing(std::async(std::launch::async, [name, bytes] {
        QLocalSocket socket;
        socket.connectToServer(name);
        if (!socket.waitForConnected(2000))
            return QByteArray("not connected");
        socket.write(bytes);
        socket.waitForBytesWritten(2000);
        QByteArray answer;
        while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(3000))
            answer += socket.readAll();
        return answer + socket.readAll();
    }));
}

} // namespace

class TestSingleInstance final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void serverNameIsPerDataFolder() {
        QTemporaryDir dir;
        const QString a = SingleInstance::serverNameFor(dir.filePath(QStringLiteral("a")));
        QVERIFY(a.startsWith(QLatin1String("ringshare-")));
        QCOMPARE(a.size(), 10 + 32);
        QCOMPARE(SingleInstance::serverNameFor(dir.filePath(QStringLiteral("a/../a/"))), a);
        QVERIFY(SingleInstance::serverNameFor(dir.filePath(QStringLiteral("b"))) != a);

        // A relative --data-dir names the same folder as its absolute path.
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        const QString relative = SingleInstance::serverNameFor(QStringLiteral("a"));
        QVERIFY(QDir::setCurrent(cwd));
        QCOMPARE(relative, a);
    }

    void linksFromASecondLaunchReachTheFirst() {
        SingleInstance primary(uniqueName());
        QVERIFY2(primary.listen(), qPrintable(primary.errorString()));
        QSignalSpy links(&primary, &SingleInstance::linkReceived);
        QSignalSpy activations(&primary, &SingleInstance::activationRequested);

        const QList<Link> sent{sampleLink('a', QStringLiteral("first.txt")),
                               sampleLink('b', QStringLiteral("caf%C3%A9.txt"))};
        QVERIFY(send(primary.serverName(), sent));
        QCOMPARE(links.size(), 2);
        QCOMPARE(links.at(0).at(0).value<Link>(), sent.at(0));
        QCOMPARE(links.at(1).at(0).value<Link>(), sent.at(1));
        QCOMPARE(links.at(1).at(0).value<Link>().name, QStringLiteral("caf\u00e9.txt"));
        QCOMPARE(activations.size(), 1);

        // A plain second launch only brings the window forward.
        QVERIFY(send(primary.serverName(), {}));
        QCOMPARE(links.size(), 2);
        QCOMPARE(activations.size(), 2);
    }

    void nobodyListeningMeansNoHandOver() {
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY(!SingleInstance::sendToRunning(uniqueName(), {sampleLink('c', QStringLiteral("x"))}));
        QVERIFY(elapsed.elapsed() < SingleInstance::kTimeoutMs + 500);
    }

    void garbageIsDroppedAndTheListenerKeepsWorking() {
        SingleInstance primary(uniqueName());
        QVERIFY(primary.listen());
        QSignalSpy links(&primary, &SingleInstance::linkReceived);
        const Link good = sampleLink('d', QStringLiteral("good.bin"));
        const QByteArray goodLine = good.toString().toUtf8() + '\n';

        // Lines that are no link are skipped; the valid one beside them still counts.
        QCOMPARE(sendRaw(primary.serverName(),
                         QByteArray("not a link\n\xff\xfe") + '\0' + "ringshare:?xt=zz\n" + goodLine + "\n"),
                 QByteArray("ok\n"));
        QCOMPARE(links.size(), 1);
        QCOMPARE(links.at(0).at(0).value<Link>(), good);

        // An endless line, more links than any launch sends, a message that never ends: the connection is
        // cut without an answer and nothing is started.
        QCOMPARE(sendRaw(primary.serverName(), QByteArray(SingleInstance::kMaxLineBytes + 100, 'x')),
                 QByteArray());
        QCOMPARE(sendRaw(primary.serverName(), goodLine.repeated(SingleInstance::kMaxLinks + 1) + "\n"),
                 QByteArray());
        QElapsedTimer elapsed;
        elapsed.start();
        QCOMPARE(sendRaw(primary.serverName(), goodLine), QByteArray());
        QVERIFY(elapsed.elapsed() < SingleInstance::kTimeoutMs + 2000);
        QCOMPARE(links.size(), 1);

        QVERIFY(send(primary.serverName(), {good}));
        QCOMPARE(links.size(), 2);
    }

    void socketLeftByACrashIsTakenOver() {
        const QString name = uniqueName();
        const QByteArray path = QFile::encodeName(QDir::tempPath() + QLatin1Char('/') + name);
        // What a crashed instance leaves: a bound socket file that nobody accepts on.
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        QVERIFY(size_t(path.size()) < sizeof(address.sun_path));
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        ::close(fd);
        QVERIFY(QFileInfo::exists(QFile::decodeName(path)));

        SingleInstance primary(name);
        QVERIFY2(primary.listen(), qPrintable(primary.errorString()));
        QSignalSpy links(&primary, &SingleInstance::linkReceived);
        QVERIFY(send(name, {sampleLink('e', QStringLiteral("after-crash"))}));
        QCOMPARE(links.size(), 1);

        // A live listener, though, is never pushed aside.
        SingleInstance second(name);
        QVERIFY(!second.listen());
        QVERIFY(!second.errorString().isEmpty());
        QVERIFY(send(name, {}));
    }

    void appLaunchHandsItsLinkToTheRunningWindow() {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("profile"));
        SingleInstance primary(SingleInstance::serverNameFor(dataDir));
        QVERIFY2(primary.listen(), qPrintable(primary.errorString()));
        QSignalSpy links(&primary, &SingleInstance::linkReceived);
        QSignalSpy activations(&primary, &SingleInstance::activationRequested);

        const Link link = sampleLink('f', QStringLiteral("from-the-shell.txt"));
        QProcess app;
        app.setProcessEnvironment(environment(dir));
        QElapsedTimer elapsed;
        elapsed.start();
        app.start(QStringLiteral(RINGSHARE_APP_BINARY),
                  {QStringLiteral("--data-dir"), dataDir, link.toString()});
        // Not waitForFinished(): this thread must keep serving the listener the app talks to.
        QTRY_VERIFY_WITH_TIMEOUT(app.state() == QProcess::NotRunning, 15'000);
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QVERIFY2(elapsed.elapsed() < 5000, QByteArray::number(elapsed.elapsed()).constData());
        QCOMPARE(links.size(), 1);
        QCOMPARE(links.at(0).at(0).value<Link>(), link);

        app.start(QStringLiteral(RINGSHARE_APP_BINARY), {QStringLiteral("--data-dir"), dataDir});
        QTRY_VERIFY_WITH_TIMEOUT(app.state() == QProcess::NotRunning, 15'000);
        QCOMPARE(app.exitCode(), 0);
        QCOMPARE(links.size(), 1);
        QCOMPARE(activations.size(), 2);
    }

    void appRefusesWhatIsNoLink() {
        QTemporaryDir dir;
        const QString valid = sampleLink('a', QStringLiteral("a")).toString();
        QStringList tooMany;
        for (int i = 0; i <= SingleInstance::kMaxLinks; ++i)
            tooMany << valid;
        for (const QStringList& links : {QStringList{QStringLiteral("not a link")},
                                         QStringList{valid, QStringLiteral("ringshare:?xt=123")}, tooMany}) {
            QProcess app;
            app.setProcessEnvironment(environment(dir));
            app.start(QStringLiteral(RINGSHARE_APP_BINARY),
                      QStringList{QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("profile"))} +
                          links);
            QVERIFY(app.waitForFinished(15'000));
            QCOMPARE(app.exitStatus(), QProcess::NormalExit);
            QCOMPARE(app.exitCode(), 2);
            // Qt may warn about the environment first; the app's own line says what is wrong.
            const QByteArray err = app.readAllStandardError();
            QVERIFY2(err.startsWith("ringshare: ") || err.contains("\nringshare: "), err.constData());
        }
    }

private:
    // The app under test reads its settings from the test's folder, never from the user's.
    static QProcessEnvironment environment(const QTemporaryDir& dir) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        return env;
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
