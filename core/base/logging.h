// The QLoggingCategory of each concern of core (crypto, dht, net, share, transfer, session).
#pragma once

#include <QLoggingCategory>

// One category per concern; enable with QT_LOGGING_RULES="ringshare.dht.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcDht)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcShare)
Q_DECLARE_LOGGING_CATEGORY(lcTransfer)
Q_DECLARE_LOGGING_CATEGORY(lcSession)
