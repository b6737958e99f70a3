package dev.specgen.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The loader's one way of reading rows of a query: prepare, bind the parameters in order, read every row. */
final class Jdbc {
    private Jdbc() {
    }

    /** Reads one value of a result row. */
    interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    /** Every row of {@code sql}, with {@code params} bound in order ({@code setObject}), read by {@code row}. */
    static <T> List<T> rows(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.of(rs));
                }
            }
        }
        return out;
    }

    /** The first row of {@code sql} read by {@code row}, or empty when it has none. */
    static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> all = rows(c, sql, row, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }
}
