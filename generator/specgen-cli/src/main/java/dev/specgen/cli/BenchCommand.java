package dev.specgen.cli;

import picocli.CommandLine.Command;

/** {@code specgen bench}: benchmarks of specgen itself, one subcommand each (see docs/benchmarks.md). */
@Command(name = "bench", description = "Benchmarks of specgen itself (see docs/benchmarks.md).",
        subcommands = {BenchGenerateCommand.class})
final class BenchCommand {
}
