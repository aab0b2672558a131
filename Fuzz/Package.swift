// swift-tools-version:6.0
// libFuzzer targets for bulletin. Build with the fuzzer and address sanitizers on every module:
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
// or `make fuzz-loaders`, which also runs it. (No -parse-as-library: SwiftPM links an executable
// with its own `main`, so main.swift starts libFuzzer's driver itself.)
import PackageDescription

let package = Package(
    name: "BulletinFuzz",
    dependencies: [
        .package(name: "bulletin", path: ".."),
    ],
    targets: [
        // Bytes in, through the loaders: as a story file, as issue.yaml or as a layout file.
        .executableTarget(name: "fuzz-loaders", dependencies: ["CLibFuzzer", .product(name: "BulletinKit", package: "bulletin")]),
        .target(name: "CLibFuzzer"),
    ]
)
