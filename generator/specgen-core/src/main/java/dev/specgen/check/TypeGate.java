package dev.specgen.check;

import dev.specgen.plan.TypeObject;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import dev.specgen.sql.Token.Kind;
import java.util.List;
import java.util.Optional;

/**
 * The parse gate of declared types, by their tokens: JSqlParser 5 knows neither CREATE DOMAIN nor CREATE TYPE ... AS
 * (...) / AS RANGE. Each is a DO block around one {@code CREATE DOMAIN <name> AS ...}, {@code CREATE TYPE <name> AS
 * (...)} or {@code CREATE TYPE <name> AS RANGE (...)} statement whose parentheses close at its end. The user's
 * expressions in a domain (DEFAULT, CHECK) passed the expression frame check (SG221).
 */
final class TypeGate {
    private TypeGate() {
    }

    static Optional<String> problem(TypeObject o, String sql) {
        String form = switch (o.template()) {
            case "create_domain" -> "CREATE DOMAIN <name> AS <type> ...";
            case "create_range_type" -> "CREATE TYPE <name> AS RANGE (...)";
            default -> "CREATE TYPE <name> AS (...)";
        };
        String wrong = "not of the form DO $$ BEGIN " + form + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$";
        Optional<String> inner = ParseCheck.doBody(sql);
        if (inner.isEmpty()) {
            return Optional.of(wrong);
        }
        String body = inner.get();
        List<Token> t = SqlLexer.significant(body);
        int k;
        if (o instanceof TypeObject.CreateDomain) {
            k = ParseCheck.words(body, t, ParseCheck.name(t, ParseCheck.words(body, t, 0, "CREATE", "DOMAIN")), "AS");
            return k > 0 && k < t.size() && balanced(t, k) ? Optional.empty() : Optional.of(wrong);
        }
        k = ParseCheck.words(body, t, ParseCheck.name(t, ParseCheck.words(body, t, 0, "CREATE", "TYPE")), "AS");
        if (o instanceof TypeObject.CreateRange) {
            k = ParseCheck.words(body, t, k, "RANGE");
        }
        return k > 0 && k < t.size() && t.get(k).kind() == Kind.OPEN_PAREN && closes(t, k) == t.size() - 1
                ? Optional.empty() : Optional.of(wrong);
    }

    /** Parentheses from {@code k} on close in order and none is left open. */
    private static boolean balanced(List<Token> t, int k) {
        int depth = 0;
        for (int i = k; i < t.size(); i++) {
            depth += t.get(i).kind() == Kind.OPEN_PAREN ? 1 : t.get(i).kind() == Kind.CLOSE_PAREN ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1. */
    private static int closes(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            depth += t.get(i).kind() == Kind.OPEN_PAREN ? 1 : t.get(i).kind() == Kind.CLOSE_PAREN ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
