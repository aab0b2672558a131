import XCTest
import CCairo
import CHarfBuzz
import CFontconfig
import Foundation

/// Cairo 1.16 keeps a font file's faces in a list that it walks and extends with no lock: two
/// threads asking for a face of the same file at once could each make one, and the PDF then had
/// two subsets of that font, its bytes differing from build to build. Bulletin makes faces one
/// at a time (`Sources/CFontsetMatching/font_face_creation.c`).
final class FontFaceCreationTests: XCTestCase {
    /// Threads started together, again and again, each asking for a face of the same file: every
    /// round, all get the one face. (Cairo alone made two in about one round in a hundred here.)
    func testThreadsAskingForOneFontAtOnceGetOneFace() throws {
        let file = try XCTUnwrap(Self.file(of: "Liberation Serif:italic"))
        let race = Race(file: file, threads: 4)
        XCTAssertEqual(race.run(rounds: 4000), 0, "rounds in which the threads got more than one face")
    }

    /// The file fontconfig chooses for `name` ("Family:style").
    static func file(of name: String) -> String? {
        guard let pattern = FcNameParse(name) else { return nil }
        defer { FcPatternDestroy(pattern) }
        FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(nil, pattern, &result) else { return nil }
        defer { FcPatternDestroy(match) }
        var value: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(match, FC_FILE, 0, &value) == FcResultMatch, let value else { return nil }
        return String(cString: UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
    }
}

/// Threads that ask cairo for a face of one file at the same moment, round after round.
private final class Race: @unchecked Sendable {
    let pattern: OpaquePointer
    let threads: Int
    /// Each thread's face, in a slot of its own (threads writing to one Swift array race).
    let faces: UnsafeMutableBufferPointer<OpaquePointer?>
    var start = pthread_barrier_t(), done = pthread_barrier_t()
    var rounds = 0

    init(file: String, threads: Int) {
        pattern = FcPatternCreate()
        FcPatternAddString(pattern, FC_FILE, file)
        FcPatternAddInteger(pattern, FC_INDEX, 0)
        self.threads = threads
        faces = .allocate(capacity: threads)
        faces.initialize(repeating: nil)
    }

    deinit {
        FcPatternDestroy(pattern)
        faces.deallocate()
    }

    /// How many of `rounds` rounds gave the threads more than one face.
    func run(rounds: Int) -> Int {
        self.rounds = rounds
        pthread_barrier_init(&start, nil, UInt32(threads + 1))
        pthread_barrier_init(&done, nil, UInt32(threads + 1))
        defer { pthread_barrier_destroy(&start); pthread_barrier_destroy(&done) }
        for index in 0..<threads {
            Thread {
                for _ in 0..<rounds {
                    pthread_barrier_wait(&self.start)
                    self.faces[index] = cairo_ft_font_face_create_for_pattern(self.pattern)
                    pthread_barrier_wait(&self.done)
                }
            }.start()
        }
        var split = 0
        for _ in 0..<rounds {
            pthread_barrier_wait(&start)
            pthread_barrier_wait(&done)
            if Set(faces.map { $0.map(UInt.init(bitPattern:)) ?? 0 }).count > 1 { split += 1 }
            // Every face let go: the next round makes the file's face anew.
            for face in faces { cairo_font_face_destroy(face) }
        }
        return split
    }
}
