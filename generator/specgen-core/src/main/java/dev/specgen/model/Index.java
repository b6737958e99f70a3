package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An index. {@code name} is empty when the spec gives none (the planner allocates one). {@code with} holds storage
 * parameters ({@code pages_per_range}, {@code fillfactor}, ...) in spec order, values as SQL literals.
 * {@code concurrently} asks for the rollout form (CREATE INDEX CONCURRENTLY; on a partitioned table ON ONLY the
 * parent, CONCURRENTLY per partition, then ATTACH PARTITION). {@code methodPos} points at the {@code type:} value and
 * {@code wherePos} at the {@code where:} value (each at the index when there is none).
 */
public record Index(
        Optional<String> name,
        List<IndexColumn> columns,
        Method method,
        boolean unique,
        List<Named> include,
        Optional<String> where,
        List<Param> with,
        boolean concurrently,
        Optional<String> comment,
        SourcePos pos,
        SourcePos methodPos,
        SourcePos wherePos) {

    /**
     * Consistent with the record's {@code equals} (equal indexes have equal positions) and cheap: the
     * generated {@code hashCode} hashes every component, records within records, and its first call in a JVM spins
     * method handle classes for each record class it reaches (about 2.5 ms of CPU each in a fresh JVM). The planner
     * keys maps by indexes. Only lookups depend on it: no output iterates a hashed collection of them.
     */
    @Override
    public int hashCode() {
        return 31 * (31 * pos.file().hashCode() + pos.line()) + pos.col();
    }

    public enum Method {
        BTREE, HASH, BRIN, GIST, GIN, SPGIST;

        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Only btree, gist and spgist support INCLUDE (PostgreSQL 14+ for spgist). */
        public boolean supportsInclude() {
            return this == BTREE || this == GIST || this == SPGIST;
        }

        public boolean supportsUnique() {
            return this == BTREE;
        }

        public boolean supportsMultipleColumns() {
            return this != HASH && this != SPGIST;
        }
    }

    public Index {
        Objects.requireNonNull(name, "name == null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(method, "method == null");
        include = List.copyOf(include);
        Objects.requireNonNull(where, "where == null");
        with = List.copyOf(with);
        Objects.requireNonNull(comment, "comment == null");
        Objects.requireNonNull(pos, "pos == null");
        Objects.requireNonNull(methodPos, "methodPos == null");
        Objects.requireNonNull(wherePos, "wherePos == null");
    }
}
