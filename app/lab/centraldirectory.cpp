// CentralDirectory: registration with the server and its answers naming the holder.
#include "lab/centraldirectory.h"

namespace ringshare::lab {

CentralDirectory::CentralDirectory(int peers, quint64 seed) : LabNetwork(peers + 1, seed) {
    for (int peer = 1; peer <= peers; ++peer) {
        const quint64 key = random().next64();
        addContent(peer, key);
        send(peer, kServer, LabMessage{.type = LabMessage::Type::Register, .key = key});
    }
    settle();
}

void CentralDirectory::startQuery(int from, quint64 query, quint64 key) {
    send(from, kServer,
         LabMessage{.type = LabMessage::Type::Query, .query = query, .key = key, .origin = from});
}

void CentralDirectory::receive(int at, int from, const LabMessage& message) {
    switch (message.type) {
    case LabMessage::Type::Register:
        if (at == kServer)
            m_directory.insert(message.key, from);
        break;
    case LabMessage::Type::Query:
        if (at == kServer)
            send(at, from,
                 LabMessage{.type = LabMessage::Type::Answer,
                            .query = message.query,
                            .key = message.key,
                            .holder = m_directory.value(message.key, -1),
                            .hops = 1});
        break;
    case LabMessage::Type::Answer:
        answered(message.query, message.holder, message.hops);
        break;
    default:
        break;
    }
}

} // namespace ringshare::lab
