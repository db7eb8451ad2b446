// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Bifrost",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bifrost", targets: ["bifrost"]),
        .executable(name: "throwaway-postgres", targets: ["throwaway-postgres"]),
        .library(name: "BifrostPostgres", targets: ["BifrostPostgres"]),
        .library(name: "BifrostSQLite", targets: ["BifrostSQLite"]),
        .library(name: "BifrostPGQuery", targets: ["BifrostPGQuery"]),
        .library(name: "BifrostSchema", targets: ["BifrostSchema"]),
        .library(name: "BifrostIntrospection", targets: ["BifrostIntrospection"]),
        .library(name: "BifrostMapping", targets: ["BifrostMapping"]),
        .library(name: "BifrostTransfer", targets: ["BifrostTransfer"]),
        .library(name: "BifrostTranslate", targets: ["BifrostTranslate"]),
        .library(name: "BifrostTestSupport", targets: ["BifrostTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries: module.modulemap + shim.h only.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CPGQuery", path: "Sources/CPGQuery",
                       providers: [.apt(["libpg-query-dev"])]),

        // Library modules.
        .target(name: "BifrostPostgres", dependencies: ["CLibPQ"]),
        .target(name: "BifrostSQLite", dependencies: ["CSQLite"]),
        .target(name: "BifrostPGQuery", dependencies: ["CPGQuery"]),
        .target(name: "BifrostSchema"),
        .target(name: "BifrostIntrospection", dependencies: ["BifrostSchema", "BifrostPostgres", "BifrostPGQuery", "BifrostSQLite"]),
        .target(name: "BifrostMapping", dependencies: ["BifrostSchema", "BifrostSQLite"],
                plugins: ["EmbedMappings"]),
        .target(name: "BifrostTranslate", dependencies: ["BifrostPGQuery", "BifrostSchema", "BifrostMapping"]),
        .target(name: "BifrostTransfer",
                dependencies: ["BifrostPostgres", "BifrostSQLite", "BifrostSchema",
                               "BifrostIntrospection", "BifrostMapping", "BifrostTranslate", "BifrostPGQuery"]),
        .target(name: "BifrostTestSupport", dependencies: ["BifrostPostgres"]),

        // Executables: thin shells over the library.
        .executableTarget(name: "bifrost",
                          dependencies: ["BifrostTransfer", "BifrostMapping", "BifrostPostgres", "BifrostTranslate",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "throwaway-postgres",
                          dependencies: ["BifrostTestSupport", "BifrostPostgres",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Benchmarks (`make bench`): not part of `make test`.
        .executableTarget(name: "bifrost-bench",
                          dependencies: ["BifrostIntrospection", "BifrostSchema", "BifrostTestSupport",
                                         "BifrostPostgres", "BifrostTransfer", "BifrostSQLite", "BifrostTranslate",
                                         "BifrostPGQuery",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Benchmarks/Sources/bifrost-bench"),

        // Build tooling: compiles Mappings/*.rules into BifrostMapping.
        .executableTarget(name: "embed-text"),
        .plugin(name: "EmbedMappings", capability: .buildTool(), dependencies: ["embed-text"]),

        // Tests: one target per library module, plus end-to-end CLI tests.
        .testTarget(name: "BifrostPostgresTests", dependencies: ["BifrostPostgres", "BifrostTestSupport"]),
        .testTarget(name: "BifrostSQLiteTests", dependencies: ["BifrostSQLite"]),
        .testTarget(name: "BifrostPGQueryTests", dependencies: ["BifrostPGQuery"]),
        .testTarget(name: "BifrostMappingTests", dependencies: ["BifrostMapping"]),
        .testTarget(name: "BifrostIntrospectionTests",
                    dependencies: ["BifrostIntrospection", "BifrostSchema", "BifrostTestSupport",
                                   "BifrostPostgres", "BifrostSQLite", "BifrostTransfer", "BifrostMapping"]),
        .testTarget(name: "BifrostTransferTests",
                    dependencies: ["BifrostTransfer", "BifrostTestSupport", "BifrostPostgres", "BifrostSQLite"]),
        .testTarget(name: "BifrostTranslateTests",
                    dependencies: ["BifrostTranslate", "BifrostTestSupport", "BifrostPostgres", "BifrostSQLite",
                                   "BifrostTransfer", "BifrostIntrospection", "BifrostSchema", "BifrostMapping",
                                   "BifrostPGQuery"],
                    exclude: ["Corpus", "Golden"]),
        .testTarget(name: "bifrostCLITests",
                    dependencies: ["bifrost", "BifrostTestSupport", "BifrostPostgres", "BifrostSQLite", "BifrostTransfer"]),
    ],
    swiftLanguageModes: [.v6]
)
