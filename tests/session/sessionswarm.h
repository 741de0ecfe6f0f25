// Many whole Sessions in one process on the simulated network and one ManualClock: each with its own data
// and download folders on disk, its DHT node, library, publisher, searches and transfers, all from a seed.
#pragma once

#include "base/manualclock.h"
#include "base/random.h"
#include "net/simnetwork.h"
#include "session/session.h"

#include <QByteArray>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>
#include <vector>

namespace ringshare::session {

struct SessionSwarmOptions {
    quint64 seed = 1;
    int sessions = 200;
    int files = 24;     // distinct contents, each shared by 1 to 4 sessions
    int downloads = 60; // sessions that search for one of them by name and download it
    qint64 minFileSize = 16 * 1024;
    qint64 maxFileSize = 1024 * 1024;
    Millis joinSpacing{100}; // between one session's join and the next
};

// What a run did, in simulated time; `transcript` is every line of it, the same for the same seed.
struct SessionSwarmReport {
    QStringList transcript;
    int joined = 0;
    bool ringExact = false;
    int shared = 0;          // shares hashed and published
    int found = 0;           // searches whose results held the content looked for
    int finished = 0;        // downloads finished
    int identical = 0;       // finished downloads whose every byte equals the original
    Millis simulated{0};     // simulated time from the first join to the last download
    qint64 wallMs = 0;       // real time the run took (not in the transcript)
    quint64 datagrams = 0;   // sent over the simulated network
    quint64 streamBytes = 0; // sent over the simulated streams
};

class SessionSwarm final {
public:
    explicit SessionSwarm(SessionSwarmOptions options);
    ~SessionSwarm();
    SessionSwarm(const SessionSwarm&) = delete;
    SessionSwarm& operator=(const SessionSwarm&) = delete;

    // Joins every session, shares the files, then runs every search and download to its end.
    [[nodiscard]] SessionSwarmReport run();

private:
    struct Member;
    struct Fetch;

    void addSession(int index);
    void step(Millis span);
    bool runUntil(const std::function<bool()>& done, Millis limit);
    void joinAll();
    void shareAll();
    void fetchAll();
    void startFetch(Fetch& fetch);
    void onSearched(Fetch& fetch, bool complete);
    [[nodiscard]] bool ringExact() const;
    void say(const QString& line);

    SessionSwarmOptions m_options;
    ManualClock m_clock;
    SeededRandom m_random;
    net::SimNetwork m_network;
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<Member>> m_members;
    std::vector<QByteArray> m_contents; // by file number
    std::vector<QString> m_names;
    std::vector<std::unique_ptr<Fetch>> m_fetches;
    SessionSwarmReport m_report;
    Millis m_start{0};
};

} // namespace ringshare::session
