import Foundation

/// Hostile cases: the print edition's layout keys (`print:`) and the issue's language, each an
/// error naming the file, the key and the line, with the earlier PDF left alone.
extension HostileCorpus {
    static var printing: [HostileCase] {
        [
            printCase("print bleed too wide", "print: {bleed: 30mm}", "print.bleed must be from 0 to 20mm, not \"30mm\""),
            printCase("print negative bleed", "print: {bleed: -3mm}", "print.bleed must be from 0 to 20mm, not \"-3mm\""),
            printCase("print NaN bleed", "print: {bleed: nan}", "print.bleed must be from 0 to 20mm, not \"nan\""),
            printCase("print bleed not a length", "print: {bleed: wide}", "print.bleed must be a length such as 12pt, 4.5mm, 1cm or 0.5in, not \"wide\""),
            printCase("print marks not a yes or no", "print: {marks: sometimes}", "print.marks must be true or false, not \"sometimes\""),
            printCase("print unknown key", "print: {crop_marks: true}", "unknown key \"crop_marks\" in print (known: bleed, marks)"),
            HostileCase("issue lang not a language tag", kind: "print", expect: .fails(["issue.yaml:\(sampleLine("copyright:") + 1): lang must be a language tag such as en, de or zh-Hans, not \"English (UK)\""]),
                        arguments: { ["make", $0.issue, "-o", $0.output, "--for", "print"] }) {
                try $0.replace("issue.yaml", "copyright: © 2026 Northbridge University", "copyright: © 2026 Northbridge University\nlang: English (UK)")
            },
        ]
    }

    /// A case that adds `line` to the classic layout after its name, makes the print edition,
    /// and fails on that line with `message`.
    static func printCase(_ name: String, _ line: String, _ message: String) -> HostileCase {
        HostileCase(name, kind: "print", expect: .fails(["layouts/hostile.yaml:\(classicLine("name: classic") + 1): \(message)"]),
                    arguments: { ["make", $0.issue, "-o", $0.output, "--for", "print"] }) {
            try $0.layout([("name: classic", "name: classic\n" + line)])
        }
    }
}
