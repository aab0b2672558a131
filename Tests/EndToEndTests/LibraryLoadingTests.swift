import Foundation
import XCTest

/// libqpdf and librsvg are not linked into bulletin but loaded when a build needs them, on a
/// thread of their own (CLibraryLoader): libqpdf with its own libraries (libstdc++, GnuTLS and
/// theirs) took about 6 ms of every start, `bulletin --version` included, and librsvg with
/// libxml2 and ICU about 2.6 ms.
final class LibraryLoadingTests: XCTestCase {
    func testLibqpdfIsLoadedOnlyByABuild() throws {
        let needed = try neededLibraries()
        XCTAssertFalse(needed.contains("libqpdf"), needed)

        XCTAssertFalse(try loaded(["--version"]).contains("libqpdf"), "--version loads no libqpdf")

        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertTrue(try loaded(["make", "--sample", "-o", folder + "/issue.pdf", "-q"]).contains("libqpdf"), "a build loads libqpdf to finish the PDF")
        // Finished by qpdf: the document's language is set in the catalog.
        let root = try Tools.run("qpdf", ["--json=2", "--json-key=qpdf", folder + "/issue.pdf"])
        XCTAssertTrue(root.stdout.contains("\"/Lang\": \"u:en\""), String(root.stdout.prefix(500)))
    }

    func testLibrsvgIsLoadedOnlyByAnIssueWithAnSVG() throws {
        let needed = try neededLibraries()
        XCTAssertFalse(needed.contains("librsvg"), needed)
        XCTAssertFalse(needed.contains("libxml2"), needed)

        XCTAssertFalse(try loaded(["--version"]).contains("librsvg"), "--version loads no librsvg")

        // The sample's chart and logo are SVGs: drawn, as vectors, with their text as text.
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertTrue(try loaded(["make", "--sample", "-o", folder + "/issue.pdf", "-q"]).contains("librsvg"), "an issue with SVGs loads librsvg")
        let text = try Tools.run("pdftotext", ["-f", "1", "-l", "1", folder + "/issue.pdf", "-"])
        XCTAssertTrue(text.stdout.contains("Europe"), "the chart's labels are text: \(text.stdout.prefix(800))")
    }

    /// Without a libqpdf it can load (here: files of its names that are not libraries, first on
    /// the library path), a build fails saying so, and writes nothing.
    func testABuildWithoutLibqpdfSaysSoAndWritesNothing() throws {
        let made = try buildOfTheSample(without: ["libqpdf.so.29", "libqpdf.so.28", "libqpdf.so"])
        XCTAssertTrue(made.stderr.contains("libqpdf cannot be loaded"), made.stderr)
        XCTAssertTrue(made.stderr.contains("no PDF was written"), made.stderr)
    }

    /// Without a librsvg it can load, an issue with an SVG fails naming the picture's story and
    /// line, and saying what to do; nothing is written.
    func testAnSVGWithoutLibrsvgSaysSoAndWritesNothing() throws {
        let made = try buildOfTheSample(without: ["librsvg-2.so.2", "librsvg-2.so"])
        XCTAssertTrue(made.stderr.contains("01-record-year-for-exchange.md:"), made.stderr)
        XCTAssertTrue(made.stderr.contains("librsvg cannot be loaded"), made.stderr)
    }

    /// A build that ends at once (an error in the layout, found after the stories are read)
    /// while librsvg is being loaded ahead waits for the load before the process ends: ended
    /// under a loading thread, the loader ran GLib's constructors again among the process's
    /// destructors and GLib aborted the process. Here an LD_PRELOAD library makes dlopen slow
    /// (it says when it begins loading librsvg, waits 0.3 s, and says when it has loaded it)
    /// and holds `exit` until that load has begun (else the error could be found before the
    /// loading thread starts, and a load not begun is rightly never begun): the error is told,
    /// the exit status is 1, and the load ended before the process did.
    func testAnEarlyErrorWaitsForALibraryBeingLoaded() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = folder + "/slow-dlopen.c", library = folder + "/slow-dlopen.so"
        try """
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <unistd.h>
            static volatile int begun;
            void *dlopen(const char *name, int flags) {
                static void *(*real)(const char *, int);
                if (!real) real = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
                int slow = name && strstr(name, "librsvg") != NULL;
                if (slow) { fprintf(stderr, "librsvg loading\\n"); __atomic_store_n(&begun, 1, __ATOMIC_SEQ_CST); usleep(300000); }
                void *handle = real(name, flags);
                if (slow) fprintf(stderr, "librsvg loaded\\n");
                return handle;
            }
            void exit(int status) {
                void (*real)(int) = (void (*)(int))dlsym(RTLD_NEXT, "exit");
                for (int i = 0; i < 300 && !__atomic_load_n(&begun, __ATOMIC_SEQ_CST); i++) usleep(10000);
                real(status);
                __builtin_unreachable();
            }
            """.write(toFile: source, atomically: true, encoding: .utf8)
        let compiled = try Tools.run("cc", ["-shared", "-fPIC", "-o", library, source, "-ldl"])
        XCTAssertEqual(compiled.status, 0, compiled.stderr)
        try "nonsense_key: 1\n".write(toFile: folder + "/broken.yaml", atomically: true, encoding: .utf8)
        let made = try Tools.run("/usr/bin/env", ["LD_PRELOAD=" + library, Tools.bulletin, "make", "--sample",
                                                  "--layout", folder + "/broken.yaml", "-o", folder + "/issue.pdf"])
        XCTAssertEqual(made.status, 1, made.stderr)
        XCTAssertTrue(made.stderr.contains("unknown key \"nonsense_key\""), made.stderr)
        XCTAssertTrue(made.stderr.contains("librsvg loading"), "the test's premise: librsvg is loaded ahead before the error ends the build: \(made.stderr)")
        XCTAssertTrue(made.stderr.contains("librsvg loaded"), "the process ended before the load: \(made.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/issue.pdf"))
    }

    /// The process's allocator is jemalloc, with bulletin's settings: the libraries' memory
    /// (Pango's, cairo's, qpdf's) and the Swift runtime's goes through it, not glibc's malloc.
    /// jemalloc's own report at the end of a build (asked for with MALLOC_CONF) names its one
    /// arena and counts the build's allocations in megabytes.
    func testJemallocIsTheAllocatorOfEverything() throws {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try Tools.run("/usr/bin/env", ["MALLOC_CONF=stats_print:true", Tools.bulletin, "make", "--sample",
                                                  "-o", folder + "/issue.pdf", "-q"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stderr.contains("Begin jemalloc statistics"), String(made.stderr.prefix(2000)))
        XCTAssertTrue(made.stderr.contains("opt.narenas: 1\n"), "bulletin's settings are read")
        XCTAssertTrue(made.stderr.contains("opt.dirty_decay_ms: 1000 "), "bulletin's settings are read")
        // "Allocated: 20265008, active: ..." (bytes in use at the end, the sample's composition
        // and pictures among them).
        let allocated = made.stderr.split(separator: "\n").first { $0.hasPrefix("Allocated: ") }
            .flatMap { Int($0.dropFirst("Allocated: ".count).prefix { $0.isNumber }) } ?? 0
        XCTAssertGreaterThan(allocated, 4_000_000, "the build's memory is jemalloc's")
        // The PDF is there, and reads as the sample.
        let text = try Tools.run("pdftotext", ["-l", "1", folder + "/issue.pdf", "-"])
        XCTAssertTrue(text.stdout.contains("Europe"), String(text.stdout.prefix(500)))
    }

    // MARK: - Helpers

    /// The libraries the program needs, as readelf lists them.
    func neededLibraries() throws -> String {
        let dynamic = try Tools.run("readelf", ["--dynamic", Tools.bulletin])
        XCTAssertEqual(dynamic.status, 0, dynamic.stderr)
        XCTAssertTrue(dynamic.stdout.contains("libcairo"), "readelf lists the libraries the program needs: \(dynamic.stdout)")
        return dynamic.stdout
    }

    /// The dynamic loader's own account of what a successful run of bulletin with `arguments`
    /// loads (LD_DEBUG=libs).
    func loaded(_ arguments: [String]) throws -> String {
        let run = try Tools.run("/usr/bin/env", ["LD_DEBUG=libs", Tools.bulletin] + arguments)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("libcairo"), run.stderr)
        return run.stderr
    }

    /// A build of the sample with files named `libraries` that are not libraries first on the
    /// library path: it fails, says to run `make setup`, and leaves no PDF, not even part of one.
    func buildOfTheSample(without libraries: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Tools.Result {
        let folder = Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fakes = folder + "/lib"
        try FileManager.default.createDirectory(atPath: fakes, withIntermediateDirectories: true)
        for name in libraries {
            try "not a library".write(toFile: fakes + "/" + name, atomically: true, encoding: .utf8)
        }
        let made = try Tools.run("/usr/bin/env", ["LD_LIBRARY_PATH=" + fakes, Tools.bulletin, "make", "--sample", "-o", folder + "/issue.pdf", "-q"])
        XCTAssertEqual(made.status, 1, made.stderr, file: file, line: line)
        XCTAssertTrue(made.stderr.contains("make setup"), made.stderr, file: file, line: line)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["lib"], "no PDF, and no part of one", file: file, line: line)
        return made
    }
}
