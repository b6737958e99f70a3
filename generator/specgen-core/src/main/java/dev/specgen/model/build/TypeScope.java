package dev.specgen.model.build;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.FieldType;
import java.util.List;
import java.util.Optional;

/**
 * The names a type text may use besides the built-in ones: the types the run declares ({@code types:}) and the
 * types of the contrib extensions it declares ({@code extensions:}).
 */
interface TypeScope {

    /** No declared types, no extensions. */
    TypeScope NONE = new TypeScope() {
        public boolean declares(String name, String schema) {
            return false;
        }

        public Optional<FieldType> resolve(String name, String schema, SourcePos pos) {
            return Optional.empty();
        }

        public Optional<FieldType> extensionType(String name) {
            return Optional.empty();
        }

        public List<String> names(String schema) {
            return List.of();
        }
    };

    /** Whether {@code name} ({@code wal_column}, or qualified {@code realtime.wal_column}) is declared. */
    boolean declares(String name, String schema);

    /** The declared type {@code name} seen from {@code schema}; empty (reported) when it cannot be built. */
    Optional<FieldType> resolve(String name, String schema, SourcePos pos);

    /** The contrib type {@code name} when the run declares its extension. */
    Optional<FieldType> extensionType(String name);

    /** Declared names for did-you-mean: those of {@code schema} bare, the others qualified. */
    List<String> names(String schema);
}
