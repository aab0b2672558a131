import ArgumentParser
import Foundation
import BulletinKit

/// `bulletin layouts`: the layouts an issue may name.
struct Layouts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layouts",
        abstract: "List the layouts an issue may name, and where each comes from.",
        discussion: """
        An issue's layout: in issue.yaml (or --layout) is looked for in the issue's own layouts/, \
        then in bulletin's: PREFIX/share/bulletin/layouts beside the installed binary, \
        $BULLETIN_HOME/layouts, and the source checkout bulletin was built from. A name found \
        earlier hides the same name later: those are marked "(hidden)". layouts/README.md in the \
        source describes every key of a layout file.

        Examples:
          bulletin layouts              # for the issue folder you are in, or any issue
          bulletin layouts 2026-11      # including 2026-11/layouts/
        """)

    @Argument(help: "An issue folder, to include its own layouts/ (default: the folder you are in, if it holds issue.yaml).",
              completion: .directory)
    var issue: String?

    func run() throws {
        let folder = issue ?? (FileManager.default.fileExists(atPath: "issue.yaml") ? "." : nil)
        let entries = Bulletin.layouts(issue: folder)
        guard !entries.isEmpty else {
            printError("error: no layouts found: bulletin looked in \(Bulletin.layoutFolders.joined(separator: ", ")); set BULLETIN_HOME to the folder that holds layouts/")
            throw ExitCode(1)
        }
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            let name = entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
            print("\(name)  \(entry.source): \(entry.path)\(entry.hidden ? " (hidden)" : "")")
        }
    }
}

/// `bulletin fonts`: the font families a layout may name.
struct Fonts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fonts",
        abstract: "List the font families a layout may name, and where each comes from.",
        discussion: """
        A layout names fonts by family (family: Liberation Serif). They are found in the issue's \
        fonts/, then in bulletin's fonts/ (installed, $BULLETIN_HOME or the source checkout), then \
        among the system's fonts. Each line gives the family, its styles and the source. A family \
        that is not listed is an error when a layout names it.

        Examples:
          bulletin fonts                  # every family, for the issue folder you are in
          bulletin fonts 2026-11          # including 2026-11/fonts/
          bulletin fonts | grep -i serif
        """)

    @Argument(help: "An issue folder, to include its own fonts/ (default: the folder you are in, if it holds issue.yaml).",
              completion: .directory)
    var issue: String?

    func run() throws {
        let folder = issue ?? (FileManager.default.fileExists(atPath: "issue.yaml") ? "." : nil)
        for entry in Bulletin.fonts(issue: folder) {
            let place = entry.source == "system" ? "system: \(entry.folder)" : "\(entry.source): \(entry.folder)"
            print("\(entry.family)  (\(entry.styles.joined(separator: ", ")))  \(place)")
        }
    }
}
