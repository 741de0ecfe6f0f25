// One sample of every datagram message type, built from fixed bytes, for tst_codec and the fuzz seeds.
#pragma once

#include "net/message.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ringshare::net::samples {

struct Sample {
    QString name;
    Message message;
};

// One message of every type, with and without its optional fields, with lists at their longest, and with
// transaction ids of every integer width. Built from fixed bytes, so every run and the fuzz seed corpus
// see the same messages.
[[nodiscard]] QList<Sample> validMessages();

// Deterministic filler bytes; different seeds give different bytes.
[[nodiscard]] QByteArray pattern(int size, int seed);
[[nodiscard]] NodeId nodeId(int seed);
// Cycles through an IPv4, an IPv6 and an IPv4-mapped IPv6 address, with ports from 1 to 65535.
[[nodiscard]] NodeRef nodeRef(int seed);
[[nodiscard]] QList<NodeRef> nodeRefs(int count, int firstSeed);

} // namespace ringshare::net::samples
