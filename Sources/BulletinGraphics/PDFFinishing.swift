import CQpdf
import CWholeStreams
import CQpdfLoader
import Foundation

/// What cairo 1.16 cannot write into a PDF, set afterwards: the document's language (`/Lang` in
/// the catalog, which screen readers and hyphenating readers go by), that readers show its
/// title (`/DisplayDocTitle`), its XMP metadata, the
/// structure's entries, artifacts and whole articles, and, for the print edition, each page's
/// TrimBox and BleedBox, which tell the print shop where to cut.
///
/// The PDF cairo wrote is read by libqpdf (its C API), the few keys are set on its objects, and
/// qpdf writes the file anew: a real PDF writer, so the cross-reference table stays right, and
/// no bytes are patched by hand. qpdf writes deterministically (the file /ID is a digest of the
/// content, not of the time), so the same issue still gives the same bytes.
public struct PDFFinishing: Sendable {
    /// A page box in PDF coordinates: points from the page's bottom-left corner.
    public struct Box: Sendable, Equatable {
        public var left: Double
        public var bottom: Double
        public var right: Double
        public var top: Double

        public init(left: Double, bottom: Double, right: Double, top: Double) {
            self.left = left
            self.bottom = bottom
            self.right = right
            self.top = top
        }
    }

    /// One key to set on the structure elements of one type.
    public struct ElementEntries: Sendable, Equatable {
        /// The element type without its slash: "Art", "Figure".
        public var element: String
        /// The key with its slash: "/Lang", "/Alt".
        public var key: String
        public var values: [String?]

        public init(element: String, key: String, values: [String?]) {
            self.element = element
            self.key = key
            self.values = values
        }
    }

    /// A BCP 47 tag for the catalog's /Lang.
    public var language: String
    /// Every page's TrimBox and BleedBox; nil leaves pages without them (they then default to
    /// the MediaBox).
    public var trimBox: Box?
    public var bleedBox: Box?
    /// Entries to set on structure elements that cairo cannot write (a story's /Lang on its
    /// Art, a figure's /Alt): for each element type, the values in the order of the structure
    /// tree, depth first, which is the order cairo began the elements; nil leaves one alone.
    public var elementEntries: [ElementEntries] = []
    /// Pack the objects that are not streams into compressed object streams: a smaller file,
    /// which only PDF 1.5 readers open. For the email edition; print shops' older RIPs may want
    /// plain objects.
    public var objectStreams: Bool
    /// The story of each Art element in tree order: the Arts of one story (its parts on later
    /// pages) are joined into its first (`ArticleJoining`). Empty leaves them apart.
    public var articleStories: [Int] = []
    /// How many elements each Art element in tree order begins inside of that were broken at
    /// the page break before it (`StructureNotes.articleContinues`): a paragraph, a list and its
    /// item; each one's two parts are joined into one.
    public var articleContinues: [Int] = []
    /// The document's XMP metadata, written as the catalog's /Metadata stream; nil for none.
    public var xmp: XMPPacket?
    /// The data of the picture stand-ins drawn (`PictureStandIn`), by number: each stand-in in
    /// the file gets its picture's data in place of its own bytes.
    var pictureData: [Int: PictureData] = [:]
    /// Content streams rewritten while the pages were drawn (`ContentAhead`), by object number.
    var contentAhead: ContentAhead?
    /// The process ends once the PDF is written (`bulletin make` without `--watch`): qpdf's
    /// copy of the file, every object it read and wrote, is left for the system to take back at
    /// exit (`leftForExit`) rather than freed object by object (at 200 pages 23-26 ms, on the
    /// thread that writes the file).
    public var processEndsAfter = false
    /// qpdf's data of the passes whose process ends after them, held to the end (freed by the
    /// system, and not taken for a leak).
    nonisolated(unsafe) static var leftForExit: [qpdf_data] = []

    public init(language: String, trimBox: Box? = nil, bleedBox: Box? = nil, elementEntries: [ElementEntries] = [], objectStreams: Bool) {
        self.language = language
        self.elementEntries = elementEntries
        self.trimBox = trimBox
        self.bleedBox = bleedBox
        self.objectStreams = objectStreams
    }

    /// Starts loading libqpdf on another thread, for a finishing pass to come: a build that
    /// will write a PDF calls this as it begins.
    public static func loadAhead() { bulletin_qpdf_load_ahead() }

    /// `BULLETIN_TEST_DAMAGE_PDF=1` cuts the PDF cairo wrote in half before it is finished, so
    /// that the tests can see a failed pass write nothing and leave the earlier file alone.
    static let damageForTests = ProcessInfo.processInfo.environment["BULLETIN_TEST_DAMAGE_PDF"] == "1"

    /// The PDF `pdf` with the language and boxes set. Throws a message for the user when qpdf
    /// cannot read what cairo wrote, or warns about it: such a file would not be safe to print.
    public func apply(to pdf: [UInt8]) throws(FinishingError) -> [UInt8] {
        let pdf = Self.damageForTests ? Array(pdf.prefix(pdf.count / 2)) : pdf
        if let problem = bulletin_qpdf_load() {
            throw FinishingError(reason: "libqpdf cannot be loaded (\(String(cString: problem))): `make setup` installs it")
        }
        guard let qpdf = qpdf_init() else { throw FinishingError(reason: "qpdf could not start") }
        defer {
            if processEndsAfter {
                Self.leftForExit.append(qpdf)
            } else {
                var data: qpdf_data? = qpdf
                qpdf_cleanup(&data)
            }
        }
        qpdf_silence_errors(qpdf)
        qpdf_set_suppress_warnings(qpdf, 1)

        _ = pdf.withUnsafeBytes { bytes in
            qpdf_read_memory(qpdf, "the PDF", bytes.baseAddress?.assumingMemoryBound(to: CChar.self), UInt64(bytes.count), nil)
        }
        try check(qpdf, "read the PDF cairo wrote")
        try putPictureData(qpdf, pdf)
        try decodeInvertedCMYK(qpdf, pdf)

        qpdf_oh_replace_key(qpdf, qpdf_get_root(qpdf), "/Lang", qpdf_oh_new_unicode_string(qpdf, language))
        // Readers show the document's title, not its file name, in their window (PDF/UA asks it).
        let preferences = qpdf_oh_new_dictionary(qpdf)
        qpdf_oh_replace_key(qpdf, preferences, "/DisplayDocTitle", qpdf_oh_new_bool(qpdf, 1))
        qpdf_oh_replace_key(qpdf, qpdf_get_root(qpdf), "/ViewerPreferences", preferences)
        let pages = qpdf_get_num_pages(qpdf)
        try check(qpdf, "find the pages")
        for index in 0..<max(0, Int(pages)) {
            let page = qpdf_get_page_n(qpdf, index)
            if let trimBox { qpdf_oh_replace_key(qpdf, page, "/TrimBox", array(trimBox, qpdf)) }
            if let bleedBox { qpdf_oh_replace_key(qpdf, page, "/BleedBox", array(bleedBox, qpdf)) }
        }
        try check(qpdf, "set the page boxes")
        // Every object the C API hands out is held until it is released: tens of thousands
        // in a long issue's structure tree, 10 MB or more at 200 pages. The tree is read once
        // for the three passes over it, and its handles are released after them.
        qpdf_oh_release_all(qpdf)
        let structure = StructureTree(qpdf: qpdf).snapshot()
        try check(qpdf, "read the structure tree")
        if !elementEntries.isEmpty {
            setEntries(qpdf, structure)
            try check(qpdf, "set the structure's languages and alternate texts")
        }
        ArtifactMarking(qpdf: qpdf, ahead: contentAhead, file: pdf).apply(structure)
        try check(qpdf, "mark the page furniture as artifacts")
        // After the entries, which count the Art elements as cairo wrote them.
        ArticleJoining(qpdf: qpdf, stories: articleStories, continues: articleContinues).apply(structure)
        try check(qpdf, "join each story's articles")
        qpdf_oh_release_all(qpdf)

        // Last: a new object makes qpdf go over every object the file has (to number it),
        // which it does at no extra cost once the passes above have read them.
        if let xmp {
            let stream = qpdf_oh_new_stream(qpdf)
            let dictionary = qpdf_oh_get_dict(qpdf, stream)
            qpdf_oh_replace_key(qpdf, dictionary, "/Type", qpdf_oh_new_name(qpdf, "/Metadata"))
            qpdf_oh_replace_key(qpdf, dictionary, "/Subtype", qpdf_oh_new_name(qpdf, "/XML"))
            Array(xmp.xml.utf8).withUnsafeBufferPointer { bytes in
                qpdf_oh_replace_stream_data(qpdf, stream, bytes.baseAddress, bytes.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
            }
            qpdf_oh_replace_key(qpdf, qpdf_get_root(qpdf), "/Metadata", stream)
            try check(qpdf, "add the XMP metadata")
        }

        qpdf_init_write_memory(qpdf)
        qpdf_set_deterministic_ID(qpdf, 1)
        qpdf_set_object_stream_mode(qpdf, objectStreams ? qpdf_o_generate : qpdf_o_disable)
        // The object streams qpdf packs are compressed whole by libdeflate, in a third of
        // zlib's time (Sources/CWholeStreams).
        bulletin_streams_whole(1)
        qpdf_write(qpdf)
        bulletin_streams_whole(0)
        try check(qpdf, "write the PDF")

        // A warning means qpdf had to repair what cairo wrote: not something to send to press.
        // Except one: cairo 1.16 names a picture drawn twice on a page twice in the page's
        // resources (`/x44 44 0 R /x44 44 0 R`), which qpdf reports and writes once.
        var warnings: [String] = []
        while qpdf_more_warnings(qpdf) != 0 {
            let warning = String(cString: qpdf_get_error_full_text(qpdf, qpdf_next_warning(qpdf)))
            if !warning.contains("dictionary has duplicated key") { warnings.append(warning) }
        }
        if let first = warnings.first {
            throw FinishingError(reason: "qpdf found the PDF cairo wrote damaged (\(first)\(warnings.count > 1 ? ", and \(warnings.count - 1) more" : ""))")
        }
        let length = qpdf_get_buffer_length(qpdf)
        guard let buffer = qpdf_get_buffer(qpdf), length > 0 else { throw FinishingError(reason: "qpdf wrote nothing") }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// Puts each picture's data in the place of its stand-in's bytes. Every stand-in cairo
    /// wrote is found by its marker in the file as cairo wrote it (a JPEG's bytes are written as
    /// they are, in an object of their own); its object must hold exactly the stand-in's bytes,
    /// or nothing is written: a PDF never goes out with a stand-in in it.
    private func putPictureData(_ qpdf: qpdf_data, _ pdf: [UInt8]) throws(FinishingError) {
        for (object, number) in Self.standIns(in: pdf) {
            guard let picture = pictureData[number] else {
                throw FinishingError(reason: "object \(object) is a picture stand-in that was not drawn")
            }
            let stream = qpdf_get_object_by_id(qpdf, Int32(clamping: object), 0)
            var filtered: QPDF_BOOL = 0
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            if qpdf_oh_is_stream(qpdf, stream) != 0 {
                _ = qpdf_oh_get_stream_data(qpdf, stream, qpdf_dl_none, &filtered, &buffer, &length)
            }
            defer { free(buffer) }
            let held = buffer.map { Array(UnsafeBufferPointer(start: $0, count: length)) }
            guard held == PictureStandIn.bytes(number: number, data: picture) else {
                throw FinishingError(reason: "object \(object) does not hold the picture stand-in it names")
            }
            let parameters = picture.decodeParameters.map { qpdf_oh_parse(qpdf, $0) } ?? qpdf_oh_new_null(qpdf)
            picture.data.withUnsafeBufferPointer { data in
                qpdf_oh_replace_stream_data(qpdf, stream, data.baseAddress, data.count, qpdf_oh_new_name(qpdf, "/FlateDecode"), parameters)
            }
            if let colourSpace = picture.colourSpace {
                let dictionary = qpdf_oh_get_dict(qpdf, stream)
                qpdf_oh_replace_key(qpdf, dictionary, "/ColorSpace", qpdf_oh_parse(qpdf, colourSpace))
                qpdf_oh_replace_key(qpdf, dictionary, "/BitsPerComponent", qpdf_oh_parse(qpdf, String(picture.bitsPerComponent)))
            }
            try check(qpdf, "put a picture's data in place")
        }
        qpdf_oh_release_all(qpdf)
    }

    /// Gives each CMYK JPEG with Adobe's marker (APP14) the /Decode array that inverts its
    /// samples. Photoshop and the libraries after it write a CMYK JPEG's samples inverted, 0 for
    /// full ink, and say so by that marker, which PDF readers do not read: cairo writes the
    /// picture as plain /DeviceCMYK, and it printed and showed as its negative, nearly black
    /// (as pdfTeX does, the array is set where the marker is). Cairo writes /DeviceCMYK for
    /// nothing else: the objects are found by that name in the file as cairo wrote it.
    private func decodeInvertedCMYK(_ qpdf: qpdf_data, _ pdf: [UInt8]) throws(FinishingError) {
        for object in Self.cmykPictures(in: pdf) {
            let stream = qpdf_get_object_by_id(qpdf, Int32(clamping: object), 0)
            guard qpdf_oh_is_stream(qpdf, stream) != 0 else { continue }
            var filtered: QPDF_BOOL = 0
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            _ = qpdf_oh_get_stream_data(qpdf, stream, qpdf_dl_none, &filtered, &buffer, &length)
            defer { free(buffer) }
            guard let buffer, ImageHeader.hasAdobeMarker(UnsafeBufferPointer(start: buffer, count: length)) else { continue }
            qpdf_oh_replace_key(qpdf, qpdf_oh_get_dict(qpdf, stream), "/Decode", qpdf_oh_parse(qpdf, "[1 0 1 0 1 0 1 0]"))
            try check(qpdf, "set a CMYK picture's decoding")
        }
        qpdf_oh_release_all(qpdf)
    }

    /// The objects of the CMYK pictures in a PDF as cairo wrote it: those whose dictionary
    /// names /DeviceCMYK, the colour space of a four-component JPEG.
    static func cmykPictures(in pdf: [UInt8]) -> [Int] {
        let name = Array("/ColorSpace /DeviceCMYK".utf8)
        return pdf.withUnsafeBufferPointer { bytes in
            var found: [Int] = []
            var from = 0
            while let at = CairoOutputScan.find(name, in: bytes, from: from) {
                from = at + name.count
                if let object = CairoOutputScan.objectHeader(before: at, in: bytes)?.object, !found.contains(object) { found.append(object) }
            }
            return found
        }
    }

    /// The stand-ins in a PDF as cairo wrote it: for each occurrence of the marker, the number
    /// of the object it stands in (`N 0 obj` before it, 0 if there is none) and the stand-in's
    /// number after it (0 if there is none): such a stand-in stops the pass.
    static func standIns(in pdf: [UInt8]) -> [(object: Int, number: Int)] {
        let marker = PictureStandIn.marker
        return pdf.withUnsafeBufferPointer { bytes in
            var found: [(object: Int, number: Int)] = []
            var from = 0
            while let at = CairoOutputScan.find(marker, in: bytes, from: from) {
                from = at + marker.count
                let number = CairoOutputScan.number(in: bytes, at: &from) ?? 0
                // Cairo's dictionary and `stream` come between the object's line and the bytes.
                found.append((object: CairoOutputScan.objectHeader(before: at, in: bytes)?.object ?? 0, number: number))
            }
            return found
        }
    }

    /// Sets `elementEntries` on the structure's elements, counting each type in tree order.
    private func setEntries(_ qpdf: qpdf_data, _ structure: StructureTree.Snapshot) {
        var counts: [String: Int] = [:]
        for element in structure.elements {
            guard let name = element.type else { continue }
            let index = counts[name, default: 0]
            counts[name] = index + 1
            for entries in elementEntries where entries.element == name && entries.values.indices.contains(index) {
                if let value = entries.values[index] { qpdf_oh_replace_key(qpdf, element.node, entries.key, qpdf_oh_new_unicode_string(qpdf, value)) }
            }
        }
    }

    private func array(_ box: Box, _ qpdf: qpdf_data) -> qpdf_oh {
        let array = qpdf_oh_new_array(qpdf)
        for value in [box.left, box.bottom, box.right, box.top] {
            qpdf_oh_append_item(qpdf, array, qpdf_oh_new_real_from_double(qpdf, value, 3))
        }
        return array
    }

    private func check(_ qpdf: qpdf_data, _ step: String) throws(FinishingError) {
        guard qpdf_has_error(qpdf) != 0 else { return }
        let error = qpdf_get_error(qpdf)
        let detail = error.map { String(cString: qpdf_get_error_message_detail(qpdf, $0)) } ?? "unknown error"
        throw FinishingError(reason: "qpdf could not \(step): \(detail)")
    }
}

/// The finishing pass failed; nothing was written.
public struct FinishingError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "cannot set the page boxes and language: \(reason)" }
}
