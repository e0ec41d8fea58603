// swift-tools-version:6.0
import PackageDescription

// One package; each feature is a folder (`Features/<Name>/{Sources,Tests,Views}`)
// on a small `Core`. `App` wires the features together; `kracht` is the executable.
let package = Package(
    name: "kracht",
    platforms: [.macOS(.v13)],
    products: [.executable(name: "kracht", targets: ["kracht"])],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.34.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "KrachtCore",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Ink", package: "Ink"),
            ],
            path: "Core/Sources"
        ),
        .target(name: "Manifesto", dependencies: ["KrachtCore"], path: "Features/Manifesto/Sources"),
        .target(name: "Fund", dependencies: ["KrachtCore"], path: "Features/Fund/Sources"),
        // A local HTTP server that behaves like Mollie's v2 API, for the fund's tests and the
        // webhook benchmark (`fake-mollie`): never part of the app.
        .target(name: "FakeMollie", dependencies: [.product(name: "Vapor", package: "vapor")], path: "Features/Fund/FakeMollie"),
        .executableTarget(name: "fake-mollie", dependencies: ["FakeMollie"], path: "Features/Fund/FakeMollieServer"),
        .target(name: "FundHelp", dependencies: ["KrachtCore", "Fund"], path: "Features/FundHelp/Sources"),
        .target(name: "Initiatives", dependencies: ["KrachtCore"], path: "Features/Initiatives/Sources"),
        .target(name: "Matching", dependencies: ["KrachtCore", "Initiatives"], path: "Features/Matching/Sources"),
        .target(name: "Events", dependencies: ["KrachtCore", "Fund", "Initiatives"], path: "Features/Events/Sources"),
        // Plans renders its Markdown with Core's `SafeMarkdown` (Ink, sanitised).
        .target(name: "Plans", dependencies: ["KrachtCore"], path: "Features/Plans/Sources"),
        .target(name: "Dashboard", dependencies: ["KrachtCore"], path: "Features/Dashboard/Sources"),
        .target(name: "Communication", dependencies: ["KrachtCore"], path: "Features/Communication/Sources"),
        .target(
            name: "KrachtApp",
            dependencies: [
                "KrachtCore", "Manifesto", "Fund", "FundHelp", "Initiatives", "Matching", "Events", "Plans", "Dashboard",
                "Communication",
            ],
            path: "App/Sources"
        ),
        // What every feature's tests share: a fresh app per test with just Core and the features
        // under test, a cookie-keeping browser, the mail sink. It needs no other feature, so a
        // feature builds and tests on its own.
        .target(
            name: "KrachtTesting",
            dependencies: [
                "KrachtCore",
                .product(name: "XCTVapor", package: "vapor"),
            ],
            path: "Core/Testing"
        ),
        .executableTarget(name: "kracht", dependencies: ["KrachtApp"], path: "Sources/kracht"),
        .testTarget(
            name: "KrachtCoreTests",
            dependencies: [
                "KrachtTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Core/Tests"
        ),
        .testTarget(name: "ManifestoTests", dependencies: ["Manifesto", "KrachtTesting"], path: "Features/Manifesto/Tests"),
        .testTarget(name: "FundTests", dependencies: ["Fund", "FakeMollie", "KrachtTesting"], path: "Features/Fund/Tests"),
        .testTarget(name: "FundHelpTests", dependencies: ["FundHelp", "Fund", "KrachtTesting"], path: "Features/FundHelp/Tests"),
        .testTarget(name: "InitiativesTests", dependencies: ["Initiatives", "KrachtTesting"], path: "Features/Initiatives/Tests"),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "Initiatives", "KrachtTesting"], path: "Features/Matching/Tests"),
        .testTarget(
            name: "EventsTests", dependencies: ["Events", "Fund", "Initiatives", "FakeMollie", "KrachtTesting"],
            path: "Features/Events/Tests"),
        .testTarget(name: "PlansTests", dependencies: ["Plans", "KrachtTesting"], path: "Features/Plans/Tests"),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "KrachtTesting"], path: "Features/Dashboard/Tests"),
        .testTarget(name: "CommunicationTests", dependencies: ["Communication", "KrachtTesting"], path: "Features/Communication/Tests"),
        // The whole app: what needs every feature at once (each indicator against a direct count of
        // its source, every API path free of personal data).
        .testTarget(name: "KrachtAppTests", dependencies: ["KrachtApp", "FakeMollie", "KrachtTesting"], path: "App/Tests"),
    ]
)
