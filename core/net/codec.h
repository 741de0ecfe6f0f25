// The DHT datagram codec's interface: encode, strict decode, and why a datagram was rejected.
#pragma once

#include "net/message.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>

namespace ringshare::net {

// Why a datagram was rejected; each reason is counted separately by the receiver.
enum class DecodeError : quint8 {
    None = 0,
    Oversize,       // longer than kMaxDatagramSize
    Malformed,      // not well-formed CBOR, or not the envelope's shape
    Truncated,      // ends in the middle of an item
    TrailingData,   // bytes after the message
    UnknownVersion, // a protocol version we do not speak
    UnknownType,    // a message type we do not know
    BadField,       // a field missing, of the wrong type or size, or a list too long
};
inline constexpr int kDecodeErrorCount = int(DecodeError::BadField) + 1;

[[nodiscard]] QString describe(DecodeError error);

struct Decoded {
    std::optional<Message> message; // set iff error == None
    DecodeError error = DecodeError::None;
    QString detail; // for logs: which field, what was wrong
};

// Pure functions, no I/O. encode() returns nullopt when the message would not fit in kMaxDatagramSize or
// breaks a bound (a list longer than allowed, a challenge of the wrong size): the sender's bug, caught
// before anything is sent.
[[nodiscard]] std::optional<QByteArray> encode(const Message& message);
// Strict: accepts exactly what encode() produces and rejects everything else with a reason.
[[nodiscard]] Decoded decode(QByteArrayView datagram);

} // namespace ringshare::net
