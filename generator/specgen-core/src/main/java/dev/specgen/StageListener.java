package dev.specgen;

/**
 * Hears how long each stage of a run took (wall-clock nanoseconds), for the generator benchmark; a stage that did not
 * run (an earlier one found errors) is not reported. Called on the thread that runs the facade.
 */
@FunctionalInterface
public interface StageListener {
    StageListener NONE = (stage, nanos) -> { };

    void finished(Stage stage, long nanos);
}
