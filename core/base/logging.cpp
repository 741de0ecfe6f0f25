#include "base/logging.h"

Q_LOGGING_CATEGORY(lcCrypto, "ringshare.crypto")
Q_LOGGING_CATEGORY(lcDht, "ringshare.dht")
Q_LOGGING_CATEGORY(lcNet, "ringshare.net")
Q_LOGGING_CATEGORY(lcShare, "ringshare.share")
Q_LOGGING_CATEGORY(lcTransfer, "ringshare.transfer")
Q_LOGGING_CATEGORY(lcSession, "ringshare.session")
