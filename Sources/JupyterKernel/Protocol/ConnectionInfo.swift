import Foundation

/// The connection file Jupyter writes for a kernel it starts: where to
/// listen and the key that signs messages.
struct ConnectionInfo {
    let transport: String
    let ip: String
    let shellPort: Int
    let iopubPort: Int
    let stdinPort: Int
    let controlPort: Int
    let heartbeatPort: Int
    let key: String

    /// Reads the file at `path`.
    init(path: String) throws(KernelError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KernelError.connection("cannot read the connection file '\(path)'")
        }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? JSONObject else {
            throw KernelError.connection("the connection file '\(path)' is not a JSON object")
        }
        func port(_ key: String) throws(KernelError) -> Int {
            guard let p = json[key] as? Int, p > 0, p < 65536 else {
                throw KernelError.connection("the connection file has no valid \(key)")
            }
            return p
        }
        transport = json["transport"] as? String ?? "tcp"
        ip = json["ip"] as? String ?? "127.0.0.1"
        shellPort = try port("shell_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        controlPort = try port("control_port")
        heartbeatPort = try port("hb_port")
        key = json["key"] as? String ?? ""
        let scheme = json["signature_scheme"] as? String ?? "hmac-sha256"
        if !key.isEmpty && scheme != "hmac-sha256" {
            throw KernelError.connection("the connection file asks for \(scheme) signatures; mamlsh signs with hmac-sha256")
        }
    }

    /// Where `port` listens, as jupyter_client names it: `tcp://127.0.0.1:port`,
    /// or for the ipc transport the file `ipc://ip-port` (`ip` being a path).
    func endpoint(_ port: Int) -> String {
        transport == "tcp" ? "tcp://\(ip):\(port)" : "\(transport)://\(ip)-\(port)"
    }
}
