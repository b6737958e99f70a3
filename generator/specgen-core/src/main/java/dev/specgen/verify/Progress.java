package dev.specgen.verify;

/**
 * Hears about the slow steps of a verification (starting the database, applying, testing) so a front door can
 * show progress on a terminal. The core never prints.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void begin(String step) {
        }

        @Override
        public void end(String step) {
        }
    };

    /** A step starts: {@code starting embedded PostgreSQL 17}, {@code applying 12 files}, ... */
    void begin(String step);

    /** The step that began last is over. */
    void end(String step);
}
