package dev.specgen.cli;

import picocli.CommandLine.Command;

/**
 * {@code specgen bench}: measurements of the generated SQL on an embedded PostgreSQL and of specgen itself, one
 * subcommand each.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the generated SQL on an embedded PostgreSQL and of specgen itself (not part of"
                + " the test suite; each prints a table and writes JSON; see docs/benchmarks.md).",
        subcommands = {BenchBulkCommand.class, BenchMvCommand.class, BenchGenerateCommand.class})
final class BenchCommand {
}
