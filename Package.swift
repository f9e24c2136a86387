// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tryout",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tryout", targets: ["tryout"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // Domain types, rules and decisions. Foundation only: no web, no database, no I/O.
        .target(name: "TryoutCore"),
        // Fluent records, migrations, queries and demo data. FluentKit and drivers, no Vapor.
        .target(
            name: "TryoutStore",
            dependencies: [
                "TryoutCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/esco")]
        ),
        // Feature services: every action a person (or a command, or a job) takes, with its
        // checks, writes, audit entries and e-mail, without HTTP. No Vapor, no Plot.
        .target(
            name: "TryoutApp",
            dependencies: [
                "TryoutCore",
                "TryoutStore",
                .product(name: "FluentKit", package: "fluent-kit"),
                // HMAC-SHA256 for signing webhooks; Ed25519 for credentials.
                .product(name: "Crypto", package: "swift-crypto"),
                // gzip for credential status lists.
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // SMTP on SwiftNIO and RFC 5322 messages: nothing of Tryout's, so it is tested alone.
        .target(
            name: "TryoutMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Routes, pages, API, authentication, middleware and commands.
        .target(
            name: "TryoutWeb",
            dependencies: [
                "TryoutCore",
                "TryoutStore",
                "TryoutApp",
                "TryoutMail",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/openapi.json")]
        ),
        .executableTarget(name: "tryout", dependencies: ["TryoutWeb", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]),
        // Search at scale against the database the server uses; see Benchmarks/README.md.
        .executableTarget(
            name: "tryout-search-benchmark",
            dependencies: ["TryoutStore", "TryoutCore"],
            path: "Benchmarks/SearchBenchmark"
        ),
        // What the benchmark programs share: options, output, timing and the server's database.
        .target(
            name: "BenchmarkSupport",
            dependencies: ["TryoutStore", .product(name: "FluentKit", package: "fluent-kit")],
            path: "Benchmarks/Support"
        ),
        // The job queue's throughput on the database the server uses; see Benchmarks/README.md.
        .executableTarget(
            name: "tryout-jobs-benchmark",
            dependencies: ["BenchmarkSupport", "TryoutApp", "TryoutStore", "TryoutCore"],
            path: "Benchmarks/JobsBenchmark"
        ),
        // The ledger's write rate on the database the server uses; see Benchmarks/README.md.
        .executableTarget(
            name: "tryout-ledger-benchmark",
            dependencies: ["BenchmarkSupport", "TryoutStore", "TryoutCore"],
            path: "Benchmarks/LedgerBenchmark"
        ),
        // Ranking candidates for a project at a million profiles: `swift package benchmark`.
        .executableTarget(
            name: "MatchingBenchmark",
            dependencies: ["TryoutCore", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/MatchingBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),

        // Factories and database set-up shared by the test targets.
        .target(
            name: "TryoutTestSupport",
            dependencies: [
                "TryoutWeb",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            path: "Tests/TryoutTestSupport"
        ),
        .testTarget(
            name: "TryoutCoreTests",
            dependencies: ["TryoutCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "TryoutMailTests", dependencies: ["TryoutMail"]),
        .testTarget(name: "TryoutStoreTests", dependencies: ["TryoutStore", "TryoutTestSupport"]),
        .testTarget(name: "TryoutAppTests", dependencies: ["TryoutApp", "TryoutTestSupport"]),
        .testTarget(
            name: "TryoutWebTests",
            dependencies: [
                "TryoutWeb", "TryoutTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["Snapshots/__Snapshots__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
