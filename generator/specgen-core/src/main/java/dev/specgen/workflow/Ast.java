package dev.specgen.workflow;

import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The syntax of a workflow expression or condition, before its names are resolved: numbers, names
 * ({@code col}, {@code transaction.col}), calls, + - * / = AND and parentheses. Anything else (strings, casts,
 * subqueries, other operators) is not something a step can be compiled from: {@link #parse} says what it met.
 * Names are folded to lower case unless quoted, as PostgreSQL does.
 */
sealed interface Ast permits Ast.Num, Ast.Ref, Ast.Call, Ast.Bin, Ast.Par {
    // equals and hashCode are written out, with the values the generated record methods give: the compiler compares
    // expressions (a derived field that repeats a fold), and the generated methods spin method-handle classes for
    // every record class on their first call in a JVM (about 30 in a cold build of the examples)

    record Num(String text) implements Ast {
        @Override
        public boolean equals(Object o) {
            return o instanceof Num n && Objects.equals(text, n.text);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(text);
        }
    }

    record Ref(Optional<String> qualifier, String name) implements Ast {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ref r && Objects.equals(qualifier, r.qualifier) && Objects.equals(name, r.name);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(qualifier) + Objects.hashCode(name);
        }
    }

    record Call(String function, List<Ast> args) implements Ast {
        @Override
        public boolean equals(Object o) {
            return o instanceof Call c && Objects.equals(function, c.function) && Objects.equals(args, c.args);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(function) + Objects.hashCode(args);
        }
    }

    /** op: + - * / = and. */
    record Bin(Ast left, String op, Ast right) implements Ast {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bin b && Objects.equals(left, b.left) && Objects.equals(op, b.op)
                    && Objects.equals(right, b.right);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Objects.hashCode(left) + Objects.hashCode(op)) + Objects.hashCode(right);
        }
    }

    /** The compiler strips parentheses before it compares expressions, so this keeps the generated record methods. */
    record Par(Ast inner) implements Ast {
    }

    /** The expression without parentheses around it. */
    default Ast bare() {
        return this instanceof Par p ? p.inner().bare() : this;
    }

    /** Thrown by {@link #parse} with what could not be read. */
    final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    static Ast parse(String sql) throws Unsupported {
        Parser p = new Parser(sql);
        Ast a = p.or();
        if (p.i < p.tokens.size()) {
            throw new Unsupported("\"" + p.text(p.tokens.get(p.i)) + "\"");
        }
        return a;
    }

    /** Recursive descent over the lexer's significant tokens. */
    final class Parser {
        private final String sql;
        private final List<Token> tokens;
        private int i;

        Parser(String sql) {
            this.sql = sql;
            this.tokens = SqlLexer.significant(sql);
        }

        String text(Token t) {
            return sql.substring(t.start(), t.end());
        }

        private boolean isWord(String w) {
            return i < tokens.size() && tokens.get(i).kind() == Token.Kind.IDENTIFIER
                    && text(tokens.get(i)).toLowerCase(Locale.ROOT).equals(w);
        }

        private boolean isOp(String op) {
            return i < tokens.size() && tokens.get(i).kind() == Token.Kind.OPERATOR && text(tokens.get(i)).equals(op);
        }

        Ast or() throws Unsupported {
            Ast a = comparison();
            while (isWord("and")) {
                i++;
                a = new Bin(a, "and", comparison());
            }
            if (isWord("or")) {
                throw new Unsupported("OR");
            }
            return a;
        }

        Ast comparison() throws Unsupported {
            Ast a = additive();
            if (isOp("=")) {
                i++;
                a = new Bin(a, "=", additive());
            }
            return a;
        }

        Ast additive() throws Unsupported {
            Ast a = multiplicative();
            while (isOp("+") || isOp("-")) {
                String op = text(tokens.get(i++));
                a = new Bin(a, op, multiplicative());
            }
            return a;
        }

        Ast multiplicative() throws Unsupported {
            Ast a = primary();
            while (isOp("*") || isOp("/")) {
                String op = text(tokens.get(i++));
                a = new Bin(a, op, primary());
            }
            return a;
        }

        Ast primary() throws Unsupported {
            if (i >= tokens.size()) {
                throw new Unsupported("the expression ends early");
            }
            Token t = tokens.get(i++);
            switch (t.kind()) {
                case NUMBER:
                    return new Num(text(t));
                case OPEN_PAREN: {
                    Ast inner = or();
                    expect(Token.Kind.CLOSE_PAREN, ")");
                    return new Par(inner);
                }
                case IDENTIFIER:
                case QUOTED_IDENTIFIER: {
                    String first = name(t);
                    if (t.kind() == Token.Kind.IDENTIFIER && at(Token.Kind.OPEN_PAREN)) {
                        i++;
                        List<Ast> args = new ArrayList<>();
                        if (!at(Token.Kind.CLOSE_PAREN)) {
                            args.add(or());
                            while (at(Token.Kind.COMMA)) {
                                i++;
                                args.add(or());
                            }
                        }
                        expect(Token.Kind.CLOSE_PAREN, ")");
                        return new Call(first, args);
                    }
                    if (at(Token.Kind.DOT)) {
                        i++;
                        if (i >= tokens.size() || !(tokens.get(i).kind() == Token.Kind.IDENTIFIER
                                || tokens.get(i).kind() == Token.Kind.QUOTED_IDENTIFIER)) {
                            throw new Unsupported("a name after \"" + first + ".\"");
                        }
                        return new Ref(Optional.of(first), name(tokens.get(i++)));
                    }
                    return new Ref(Optional.empty(), first);
                }
                default:
                    throw new Unsupported("\"" + text(t) + "\"");
            }
        }

        private boolean at(Token.Kind k) {
            return i < tokens.size() && tokens.get(i).kind() == k;
        }

        private void expect(Token.Kind k, String what) throws Unsupported {
            if (!at(k)) {
                throw new Unsupported("a missing \"" + what + "\"");
            }
            i++;
        }

        private String name(Token t) {
            String s = text(t);
            return t.kind() == Token.Kind.QUOTED_IDENTIFIER ? s.substring(1, s.length() - 1).replace("\"\"", "\"")
                    : s.toLowerCase(Locale.ROOT);
        }
    }
}
