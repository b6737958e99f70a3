package dev.specgen.cli;

import picocli.CommandLine.Command;

/** {@code specgen bench}: measurements of the generated SQL on an embedded PostgreSQL, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the generated SQL on an embedded PostgreSQL (not part of the test suite; each"
                + " prints a table, writes JSON and its section of docs/benchmarks.md).",
        subcommands = {BenchBulkCommand.class, BenchMvCommand.class})
final class BenchCommand {
}
