package dev.specgen.cli;

import picocli.CommandLine.Command;

/** {@code specgen bench}: the benchmarks, one subcommand each, outside the test suite. */
@Command(name = "bench", subcommands = {BenchBulkCommand.class})
final class BenchCommand {
}
