// CentralDirectory: the lab's Napster-style discovery (one directory server every peer asks).
#pragma once

#include "lab/labnetwork.h"

#include <QHash>

namespace ringshare::lab {

// Napster's design: host 0 is a directory server; every other host registers the content it has there,
// and asks it where content is. The server answers with the holder, whom the asker then contacts directly.
class CentralDirectory final : public LabNetwork {
public:
    // `peers` hosts besides the server, each with one item of content, registered by message.
    CentralDirectory(int peers, quint64 seed);
    static constexpr int kServer = 0;

protected:
    void startQuery(int from, quint64 query, quint64 key) override;
    void receive(int at, int from, const LabMessage& message) override;

private:
    QHash<quint64, int> m_directory; // the server's: key -> holder
};

} // namespace ringshare::lab
