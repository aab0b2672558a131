/// The two products made from one issue: a PDF for the print shop and one to send by email.
public enum Edition: String, Sendable, CaseIterable {
    /// Trim, bleed and crop marks, the page boxes a press needs, pictures at full resolution.
    case print
    /// The pages as they are, for reading on a screen: today's PDF.
    case email
}

/// How the print edition puts pages on the sheets the press prints.
public enum Imposition: String, Sendable, CaseIterable {
    /// Two pages side by side on a sheet twice as wide, front and back, in the order that makes a
    /// saddle-stitched booklet when the sheets are stacked, folded and stapled.
    case booklet
}
