package dev.specgen.cli;

import picocli.CommandLine.Command;

/** {@code specgen bench}: measurements of the generated SQL on an embedded PostgreSQL, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the generated SQL on an embedded PostgreSQL (prints a table, writes JSON and a"
                + " section of docs/benchmarks.md).",
        subcommands = {BenchMvCommand.class})
final class BenchCommand {
}
