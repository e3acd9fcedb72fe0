// Passwords, random tokens and token hashes (libsodium). Thread-safe after
// init_secrets() has returned once.
#pragma once

#include <string>
#include <string_view>

namespace kczg::web {

// Initialises libsodium; false if the library cannot start (then nothing here is safe).
bool init_secrets();

// argon2id with libsodium's interactive limits; the result carries its own salt and
// parameters. Empty when memory for hashing could not be had.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// `bytes` random bytes, URL-safe base64 without padding: for session ids, CSRF tokens,
// invitation links and API tokens.
std::string random_token(std::size_t bytes = 32);

// A one-way hash (BLAKE2b, hex) of a token: what the database keeps instead of the token.
std::string token_hash(std::string_view token);

// Compares without leaking the position of the first difference through timing.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace kczg::web
