// Starts libsodium once per process; nothing may be signed or hashed before it.
#pragma once

namespace ringshare::crypto {

// Initialises libsodium once for the whole process; safe to call from any thread, any number of times.
// Returns false only when the system offers no usable randomness, in which case nothing may be signed.
[[nodiscard]] bool initialize();

// Like initialize(), but aborts with a clear message when libsodium cannot start.
void requireInitialized();

} // namespace ringshare::crypto
