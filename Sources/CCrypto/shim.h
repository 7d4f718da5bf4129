// OpenSSL's libcrypto: HMAC-SHA256 signs Jupyter messages, and
// CRYPTO_memcmp compares signatures in constant time.
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
