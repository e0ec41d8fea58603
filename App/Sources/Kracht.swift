import Communication
import Dashboard
import Events
import Fund
import FundHelp
import Initiatives
import KrachtCore
import Manifesto
import Matching
import Plans
import Vapor

/// The features of Kracht, in header order. A new feature is one line here.
public enum Kracht {
    public static let features: [any Feature] = [
        ManifestoFeature(), FundFeature(), FundHelpFeature(), InitiativesFeature(), MatchingFeature(),
        EventsFeature(), PlansFeature(), CommunicationFeature(), DashboardFeature(),
    ]

    /// Configures `app` with every feature and the `kracht` commands.
    public static func configure(_ app: Application, config: AppConfig = .fromEnvironment()) async throws {
        try await configureKracht(app, config: config, features: features)
        app.asyncCommands.use(ServeWithWorkerCommand(), as: "serve", isDefault: true)
        app.asyncCommands.use(DemoCommand(), as: "demo")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(UsersCommand(), as: "users")
        app.asyncCommands.use(VerifyCommand(), as: "verify")
        for (name, command) in mergedCommands(of: app.features) { app.asyncCommands.use(command, as: name) }
    }

    /// Every feature's subcommands by name; two features that both give a group under one name
    /// (`kracht fund …`: the money side's and the help's) share it.
    static func mergedCommands(of features: [any Feature]) -> [String: any AnyAsyncCommand] {
        var merged: [String: any AnyAsyncCommand] = [:]
        for feature in features {
            for (name, command) in feature.commands() {
                guard let earlier = merged[name] else {
                    merged[name] = command
                    continue
                }
                guard let first = earlier as? any AsyncCommandGroup, let second = command as? any AsyncCommandGroup else {
                    preconditionFailure("two features give the command \(name)")
                }
                merged[name] = SharedCommandGroup(
                    help: first.help + "; " + second.help,
                    commands: first.commands.merging(second.commands) { _, _ in
                        preconditionFailure("two features give the subcommand \(name) of the same name")
                    })
            }
        }
        return merged
    }

    /// The executable's entry point.
    public static func main() async throws {
        var env = try Environment.detect()
        try LoggingSetup.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// One `kracht <name>` whose subcommands come from more than one feature.
struct SharedCommandGroup: AsyncCommandGroup {
    let help: String
    let commands: [String: any AnyAsyncCommand]
}
