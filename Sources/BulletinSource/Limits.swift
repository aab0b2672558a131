/// The largest input `bulletin` accepts, in one place so that the README can list them.
///
/// Each is far beyond any real newsletter and well below what makes the program slow or large:
/// a 1 MB deck once took minutes to set and a 10 MB one 1.7 GB of memory. Going past one is an
/// `InputError` naming the file (and the line where there is one), before the work is done.
public enum Limits {
    /// Bytes in one story file.
    public static let storyBytes = 2 * 1024 * 1024
    /// Bytes in the story files of an issue together.
    public static let issueBytes = 8 * 1024 * 1024
    /// Bytes in `issue.yaml` or a layout file.
    public static let yamlFileBytes = 256 * 1024
    /// Bytes in one line of any file (a paragraph is one line to many editors).
    public static let lineBytes = 64 * 1024
    /// Bytes in one YAML value: a title, kicker, deck, name or template.
    public static let valueBytes = 4 * 1024
    /// Words in a headline.
    public static let headlineWords = 40
    /// Story files in `stories/`.
    public static let stories = 500
    /// Levels of block quotes and lists inside each other, and of emphasis, links and images.
    public static let nesting = 32
    /// Bytes in one word (a run without spaces) of a story whose bare addresses become links.
    /// cmark-gfm 0.29's autolink extension takes time growing with the square of a word's
    /// length (a 120 KB word of `www.a_` takes 20 s); a story with a longer word is read without
    /// it, with a warning, and its words set as usual.
    public static let autolinkWordBytes = 1_000
    /// Pages of a composed issue, unless `--max-pages` says otherwise.
    public static let pages = 400
    /// Bytes in one picture file (JPEG, PNG or SVG).
    public static let imageBytes = 32 * 1024 * 1024
    /// Pixels in one JPEG or PNG, read from its header before it is decoded: 100 megapixels
    /// take 400 MB once decoded, and a file of a few KB may claim billions.
    public static let imagePixels = 100_000_000

    /// `count` with thousands separated by commas: "65,536".
    static func format(_ count: Int) -> String {
        let digits = Array(String(count))
        var result = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// A size in bytes as an editor reads it: "2 MB", "256 KB", "900 bytes".
    static func size(_ bytes: Int) -> String {
        if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 { return "\(bytes / (1024 * 1024)) MB" }
        if bytes >= 1024 && bytes % 1024 == 0 { return "\(bytes / 1024) KB" }
        return format(bytes) + " bytes"
    }
}
