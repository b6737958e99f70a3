package dev.specgen.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.db.Database;
import dev.specgen.db.DbOptions;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.diag.Diagnostic;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog round trip both ways: each kind of drift planted into a correctly applied schema (as a user's
 * database has it before {@code verify --in-place}, or an interrupted build leaves it) is reported, at the spec
 * line concerned; a correct apply reports nothing, however PostgreSQL rewrote the spec's expressions.
 */
class LiveDriftTest {
    static final String SPEC = """
            entity: Customer
            schema: drift
            fields:
              id: {type: bigint, primary_key: true}
              email: {type: text, unique: true}
            indexes:
              - {name: customer_email_lower, columns: ["lower(email)"]}
            ---
            entity: Order
            schema: drift
            table: orders
            fields:
              id: {type: bigint, nullable: false}
              customer_id: {type: bigint, references: Customer}
              status: {type: enum, values: [new, paid], default: "'new'"}
              qty: {type: integer, check: "qty IN (1, 2, 3)"}
              note: {type: varchar(20), default: "'x'"}
              time: {type: timestamp, nullable: false}
            primary_key: [id, time]
            indexes:
              - {name: orders_qty, columns: [qty], where: "qty > 1"}
            partitioning: {strategy: range, column: time, interval: monthly, from: 2024-01-01, to: 2024-03-01}
            ---
            entity: Ticket
            schema: drift
            fields:
              id: {type: bigint, identity: {generated: always, start: 100, increment: 5}, primary_key: true}
              qty: {type: integer, nullable: false}
              twice: {type: integer, generated: "qty * 2"}
            sequences:
              - {name: ticket_no_seq, start: 10, owned_by: qty}
            ---
            entity: Shape
            schema: drift
            types:
              - {name: qty_d, domain: integer, not_null: true, checks: [{name: qty_d_positive, check: "VALUE > 0"}]}
              - {name: point2, composite: {x: integer, y: qty_d}}
              - {name: span, range: date}
            fields:
              id: {type: bigint, primary_key: true}
              p: point2
              s: span_multirange
            ---
            entity: Account
            schema: drift
            fields:
              id: {type: bigint, primary_key: true}
              tenant: {type: integer, nullable: false}
            row_level_security:
              force: true
              policies:
                - {name: own_rows, command: select, using: "tenant = 1"}
                - {name: no_deletes, as: restrictive, command: delete, using: "false"}
            triggers:
              - {name: account_noop, timing: before, events: [update], function: pg_catalog.suppress_redundant_updates_trigger}
            """;

    static Database db;
    static SchemaPlan plan;
    static Rendered rendered;
    private String scratch;
    private Connection c;

    @BeforeAll
    static void render(@TempDir Path tmp) throws IOException {
        db = SharedEmbedded.get();
        Files.createDirectories(tmp.resolve("specs"));
        Files.writeString(tmp.resolve("specs/drift.yaml"), SPEC, StandardCharsets.UTF_8);
        Result r = Specgen.render(Options.of(tmp, Path.of("specs"), Path.of("out")));
        assertEquals(List.of(), r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList());
        plan = r.plan().orElseThrow();
        rendered = r.rendered().orElseThrow();
    }

    @BeforeEach
    void apply() {
        scratch = db.createScratchDatabase();
        c = db.connect(scratch);
        Applier.Outcome o = Applier.apply(c, rendered.statements(), Applier.Strategy.PER_FILE, DbOptions.embedded());
        assertTrue(o.failure().isEmpty(), () -> o.failure().toString());
    }

    @AfterEach
    void drop() throws SQLException {
        c.close();
        db.dropDatabase(scratch);
    }

    /** The SG404 headlines the round trip reports (file:line:col: ... message), in order. */
    private List<String> drift(String... plant) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : plant) {
                st.execute(sql);
            }
        }
        CatalogSnapshot cat = CatalogSnapshot.read(c, List.of("drift"));
        return RoundTrip.compare(plan, cat, ExpectedCatalog.reader(c, db.runSchema(c), plan), true).stream()
                .map(Diagnostic::headline).map(h -> h.substring(h.indexOf("drift.yaml:"))).toList();
    }

    @Test
    void aCorrectApplyHasNoDriftWhateverPostgresqlRewrote() throws SQLException {
        // CHECK (qty IN (1, 2, 3)) is stored as CHECK ((qty = ANY (ARRAY[1, 2, 3]))), 'new' as 'new'::drift...,
        // and the partition key column "time" is quoted in pg_get_partkeydef: none of it is drift
        assertEquals(List.of(), drift());
    }

    /** Declared types (issue 11 item 6): a domain's NOT NULL and named check, a composite's attributes. */
    @Test
    void otherDeclaredTypes() throws SQLException {
        assertEquals(List.of("drift.yaml:36:12: error SG404: NOT NULL of domain drift.qty_d differs: the spec makes"
                + " \"true\", the database has \"false\"",
                "drift.yaml:36:12: error SG404: number of checks of domain drift.qty_d differs: the spec makes \"1\","
                        + " the database has \"0\"",
                "drift.yaml:36:91: error SG404: check qty_d_positive of domain drift.qty_d is missing",
                "drift.yaml:37:12: error SG404: attributes of composite type drift.point2 differs: the spec makes"
                        + " \"[x integer, y drift.qty_d]\", the database has \"[x integer, y drift.qty_d, z text]\""),
                drift("ALTER DOMAIN drift.qty_d DROP NOT NULL",
                "ALTER DOMAIN drift.qty_d DROP CONSTRAINT qty_d_positive",
                "ALTER TYPE drift.point2 ADD ATTRIBUTE z text"));
    }

    /** Row security, policies and triggers (issue 11 item 8), both ways: missing, different, extra. */
    @Test
    void otherRowSecurityPoliciesAndTriggers() throws SQLException {
        assertEquals(List.of("drift.yaml:50:3: error SG404: FORCE ROW LEVEL SECURITY of account is off in the database,"
                + " on in the spec",
                "drift.yaml:52:14: error SG404: policy own_rows on account is missing from the database",
                "drift.yaml:53:14: error SG404: policy no_deletes on account is restrictive for update to public in"
                        + " the database, restrictive for delete to public in the spec",
                "drift.yaml:50:3: error SG404: policy audit on account is in the database but not in the spec",
                "drift.yaml:55:12: error SG404: trigger account_noop on account differs: the database has CREATE"
                        + " TRIGGER account_noop AFTER UPDATE ON drift.account FOR EACH ROW EXECUTE FUNCTION"
                        + " suppress_redundant_updates_trigger(); the spec asks for BEFORE ... FOR EACH ROW ... EXECUTE"
                        + " FUNCTION pg_catalog.suppress_redundant_updates_trigger",
                "drift.yaml:44:9: error SG404: trigger extra on account is in the database but not in the spec"),
                drift("ALTER TABLE drift.account NO FORCE ROW LEVEL SECURITY",
                        "DROP POLICY own_rows ON drift.account",
                        "CREATE POLICY audit ON drift.account USING (true)",
                        "DROP POLICY no_deletes ON drift.account",
                        "CREATE POLICY no_deletes ON drift.account AS RESTRICTIVE FOR UPDATE USING (false)",
                        "DROP TRIGGER account_noop ON drift.account",
                        "CREATE TRIGGER account_noop AFTER UPDATE ON drift.account FOR EACH ROW EXECUTE FUNCTION"
                                + " suppress_redundant_updates_trigger()",
                        "CREATE TRIGGER extra BEFORE INSERT ON drift.account FOR EACH ROW EXECUTE FUNCTION"
                                + " suppress_redundant_updates_trigger()"));
    }

    @Test
    void anExtraColumn() throws SQLException {
        assertEquals(List.of("drift.yaml:9:9: error SG404: column orders.extra (integer) is in the database but not "
                + "in the spec"), drift("ALTER TABLE drift.orders ADD COLUMN extra integer"));
    }

    @Test
    void otherEnumLabels() throws SQLException {
        assertEquals(List.of("drift.yaml:15:18: error SG404: labels of enum type drift.orders_status differs: the "
                + "spec makes \"('new', 'paid')\", the database has \"('new', 'paid', 'void')\""),
                drift("ALTER TYPE drift.orders_status ADD VALUE 'void'"));
    }

    @Test
    void aMissingUniqueCheckOrForeignKey() throws SQLException {
        assertEquals(List.of("drift.yaml:5:3: error SG404: constraint customer_email_key on customer is missing: "
                + "UNIQUE (email)",
                "drift.yaml:14:43: error SG404: constraint orders_customer_id_fkey on orders is missing: FOREIGN KEY "
                        + "(customer_id) REFERENCES drift.customer(id)",
                "drift.yaml:16:31: error SG404: constraint orders_qty_check on orders is missing: CHECK ((qty = ANY "
                        + "(ARRAY[1, 2, 3])))"),
                drift("ALTER TABLE drift.orders DROP CONSTRAINT orders_customer_id_fkey",
                        "ALTER TABLE drift.customer DROP CONSTRAINT customer_email_key",
                        "ALTER TABLE drift.orders DROP CONSTRAINT orders_qty_check"));
    }

    @Test
    void anotherCheckUnderTheSameName() throws SQLException {
        assertEquals(List.of("drift.yaml:16:31: error SG404: constraint orders_qty_check on orders differs: the spec "
                + "makes \"CHECK ((qty = ANY (ARRAY[1, 2, 3])))\", the database has \"CHECK ((qty = ANY (ARRAY[1, "
                + "2])))\""), drift("ALTER TABLE drift.orders DROP CONSTRAINT orders_qty_check",
                "ALTER TABLE drift.orders ADD CONSTRAINT orders_qty_check CHECK (qty IN (1, 2))"));
    }

    @Test
    void anotherDefault() throws SQLException {
        assertEquals(List.of("drift.yaml:17:38: error SG404: default of orders.note differs: the spec makes "
                + "\"'x'::character varying\", the database has \"'y'::character varying\""),
                drift("ALTER TABLE drift.orders ALTER COLUMN note SET DEFAULT 'y'"));
    }

    @Test
    void anExtraConstraintIndexOrPartition() throws SQLException {
        assertEquals(List.of("drift.yaml:1:9: error SG404: constraint customer_email_check on customer is in the "
                + "database but not in the spec: CHECK ((email <> ''::text))",
                "drift.yaml:1:9: error SG404: index drift.customer_email on customer is in the database but not in "
                        + "the spec: CREATE INDEX customer_email ON drift.customer USING btree (email)",
                "drift.yaml:22:15: error SG404: partition drift.orders_p2030 FOR VALUES FROM ('2030-01-01 00:00:00') "
                        + "TO ('2030-02-01 00:00:00') of orders is in the database but not in the spec"),
                drift("ALTER TABLE drift.customer ADD CONSTRAINT customer_email_check CHECK (email <> '')",
                        "CREATE INDEX customer_email ON drift.customer (email)",
                        "CREATE TABLE drift.orders_p2030 PARTITION OF drift.orders FOR VALUES FROM ('2030-01-01') "
                                + "TO ('2030-02-01')"));
    }

    @Test
    void otherIdentityOptions() throws SQLException {
        assertEquals(List.of("drift.yaml:27:32: error SG404: identity sequence of ticket.id differs: the spec makes "
                + "\"bigint start 100 increment 5 min 1 max 9223372036854775807 cache 1\", the database has \"bigint "
                + "start 100 increment 7 min 1 max 9223372036854775807 cache 1\""),
                drift("ALTER TABLE drift.ticket ALTER COLUMN id SET INCREMENT BY 7"));
    }

    @Test
    void otherSequenceOptionsOrOwner() throws SQLException {
        assertEquals(List.of("drift.yaml:31:12: error SG404: sequence drift.ticket_no_seq differs: the spec makes "
                + "\"bigint start 10 increment 1 min 1 max 9223372036854775807 cache 1\", the database has \"bigint "
                + "start 20 increment 1 min 1 max 9223372036854775807 cache 1\"",
                "drift.yaml:31:48: error SG404: owner of sequence drift.ticket_no_seq differs: the spec makes "
                        + "\"drift.ticket.qty\", the database has \"none\""),
                drift("ALTER SEQUENCE drift.ticket_no_seq START WITH 20 OWNED BY NONE"));
    }

    @Test
    void anotherGeneratedExpression() throws SQLException {
        assertEquals(List.of("drift.yaml:29:37: error SG404: generated expression of ticket.twice differs: the spec "
                + "makes \"((qty * 2)) stored\", the database has \"((qty * 3)) stored\""),
                drift("ALTER TABLE drift.ticket ALTER COLUMN twice SET EXPRESSION AS (qty * 3)"));
    }

    @Test
    void anotherIndexPredicate() throws SQLException {
        assertEquals(List.of("drift.yaml:21:47: error SG404: WHERE predicate of index orders_qty differs: the spec "
                + "makes \"qty > 1\", the database has \"qty > 2\""),
                drift("DROP INDEX drift.orders_qty", "CREATE INDEX orders_qty ON drift.orders (qty) WHERE qty > 2"));
    }

    @Test
    void anInvalidIndexLeftByAnInterruptedConcurrentBuild() throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX drift.customer_email_lower");
            st.execute("INSERT INTO drift.customer VALUES (1, 'A@example.com'), (2, 'a@example.com')");
            try {
                // as a unique build fails on duplicates, an interrupted CONCURRENTLY build leaves its index INVALID
                st.execute("CREATE UNIQUE INDEX CONCURRENTLY customer_email_lower ON drift.customer (lower(email))");
            } catch (SQLException expected) {
                assertEquals("23505", expected.getSQLState());
            }
        }
        assertEquals(List.of("drift.yaml:7:5: error SG404: uniqueness of index customer_email_lower differs: the spec "
                + "makes \"false\", the database has \"true\"",
                "drift.yaml:1:9: error SG404: index drift.customer_email_lower on customer is INVALID: PostgreSQL "
                        + "does not use it (an interrupted CREATE INDEX CONCURRENTLY leaves one); drop it, then apply "
                        + "again"), drift());
    }
}
