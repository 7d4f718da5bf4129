import CCrypto

/// HMAC-SHA256 signatures of Jupyter messages (messaging protocol,
/// "The wire protocol"): the hex digest of header, parent header, metadata
/// and content with the connection file's key. With an empty key, messages
/// are not signed (and none is checked).
struct Signer: Sendable {
    let key: [UInt8]

    /// The signature of `parts`, lowercase hex; "" without a key.
    func signature(_ parts: [[UInt8]]) -> String {
        guard !key.isEmpty else { return "" }
        return Signer.hex(digest(parts))
    }

    /// Whether `signature` (hex) signs `parts`, compared in constant time.
    func verify(_ signature: [UInt8], _ parts: [[UInt8]]) -> Bool {
        guard !key.isEmpty else { return true }
        let expected = Array(Signer.hex(digest(parts)).utf8)
        guard signature.count == expected.count else { return false }
        return signature.withUnsafeBytes { a in
            expected.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, expected.count) == 0 }
        }
    }

    private func digest(_ parts: [[UInt8]]) -> [UInt8] {
        let data = parts.flatMap { $0 }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = key.withUnsafeBytes { k in
            data.withUnsafeBytes { d in
                out.withUnsafeMutableBytes { o in
                    HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), d.baseAddress?.assumingMemoryBound(to: UInt8.self), d.count,
                         o.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
                }
            }
        }
        return Array(out.prefix(Int(length)))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
