import Foundation
import PackagePlugin

/// Compiles the files of `Mappings/` into the BifrostMapping module, so the binary carries
/// the default mapping and the data file stays its only source.
@main
struct EmbedMappings: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let mappings = context.package.directoryURL.appending(path: "Mappings")
        let inputs = try FileManager.default
            .contentsOfDirectory(at: mappings, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "rules" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMappings.swift")
        return [.buildCommand(
            displayName: "Embedding Mappings/*.rules",
            executable: try context.tool(named: "embed-text").url,
            arguments: [output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
