import Foundation
import Synchronization

/// The temporary files being written at this moment, removed if the process is interrupted or
/// crashes, so that no `.tmp` file is ever left beside an output.
///
/// A signal handler may only make async-signal-safe calls: it cannot allocate, lock or touch
/// Swift strings. So each temporary's path is copied, when it is registered, into a slot of a
/// preallocated C buffer, and a bit of an atomic mask says which slots hold a live path. The
/// slots come in blocks of `slotsPerBlock`, each with its own mask; a block is allocated when
/// every slot before it is taken (outside the handler), so that a run may hold as many
/// temporaries as it needs at once: `preview` writes every page picture before putting any in
/// place. The handler reads the masks and calls `unlink` on each live path. Then the process
/// must still die of the signal, with the usual status:
///
/// - a fault the kernel raised (a bad pointer, a trap) goes back to the earlier action, the
///   Swift runtime's backtracer, and the faulting instruction runs again: the crash report is
///   printed as usual, and the process dies;
/// - a signal sent by `kill`, `raise` or `abort` gets the default action and is raised again.
///   (Sent a SIGSEGV, the backtracer prints a report and lets the process run on.)
enum TemporaryFiles {
    /// Slots in a block: one bit each of the block's mask.
    static let slotsPerBlock = Int.bitWidth
    /// How many blocks there can be.
    static let blockLimit = 256
    /// How many temporaries can be open at once.
    static let capacity = slotsPerBlock * blockLimit
    /// Longest path a slot holds, with its NUL.
    static let slotSize = Int(PATH_MAX) + 1

    /// Termination requests, then the crashes.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
    static let terminationRequests: Set<Int32> = [SIGINT, SIGTERM, SIGHUP]

    /// Block `b`'s mask: bit `i` set, slot `i` of block `b` holds the path of a temporary that
    /// exists or is being created.
    nonisolated(unsafe) static let live: UnsafeMutablePointer<Atomic<Int>> = {
        let masks = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: blockLimit)
        for block in 0..<blockLimit { (masks + block).initialize(to: Atomic(0)) }
        return masks
    }()
    /// The blocks' paths, each `slotsPerBlock` buffers of `slotSize` bytes; nil until needed.
    /// A block's pointer is set before any bit of its mask, and never changes after.
    nonisolated(unsafe) static let blocks: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let blocks = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: blockLimit)
        blocks.initialize(repeating: nil, count: blockLimit)
        return blocks
    }()
    /// Each block's taken slots (set and cleared outside signal handlers only).
    private static let taken = Mutex<[Int]>([])
    /// Each signal's action from before ours, put back before the signal is raised again.
    nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    /// Installs the handlers, once, the first time a temporary is registered.
    private static let installed: Bool = {
        // Touch every global the handler reads, so none is first initialised inside it.
        _ = live
        _ = blocks
        _ = previous
        provideSignalStack()
        for signal in signals {
            var old = sigaction()
            sigaction(signal, nil, &old)
            // A termination request that was ignored when we started (nohup, a background
            // job) stays ignored.
            if terminationRequests.contains(signal), isIgnored(old) { continue }
            previous[Int(signal)] = old
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = removeTemporariesAndDie
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            sigaction(signal, &action, nil)
        }
        return true
    }()

    /// Why a path could not be registered.
    enum Refusal: Error, Equatable {
        /// Longer than a path can be.
        case tooLong
        /// `capacity` temporaries are open already.
        case full
    }

    /// Records `path` as a temporary to remove on a signal; the slot to pass to `unregister`.
    static func register(_ path: String) -> Result<Int, Refusal> {
        _ = installed
        let bytes = Array(path.utf8)
        guard bytes.count < slotSize, !bytes.contains(0) else { return .failure(.tooLong) }
        let slot: Int? = taken.withLock { masks in
            func free(in block: Int) -> Int? { (0..<slotsPerBlock).first { masks[block] & (1 << $0) == 0 } }
            let block = masks.indices.first { free(in: $0) != nil } ?? masks.count
            if block == masks.count {
                // Every slot so far is taken: a new block, in place before its mask is used.
                guard block < blockLimit else { return nil }
                blocks[block] = UnsafeMutablePointer<CChar>.allocate(capacity: slotsPerBlock * slotSize)
                masks.append(0)
            }
            guard let index = free(in: block) else { return nil }
            masks[block] |= 1 << index
            return block * slotsPerBlock + index
        }
        guard let slot else { return .failure(.full) }
        let (block, index) = slot.quotientAndRemainder(dividingBy: slotsPerBlock)
        let buffer = blocks[block]! + index * slotSize
        for (offset, byte) in bytes.enumerated() { buffer[offset] = CChar(bitPattern: byte) }
        buffer[bytes.count] = 0
        live[block].bitwiseOr(1 << index, ordering: .releasing)
        return .success(slot)
    }

    /// Forgets a slot: its temporary was renamed into place or removed.
    static func unregister(_ slot: Int) {
        let (block, index) = slot.quotientAndRemainder(dividingBy: slotsPerBlock)
        live[block].bitwiseAnd(~(1 << index), ordering: .releasing)
        taken.withLock { $0[block] &= ~(1 << index) }
    }

    /// Whether `slot` holds a live path.
    static func isLive(_ slot: Int) -> Bool {
        let (block, index) = slot.quotientAndRemainder(dividingBy: slotsPerBlock)
        return live[block].load(ordering: .acquiring) & (1 << index) != 0
    }

    /// Whether an action is SIG_IGN, which is the handler address 1.
    private static func isIgnored(_ action: sigaction) -> Bool {
        action.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) } == 1
    }

    /// Crashes from a stack overflow arrive with no stack left to run a handler on; give this
    /// thread (the main one, which writes the output) a stack of its own for signals, unless it
    /// has one already.
    private static func provideSignalStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
    }
}

/// The signal handler: only async-signal-safe calls (`unlink`, `sigaction`, `raise`), atomic
/// loads and memory prepared before it was installed.
private func removeTemporariesAndDie(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    for block in 0..<TemporaryFiles.blockLimit {
        let live = TemporaryFiles.live[block].load(ordering: .acquiring)
        guard live != 0, let paths = TemporaryFiles.blocks[block] else { continue }
        for slot in 0..<TemporaryFiles.slotsPerBlock where live & (1 << slot) != 0 {
            unlink(paths + slot * TemporaryFiles.slotSize)
        }
    }
    // si_code > 0: raised by the kernel for a fault, which recurs when this handler returns.
    // (SIGHUP from a hung-up terminal has si_code > 0 too, but does not recur.)
    let isCrash = signal != SIGINT && signal != SIGTERM && signal != SIGHUP
    if isCrash, let info, info.pointee.si_code > 0 {
        sigaction(signal, TemporaryFiles.previous + Int(signal), nil)
        return
    }
    var standard = sigaction()  // all zero: SIG_DFL
    sigaction(signal, &standard, nil)
    // Blocked while this handler runs, the signal is delivered as it returns, and kills.
    raise(signal)
}
