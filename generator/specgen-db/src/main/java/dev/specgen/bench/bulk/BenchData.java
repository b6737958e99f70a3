package dev.specgen.bench.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The benchmark's rows, made once by the server (so every path writes exactly the same values): {@code n} sales
 * spread pseudo-randomly over 2024 (every monthly partition, interleaved), an upsert set with every tenth key
 * existing (its quantity changed) and nine in ten new, and references of {@code n / 10} parents with ten children
 * each, plus a copy with every tenth child changed. For the client paths the sales are held in columns; for COPY and
 * {@code specgen load} they are written to a binary and a CSV file.
 */
final class BenchData {
    static final String SALES_COLUMNS = "transaction_id, customer_id, product_id, quantity, unit_price, total_amount,"
            + " transaction_date, payment_method, region, category";
    static final String REF_COLUMNS = "parent_document_id, parent_document_partition_key, referential_id,"
            + " referential_partition_key, referenced_document_id, referenced_document_partition_key";

    final int n;
    final Sales sales;
    final Sales upserts;
    final Path salesCsv;
    final Path salesBinary;
    final Path upsertCsv;

    /** One set of sales rows in columns, in row order. */
    record Sales(UUID[] id, UUID[] customer, UUID[] product, int[] quantity, BigDecimal[] price, BigDecimal[] total,
            LocalDateTime[] date, String[] payment, String[] region, String[] category) {
        int size() {
            return id.length;
        }
    }

    private BenchData(int n, Sales sales, Sales upserts, Path salesCsv, Path salesBinary, Path upsertCsv) {
        this.n = n;
        this.sales = sales;
        this.upserts = upserts;
        this.salesCsv = salesCsv;
        this.salesBinary = salesBinary;
        this.upsertCsv = upsertCsv;
    }

    static BenchData make(Connection c, int n, Path dir) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS public.bench_sales, public.bench_upserts, public.bench_refs,"
                    + " public.bench_refs_new");
            st.execute("CREATE UNLOGGED TABLE public.bench_sales AS SELECT i, " + row("t", "i")
                    + " FROM generate_series(1, " + n + ") AS s(i)");
            st.execute("CREATE UNLOGGED TABLE public.bench_upserts AS SELECT i, transaction_id, customer_id,"
                    + " product_id, quantity % 9 + 1 AS quantity, unit_price, total_amount, transaction_date,"
                    + " payment_method, region, category FROM public.bench_sales WHERE i % 10 = 0 UNION ALL SELECT i, "
                    + row("u", "i") + " FROM generate_series(1, " + n + ") AS s(i) WHERE i % 10 <> 0");
            String refs = "SELECT k, (k / 10 + 1)::bigint AS parent_document_id, ((k / 10) % 16)::smallint AS"
                    + " parent_document_partition_key, md5('r' || k)::uuid AS referential_id, (k % 16)::smallint AS"
                    + " referential_partition_key, k::bigint AS referenced_document_id, (k % 16)::smallint AS"
                    + " referenced_document_partition_key FROM generate_series(0, " + (n - 1) + ") AS s(k)";
            st.execute("CREATE UNLOGGED TABLE public.bench_refs AS " + refs);
            st.execute("CREATE UNLOGGED TABLE public.bench_refs_new AS SELECT k, parent_document_id,"
                    + " parent_document_partition_key, referential_id, referential_partition_key, CASE WHEN k % 10 = 3"
                    + " THEN referenced_document_id + 1 ELSE referenced_document_id END AS referenced_document_id,"
                    + " referenced_document_partition_key FROM public.bench_refs");
            st.execute("ANALYZE public.bench_sales, public.bench_upserts, public.bench_refs, public.bench_refs_new");
        }
        Path csv = dir.resolve("sales.csv");
        Path bin = dir.resolve("sales.copy");
        Path up = dir.resolve("upserts.csv");
        copyOut(c, "COPY (SELECT " + SALES_COLUMNS + " FROM public.bench_sales ORDER BY i) TO STDOUT (FORMAT csv,"
                + " HEADER)", csv);
        copyOut(c, "COPY (SELECT " + SALES_COLUMNS + " FROM public.bench_sales ORDER BY i) TO STDOUT (FORMAT binary)",
                bin);
        copyOut(c, "COPY (SELECT " + SALES_COLUMNS + " FROM public.bench_upserts ORDER BY i) TO STDOUT (FORMAT csv,"
                + " HEADER)", up);
        return new BenchData(n, read(c, "public.bench_sales", n), read(c, "public.bench_upserts", n), csv, bin, up);
    }

    /** A sale of row number {@code i}: ids from md5 of the prefix and i, dates spread over the 366 days of 2024. */
    private static String row(String prefix, String i) {
        return "md5('" + prefix + "' || " + i + ")::uuid AS transaction_id, md5('c' || (" + i + " % 50000))::uuid AS"
                + " customer_id, md5('p' || (" + i + " % 5000))::uuid AS product_id, 1 + " + i + " % 9 AS quantity, ((" + i
                + " % 10000) / 100.0)::numeric(10,2) AS unit_price, ((" + i + " % 30000) / 100.0)::numeric(10,2) AS"
                + " total_amount, timestamp '2024-01-01' + ((" + i + "::bigint * 7919) % 31622400) * interval '1 second'"
                + " AS transaction_date, (ARRAY['card', 'cash', 'paypal'])[1 + " + i + " % 3] AS payment_method,"
                + " (ARRAY['us-west', 'us-east', 'eu', 'apac'])[1 + " + i + " % 4] AS region, 'cat' || (" + i
                + " % 50) AS category";
    }

    private static void copyOut(Connection c, String sql, Path file) throws SQLException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        }
    }

    private static Sales read(Connection c, String table, int n) throws SQLException {
        Sales s = new Sales(new UUID[n], new UUID[n], new UUID[n], new int[n], new BigDecimal[n], new BigDecimal[n],
                new LocalDateTime[n], new String[n], new String[n], new String[n]);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false); // a cursor, not one result of n rows
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SALES_COLUMNS + " FROM " + table + " ORDER BY i")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                int k = 0;
                while (rs.next()) {
                    s.id()[k] = rs.getObject(1, UUID.class);
                    s.customer()[k] = rs.getObject(2, UUID.class);
                    s.product()[k] = rs.getObject(3, UUID.class);
                    s.quantity()[k] = rs.getInt(4);
                    s.price()[k] = rs.getBigDecimal(5);
                    s.total()[k] = rs.getBigDecimal(6);
                    s.date()[k] = rs.getObject(7, LocalDateTime.class);
                    s.payment()[k] = rs.getString(8).intern();
                    s.region()[k] = rs.getString(9).intern();
                    s.category()[k] = rs.getString(10).intern();
                    k++;
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(auto);
        }
        return s;
    }
}
