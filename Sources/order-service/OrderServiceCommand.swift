import ArgumentParser

/// `order-service`: the reference order-processing service Ordeal targets by default, and its fake payments
/// gateway. Each is a subcommand so that their flags (both have `--port`) never collide.
@main
struct OrderServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order-service",
        abstract: "The reference order-processing service: the default target of Ordeal's scenarios.",
        discussion: """
            `order-service [--config FILE] [--port N] ...` runs the service (the `serve` subcommand is the default);
            `order-service serve --help` lists its flags and ORDERPROCESSING_* variables.
            `order-service payments --port N` runs the fake payments gateway orders are charged through.
            `order-service dev-cert --out DIR` writes a development CA and certificates for HTTPS and mutual TLS.
            `order-service verify`, `backup --to FILE` and `restore --from FILE` check, save and restore the data.
            """,
        subcommands: [
            ServeCommand.self, PaymentsCommand.self, DevCertCommand.self, VerifyCommand.self, BackupCommand.self,
            RestoreCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
