import Foundation
import Synchronization

/// The temporary files being written at this moment, removed if the process is interrupted or
/// crashes, so that no `.tmp` file is ever left beside an output.
///
/// A signal handler may only make async-signal-safe calls: it cannot allocate, lock or touch
/// Swift strings. So each temporary's path is copied, when it is registered, into one of a few
/// preallocated C buffers, and a bit of an atomic mask says which buffers hold a live path. The
/// handler reads the mask and calls `unlink` on each live path. Then the process must still die
/// of the signal, with the usual status:
///
/// - a fault the kernel raised (a bad pointer, a trap) goes back to the earlier action, the
///   Swift runtime's backtracer, and the faulting instruction runs again: the crash report is
///   printed as usual, and the process dies;
/// - a signal sent by `kill`, `raise` or `abort` gets the default action and is raised again.
///   (Sent a SIGSEGV, the backtracer prints a report and lets the process run on.)
enum TemporaryFiles {
    /// How many temporaries can be open at once: a run writes at most the PDF and a dump.
    static let capacity = 4
    /// Longest path a slot holds, with its NUL.
    static let slotSize = Int(PATH_MAX) + 1

    /// Termination requests, then the crashes.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
    static let terminationRequests: Set<Int32> = [SIGINT, SIGTERM, SIGHUP]

    /// Bit `i` set: slot `i` holds the path of a temporary that exists or is being created.
    static let live = Atomic<Int>(0)
    /// Bit `i` set: slot `i` is taken (set and cleared outside signal handlers only).
    private static let taken = Mutex<Int>(0)
    /// The slots' paths, `capacity` buffers of `slotSize` bytes.
    nonisolated(unsafe) static let paths = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * slotSize)
    /// Each signal's action from before ours, put back before the signal is raised again.
    nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    /// Installs the handlers, once, the first time a temporary is registered.
    private static let installed: Bool = {
        // Touch every global the handler reads, so none is first initialised inside it.
        _ = live.load(ordering: .relaxed)
        _ = paths
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

    /// Records `path` as a temporary to remove on a signal; the slot to pass to `unregister`.
    /// Nil when the path is too long to hold or every slot is taken.
    static func register(_ path: String) -> Int? {
        _ = installed
        let bytes = Array(path.utf8)
        guard bytes.count < slotSize, !bytes.contains(0) else { return nil }
        let slot: Int? = taken.withLock { mask in
            guard let free = (0..<capacity).first(where: { mask & (1 << $0) == 0 }) else { return nil }
            mask |= 1 << free
            return free
        }
        guard let slot else { return nil }
        let buffer = paths + slot * slotSize
        for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
        buffer[bytes.count] = 0
        live.bitwiseOr(1 << slot, ordering: .releasing)
        return slot
    }

    /// Forgets a slot: its temporary was renamed into place or removed.
    static func unregister(_ slot: Int) {
        live.bitwiseAnd(~(1 << slot), ordering: .releasing)
        taken.withLock { $0 &= ~(1 << slot) }
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
    let live = TemporaryFiles.live.load(ordering: .acquiring)
    for slot in 0..<TemporaryFiles.capacity where live & (1 << slot) != 0 {
        unlink(TemporaryFiles.paths + slot * TemporaryFiles.slotSize)
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
