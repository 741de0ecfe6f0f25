// LabMessage's encoding (QDataStream) and decoding.
#include "lab/labmessage.h"

#include <QDataStream>
#include <QIODevice>

namespace ringshare::lab {

QByteArray encode(const LabMessage& message) {
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << quint8(message.type) << message.query << message.key << message.origin << message.holder
        << message.ttl << message.hops << message.peers;
    return bytes;
}

std::optional<LabMessage> decode(QByteArrayView bytes) {
    const QByteArray copy = bytes.toByteArray();
    QDataStream in(copy);
    LabMessage message;
    quint8 type = 0;
    in >> type >> message.query >> message.key >> message.origin >> message.holder >> message.ttl >>
        message.hops >> message.peers;
    if (in.status() != QDataStream::Ok || type > quint8(LabMessage::Type::Connect))
        return std::nullopt;
    message.type = LabMessage::Type(type);
    return message;
}

} // namespace ringshare::lab
