package dev.specgen;

/** The stages of a run, in pipeline order, as a {@link StageListener} hears of them. */
public enum Stage {
    /** Spec files read and parsed as YAML. */
    LOAD,
    /** Model built, validated, and the run's size estimated against the {@link Limits}. */
    VALIDATE,
    /** Files and SQL objects, and the generated tests, planned. */
    PLAN,
    /** Plan rendered through the templates. */
    RENDER,
    /** Every generated statement checked with JSqlParser. */
    PARSE_GATE,
    /** Output folder compared and written. */
    WRITE;

    /** {@code parse gate}: how tables and reports name the stage. */
    public String title() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
