import CMalloc

/// The end of a process that has written its output: at once, its memory let go by a holder
/// that outlives it, so that the shell or script waiting for it does not wait for the kernel
/// to free it (Sources/CMalloc/process_end.c; about 5 ms of a run of the sample issue).
public enum ProcessEnd {
    /// Ends the process with `status`, standard output and error flushed (and jemalloc's
    /// report printed when `MALLOC_CONF=stats_print:true` asks for it); atexit handlers do
    /// not run.
    public static func now(_ status: Int32) -> Never {
        bulletin_end_process(status)
    }
}
