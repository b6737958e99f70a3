package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StmtTest {

    @Test
    void classifiesNonTransactionalStatements() {
        assertTrue(Stmt.requiresNoTransaction("CREATE INDEX CONCURRENTLY i ON t (a)"));
        assertTrue(Stmt.requiresNoTransaction("create unique index concurrently if not exists i on t (a)"));
        assertTrue(Stmt.requiresNoTransaction("/* x */ VACUUM ANALYZE t"));
        assertTrue(Stmt.requiresNoTransaction("DROP INDEX CONCURRENTLY i"));
        assertTrue(Stmt.requiresNoTransaction("REINDEX INDEX CONCURRENTLY i"));
        assertTrue(Stmt.requiresNoTransaction("ALTER TABLE p DETACH PARTITION c CONCURRENTLY"));
        assertTrue(Stmt.requiresNoTransaction("CREATE DATABASE x"));
        assertFalse(Stmt.requiresNoTransaction("CREATE INDEX i ON t (a)"));
        assertFalse(Stmt.requiresNoTransaction("COMMENT ON TABLE t IS 'VACUUM; CREATE INDEX CONCURRENTLY'"));
        assertFalse(Stmt.requiresNoTransaction("ALTER TABLE p DETACH PARTITION c"));
        assertTrue(Stmt.isTransactionControl("BEGIN"));
        assertTrue(Stmt.isTransactionControl("commit"));
        assertFalse(Stmt.isTransactionControl(
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END"));
    }
}
