package dev.specgen.loader;

import java.sql.Connection;
import java.sql.SQLException;

/** New connections to the target database, one per loading session (and one to coordinate). */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
