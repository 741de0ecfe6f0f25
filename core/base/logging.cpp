// The logging categories (ringshare.dht, ringshare.transfer, ...) that logging.h declares.
#include "base/logging.h"

Q_LOGGING_CATEGORY(lcCrypto, "ringshare.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDht, "ringshare.dht", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "ringshare.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcShare, "ringshare.share", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransfer, "ringshare.transfer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "ringshare.session", QtInfoMsg)
