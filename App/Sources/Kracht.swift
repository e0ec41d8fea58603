import Fund
import FundHelp
import KrachtCore
import Manifesto
import Vapor

/// The features of Kracht, in header order. A new feature is one line here.
public enum Kracht {
    public static let features: [any Feature] = [ManifestoFeature(), FundFeature(), FundHelpFeature()]

    /// Configures `app` with every feature and the `kracht` commands.
    public static func configure(_ app: Application, config: AppConfig = .fromEnvironment()) async throws {
        try await configureKracht(app, config: config, features: features)
        app.asyncCommands.use(ServeWithWorkerCommand(), as: "serve", isDefault: true)
        app.asyncCommands.use(DemoCommand(), as: "demo")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(UsersCommand(), as: "users")
        app.asyncCommands.use(VerifyCommand(), as: "verify")
        for feature in app.features {
            for (name, command) in feature.commands() { app.asyncCommands.use(command, as: name) }
        }
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
