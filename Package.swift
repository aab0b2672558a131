// swift-tools-version:6.0
import PackageDescription

/// Whether to keep glibc's allocator rather than link jemalloc: an AddressSanitizer build
/// has its own, and jemalloc's C++ operators beside it free what ASan's malloc did not make.
let systemMalloc = Context.environment["BULLETIN_SYSTEM_MALLOC"] == "1"

let package = Package(
    name: "bulletin",
    products: [
        .executable(name: "bulletin", targets: ["bulletin"]),
        // For tools outside this package, such as the fuzzers in Fuzz/.
        .library(name: "BulletinKit", targets: ["BulletinKit", "BulletinSource", "BulletinModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries, found through pkg-config (installed by `make setup`).
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CFontconfig", pkgConfig: "fontconfig", providers: [.apt(["libfontconfig-dev"])]),
        // cmark-gfm parses CommonMark, and its autolink extension finds bare web and e-mail addresses.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CGdkPixbuf", pkgConfig: "gdk-pixbuf-2.0", providers: [.apt(["libgdk-pixbuf-2.0-dev"])]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        // Sets what cairo cannot write: page boxes and the document language. Its header only:
        // the library is loaded when it is first needed (CQpdfLoader), not linked.
        .systemLibrary(name: "CQpdf", providers: [.apt(["libqpdf-dev"])]),
        // libhyphen ships no .pc file; its module map links `hyphen` directly.
        .systemLibrary(name: "CHyphen", providers: [.apt(["libhyphen-dev"])]),
        // zlib, as cairo compresses pictures: to tell early that a picture would be larger
        // stored losslessly than as JPEG.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libdeflate, for the pages' content compressed while they are drawn: at zlib's level
        // (6) it is about three times as fast as zlib, and as small.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // The allocator, jemalloc (libjemalloc-dev): glibc's malloc and free were an eighth of
        // the drawing thread's time at 200 pages. Linked here, its malloc is every library's.
        // BULLETIN_SYSTEM_MALLOC=1 builds with glibc's (AddressSanitizer builds: `make fuzz-asan`).
        .target(name: "CMalloc", cSettings: systemMalloc ? [.define("BULLETIN_SYSTEM_MALLOC")] : [],
                linkerSettings: systemMalloc ? [] : [.linkedLibrary("jemalloc")]),

        // Pango's font matching for a new font list: the match on the thread that asks for it,
        // the sort on one sorting thread, rather than on two threads Pango starts for each list
        // (Sources/CFontsetMatching/fontset_matching.c); and their answers given again for the
        // same list at another size (fontset_reuse.c); and cairo's font faces made one at a time
        // (font_face_creation.c); and FreeType faces opened under one lock, those cairo closes
        // set aside until no thread draws (face_closing.c); and fontconfig's edits of a pattern
        // given again for the same pattern (substitution_reuse.c).
        .target(name: "CFontsetMatching", dependencies: ["CLibraryLoader"], linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("fontconfig")]),
        // Cairo's and qpdf's Flate streams (the fonts cairo embeds, the object streams qpdf
        // packs) compressed whole by libdeflate while a PDF is finished, rather than by zlib as
        // the libraries write them (Sources/CWholeStreams/whole_streams.c).
        .target(name: "CWholeStreams", dependencies: ["CLibraryLoader"], linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("deflate"), .linkedLibrary("z")]),
        // The numbers cairo writes into a PDF formatted here, to glibc's bytes, rather than by
        // glibc's snprintf (Sources/CCairoNumbers/cairo_numbers.c).
        .target(name: "CCairoNumbers", dependencies: ["CLibraryLoader"], linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("m")]),
        // JPEG encoding with libjpeg (libjpeg-dev, which gdk-pixbuf's headers need too), for the
        // one-component JPEGs of grey pictures that gdk-pixbuf's saver cannot write.
        .target(name: "CJpegEncoder", linkerSettings: [.linkedLibrary("jpeg")]),

        // Libraries loaded with dlopen when first needed, or ahead on a thread of their own,
        // rather than linked (each linked one is loaded and relocated before main, every start).
        .target(name: "CLibraryLoader", linkerSettings: [.linkedLibrary("dl")]),
        // libqpdf's functions as CQpdf declares them, each loading the library the first time
        // (written by scripts/make-qpdf-loader.py).
        .target(name: "CQpdfLoader", dependencies: ["CLibraryLoader"]),
        // The few functions of librsvg (librsvg2-2) that pictures use, declared here, each
        // loading the library the first time.
        .target(name: "CRsvgLoader", dependencies: ["CLibraryLoader"]),
        .target(name: "BulletinModel"),
        .target(name: "BulletinSource", dependencies: ["BulletinModel", "CCmark", .product(name: "Yams", package: "Yams")]),
        .target(name: "ParagraphBreaker"),
        .target(name: "BulletinLayout", dependencies: ["BulletinModel", "ParagraphBreaker"]),
        .target(name: "BulletinGraphics", dependencies: ["BulletinModel", "BulletinLayout", "CCairo", "CPango", "CFontconfig",
                                                   "CGdkPixbuf", "CRsvgLoader", "CHarfBuzz", "CQpdf", "CQpdfLoader", "CZlib", "CDeflate", "CMalloc", "CFontsetMatching",
                                                   "CJpegEncoder", "CWholeStreams", "CCairoNumbers"]),
        .target(name: "BulletinKit", dependencies: ["BulletinModel", "BulletinSource", "BulletinLayout", "BulletinGraphics", "CMalloc"]),
        .executableTarget(name: "bulletin", dependencies: ["BulletinKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .testTarget(name: "ParagraphBreakerTests", dependencies: ["ParagraphBreaker"]),
        .testTarget(name: "BulletinSourceTests", dependencies: ["BulletinSource", "BulletinModel"]),
        .testTarget(name: "BulletinLayoutTests", dependencies: ["BulletinLayout", "BulletinModel", "BulletinSource"],
                    // Recorded dumps of composed frames, read by FrameDumpTests from the source tree.
                    exclude: ["Frames"]),
        // libhyphen only for the tests that compare its hyphenation points with ours; HarfBuzz and
        // FreeType to look into the faces CompactFonts makes; the JPEG encoder for grey JPEGs to read.
        .testTarget(name: "BulletinGraphicsTests", dependencies: ["BulletinGraphics", "BulletinLayout", "BulletinModel", "BulletinSource", "CHyphen", "CHarfBuzz", "CFontconfig", "CFontsetMatching",
                                                          "CJpegEncoder", "CGlyphLoadCounting", "CWholeStreams", "CZlib", "CLibraryLoader", "CCairoNumbers"]),
        // FreeType's glyph loads counted per thread, for the tests only (GlyphsAheadTests).
        .target(name: "CGlyphLoadCounting", path: "Tests/CGlyphLoadCounting", linkerSettings: [.linkedLibrary("dl")]),
        .testTarget(name: "EndToEndTests", dependencies: ["BulletinKit", "BulletinLayout", "BulletinGraphics", "BulletinModel", "CProcessTesting"]),
        // A test's process made the reaper of its children's orphans (ProcessExitTests).
        .target(name: "CProcessTesting", path: "Tests/CProcessTesting"),
    ]
)
