// SwiftPM gives an executable its own `main`, so libFuzzer's is not used: this one hands the
// command line to libFuzzer's driver, which parses its options (-max_total_time=, -dict=, corpus
// folders ...) and calls the loaders with each input.
import CLibFuzzer
import Foundation

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    data.map { fuzzLoaders($0, size) } ?? 0
})
