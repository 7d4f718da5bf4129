import Foundation

/// A JSON object as Foundation reads and writes it.
typealias JSONObject = [String: Any]

/// One message of the Jupyter messaging protocol 5.3 (jupyter-client's
/// "Messaging in Jupyter"): the routing identities, the header, the parent
/// header (the request a reply or output belongs to), metadata, content and
/// binary buffers.
struct JupyterMessage: @unchecked Sendable {
    // @unchecked: the JSON objects hold only strings, numbers, booleans,
    // arrays and dictionaries, and a message is never shared while changed.

    /// The delimiter between routing identities and the signed parts.
    static let delimiter = Array("<IDS|MSG>".utf8)
    /// The protocol version this kernel speaks.
    static let protocolVersion = "5.3"

    var identities: [[UInt8]]
    var header: JSONObject
    var parentHeader: JSONObject
    var metadata: JSONObject
    var content: JSONObject
    var buffers: [[UInt8]] = []

    /// `execute_request`, `kernel_info_request`, …
    var type: String { header["msg_type"] as? String ?? "" }

    /// Decodes the frames of a received message; throws when the signature
    /// does not match (a message not from a client holding the key) or a
    /// part is not JSON.
    static func decode(_ frames: [[UInt8]], signer: Signer) throws(KernelError) -> JupyterMessage {
        guard let split = frames.firstIndex(of: delimiter) else {
            throw KernelError.malformed("a message without the <IDS|MSG> delimiter")
        }
        let parts = Array(frames[(split + 1)...])
        guard parts.count >= 5 else { throw KernelError.malformed("a message with \(parts.count) parts after the delimiter (5 needed)") }
        guard signer.verify(parts[0], Array(parts[1...4])) else {
            throw KernelError.malformed("a message with a bad signature")
        }
        func object(_ bytes: [UInt8], _ what: String) throws(KernelError) -> JSONObject {
            if bytes.isEmpty { return [:] }
            guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)), let object = value as? JSONObject else {
                throw KernelError.malformed("the \(what) of a message is not a JSON object")
            }
            return object
        }
        return JupyterMessage(identities: Array(frames[..<split]), header: try object(parts[1], "header"),
                              parentHeader: try object(parts[2], "parent header"),
                              metadata: try object(parts[3], "metadata"), content: try object(parts[4], "content"),
                              buffers: Array(parts.dropFirst(5)))
    }

    /// The frames of this message, signed.
    func encode(signer: Signer) throws(KernelError) -> [[UInt8]] {
        func bytes(_ object: JSONObject, _ what: String) throws(KernelError) -> [UInt8] {
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
                throw KernelError.malformed("the \(what) of a message could not be written as JSON")
            }
            return Array(data)
        }
        let signed = [try bytes(header, "header"), try bytes(parentHeader, "parent header"),
                      try bytes(metadata, "metadata"), try bytes(content, "content")]
        return identities + [JupyterMessage.delimiter, Array(signer.signature(signed).utf8)] + signed + buffers
    }

    /// A new message of `type` answering or following `parent` (its header
    /// becomes the parent header; replies go to the same identities).
    static func reply(to parent: JupyterMessage?, type: String, content: JSONObject, session: String,
                      identities: [[UInt8]]? = nil) -> JupyterMessage {
        let header: JSONObject = [
            "msg_id": UUID().uuidString.lowercased(),
            "session": session,
            "username": (parent?.header["username"] as? String) ?? "mamlsh",
            "date": timestamp(),
            "msg_type": type,
            "version": protocolVersion,
        ]
        return JupyterMessage(identities: identities ?? parent?.identities ?? [], header: header,
                              parentHeader: parent?.header ?? [:], metadata: [:], content: content)
    }

    /// Now, as the protocol writes dates (ISO 8601 with microseconds, UTC).
    static func timestamp() -> String {
        let now = Date()
        let seconds = now.timeIntervalSince1970
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let micros = Int((seconds - Double(Int(seconds))) * 1_000_000)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
    }
}
