// swift-tools-version: 6.1
// Template rendering, the per-request cost the generator pays for `${…}` holes, against naive String building.
// Run: swift run -c release --package-path bench/template-render
import PackageDescription

let package = Package(
    name: "TemplateRenderBench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "https://github.com/jpsim/Yams.git", from: "6.2.0")],
    targets: [
        // The real Scenarios sources, through a symlink, so the benchmark builds only them and Yams.
        .target(name: "Scenarios", dependencies: [.product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "TemplateRenderBench", dependencies: ["Scenarios"]),
    ]
)
