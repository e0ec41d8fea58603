import FakeMollie
import Foundation

// `fake-mollie --port N [--key K] [--webhook-base URL]`: the local Mollie for the webhook
// benchmark. Prints `fake-mollie listening on PORT` when ready and runs until killed.
var arguments = CommandLine.arguments.dropFirst()
var options: [String: String] = [:]
while let name = arguments.popFirst() {
    guard name.hasPrefix("--"), let value = arguments.popFirst() else {
        FileHandle.standardError.write(Data("usage: fake-mollie [--port N] [--key K] [--webhook-base URL]\n".utf8))
        exit(2)
    }
    options[String(name.dropFirst(2))] = value
}
let mollie = try await FakeMollie.start(
    apiKey: options["key"] ?? FakeMollie.defaultKey, port: Int(options["port"] ?? "0") ?? 0, webhookBase: options["webhook-base"])
FileHandle.standardOutput.write(Data("fake-mollie listening on \(mollie.port)\n".utf8))
while true { try await Task.sleep(for: .seconds(3600)) }
