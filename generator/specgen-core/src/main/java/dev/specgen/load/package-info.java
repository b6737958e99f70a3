/**
 * Load stage: spec file bytes to a position-carrying YAML tree ({@link dev.specgen.load.YNode}), read as YAML 1.2
 * with SnakeYAML Engine's composer. The entry point is {@link dev.specgen.load.SpecLoader}; no SnakeYAML type
 * leaves this package, and every problem is a positioned diagnostic (SG001, SG002, SG100-SG105, SG110-SG112).
 */
package dev.specgen.load;
