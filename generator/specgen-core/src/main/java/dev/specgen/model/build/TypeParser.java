package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.Suggest;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type text to {@link FieldType}: case-insensitive, whitespace-tolerant ({@code Decimal( 10 , 2 )}), one array
 * dimension ({@code text[]}), {@code enum(a, b)} shorthand. Unknown names are SG201 with a did-you-mean (for
 * other systems' names such as {@code datetime} or {@code string}, the PostgreSQL type and a hint); bad parameters
 * SG219. Ranges (precision 1..1000, lengths) are checked by the validator on the model.
 */
final class TypeParser {

    /** Accepted spellings, lower-case and single-spaced, to kinds. The first spelling of a kind is canonical. */
    static final Map<String, Kind> NAMES = new LinkedHashMap<>();

    static {
        alias(Kind.SMALLINT, "smallint", "int2");
        alias(Kind.INTEGER, "integer", "int", "int4");
        alias(Kind.BIGINT, "bigint", "int8");
        alias(Kind.REAL, "real", "float4");
        alias(Kind.DOUBLE, "double precision", "double", "float8");
        alias(Kind.MONEY, "money");
        alias(Kind.TEXT, "text");
        alias(Kind.VARCHAR, "varchar", "character varying");
        alias(Kind.BOOLEAN, "boolean", "bool");
        alias(Kind.DATE, "date");
        alias(Kind.TIMESTAMP, "timestamp", "timestamp without time zone");
        alias(Kind.TIMESTAMPTZ, "timestamptz", "timestamp with time zone");
        alias(Kind.TIME, "time", "time without time zone");
        alias(Kind.TIMETZ, "timetz", "time with time zone");
        for (Kind k : List.of(Kind.INTERVAL, Kind.UUID, Kind.JSON, Kind.JSONB, Kind.BYTEA, Kind.INET, Kind.CIDR,
                Kind.MACADDR, Kind.TSVECTOR, Kind.INT4RANGE, Kind.INT8RANGE, Kind.NUMRANGE, Kind.DATERANGE,
                Kind.TSRANGE, Kind.TSTZRANGE, Kind.POINT, Kind.BOX, Kind.OID, Kind.REGCLASS, Kind.REGTYPE, Kind.REGPROC,
                Kind.REGPROCEDURE, Kind.REGOPER, Kind.REGOPERATOR, Kind.REGROLE, Kind.REGNAMESPACE, Kind.REGCONFIG,
                Kind.REGDICTIONARY, Kind.REGCOLLATION)) {
            alias(k, k.sql());
        }
    }

    private static void alias(Kind k, String... names) {
        for (String n : names) {
            NAMES.put(n, k);
        }
    }

    /** Every type name a user may write, for did-you-mean. */
    static final List<String> ALL_NAMES;

    static {
        List<String> all = new ArrayList<>(NAMES.keySet());
        all.addAll(List.of("numeric", "decimal", "char", "character", "enum"));
        ALL_NAMES = List.copyOf(all);
    }

    /** A type name from another language or database: the PostgreSQL type it means, and a hint. */
    private record Synonym(String type, String hint) {
    }

    /** Lower-case names of other systems' types (suggested instead of the nearest spelling). */
    static final Map<String, Synonym> SYNONYMS = new LinkedHashMap<>();

    static {
        Synonym timestamp = new Synonym("timestamp",
                "PostgreSQL calls it timestamp; use timestamptz for points in time (it stores UTC)");
        Synonym text = new Synonym("text", "PostgreSQL strings are text (or varchar(n) with a length limit)");
        Synonym bigint = new Synonym("bigint", "bigint is PostgreSQL's 64-bit integer");
        Synonym dbl = new Synonym("double precision",
                "PostgreSQL floating point types are double precision (8 bytes) and real (4 bytes)");
        SYNONYMS.put("datetime", timestamp);
        SYNONYMS.put("string", text);
        SYNONYMS.put("str", text);
        SYNONYMS.put("int64", bigint);
        SYNONYMS.put("long", bigint);
        SYNONYMS.put("int32", new Synonym("integer", "integer is PostgreSQL's 32-bit integer"));
        SYNONYMS.put("float", dbl);
        SYNONYMS.put("number", new Synonym("numeric", "numeric is PostgreSQL's exact decimal type: numeric(p,s)"));
        SYNONYMS.put("blob", new Synonym("bytea", "bytea is PostgreSQL's binary string type"));
    }

    private static final Pattern CALL = Pattern.compile("([a-z][a-z ]*?)\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern INT = Pattern.compile("\\d{1,9}");
    /** {@code timestamp(3) with time zone}: the long spelling with a precision in the middle. */
    private static final Pattern LONG_PRECISE = Pattern.compile("(timestamp|time) ?\\((.*)\\) (with|without) time zone");

    private final Diagnostics diags;
    private final TypeScope scope;

    TypeParser(Diagnostics diags) {
        this(diags, TypeScope.NONE);
    }

    /** @param scope the run's declared types and the types of its declared extensions */
    TypeParser(Diagnostics diags, TypeScope scope) {
        this.diags = diags;
        this.scope = scope;
    }

    /**
     * Parses {@code raw}. Enum types are created in {@code schema} as {@code enumName}; {@code enumValues} are the
     * long form's {@code values:} (empty for the shorthand). Reports and returns empty when the text is no type.
     */
    Optional<FieldType> parse(String raw, SourcePos pos, String schema, String enumName, List<String> enumValues) {
        String text = raw.trim();
        if (text.endsWith("[]")) {
            String inner = text.substring(0, text.length() - 2).trim();
            if (inner.endsWith("[]")) {
                diags.error(pos, Code.SG219, "type \"" + raw + "\" has more than one array dimension",
                        "specgen supports one-dimensional arrays such as text[]");
                return Optional.empty();
            }
            return parse(inner, pos, schema, enumName, enumValues).map(FieldType.Array::new);
        }
        if (text.indexOf('(') >= 0 && text.indexOf(')') < 0) {
            // the usual cause: {type: decimal(10,2)} in a flow mapping, where YAML splits at the comma
            diags.error(pos, Code.SG219, "type \"" + raw.trim() + "\" has no closing parenthesis",
                    "inside {...} quote types that contain commas: {type: \"decimal(10,2)\"}");
            return Optional.empty();
        }
        String norm = Shape.spaced(text.toLowerCase(Locale.ROOT), false);
        Kind kind = NAMES.get(norm);
        if (kind != null) {
            return Optional.of(new FieldType.Simple(kind));
        }
        if (scope.declares(norm, schema)) {
            return scope.resolve(norm, schema, pos);
        }
        Matcher longForm = LONG_PRECISE.matcher(norm);
        if (longForm.matches()) {
            Kind k = NAMES.get(longForm.group(1) + " " + longForm.group(3) + " time zone");
            return precise(raw, k, longForm.group(2), pos);
        }
        Matcher call = CALL.matcher(norm);
        String name = call.matches() ? call.group(1).trim() : norm;
        if (call.matches() && NAMES.containsKey(name) && NAMES.get(name).takesPrecision()) {
            return precise(raw, NAMES.get(name), call.group(2), pos);
        }
        switch (name) {
            case "numeric", "decimal":
                return call.matches() ? numeric(raw, call.group(2), pos)
                        : Optional.of(new FieldType.Numeric(Optional.empty(), Optional.empty()));
            case "varchar", "character varying", "char", "character":
                // varchar alone is in NAMES (a kind of its own); here only with a length, or char
                return sized(raw, name.startsWith("char") && !name.endsWith("varying") ? "char" : "varchar",
                        call.matches() ? call.group(2) : null, pos);
            case "enum":
                return enumType(raw, text, call.matches(), schema, enumName, enumValues, pos);
            case "serial", "bigserial", "smallserial", "serial4", "serial8", "serial2":
                String base = name.startsWith("big") || name.equals("serial8") ? "bigint"
                        : name.startsWith("small") || name.equals("serial2") ? "smallint" : "integer";
                diags.error(pos, Code.SG201, "type \"" + raw.trim() + "\" is not supported",
                        "use type: " + base + " with identity: always (or identity: by default)");
                return Optional.empty();
            default:
                if (NAMES.containsKey(name)) {
                    diags.error(pos, Code.SG219, "type " + name + " takes no parameters, found \"" + raw.trim()
                            + "\"");
                } else if (dev.specgen.validate.Contrib.extensionOfType(name).isPresent()) {
                    Optional<FieldType> ext = scope.extensionType(name);
                    if (ext.isPresent() && !call.matches()) {
                        return ext;
                    }
                    String x = dev.specgen.validate.Contrib.extensionOfType(name).get();
                    diags.error(pos, Code.SG201, "type " + name + " comes from the " + x + " extension, which"
                            + " the run does not declare", "add extensions: [" + x + "] to the entity; " + name
                            + " is then written qualified with the schema the install creates " + x + " in");
                    return Optional.empty();
                } else if (SYNONYMS.containsKey(name)) {
                    Synonym syn = SYNONYMS.get(name);
                    diags.error(pos, Code.SG201, "unknown field type \"" + raw.trim() + "\" (did you mean \""
                            + syn.type() + "\"?)", syn.hint());
                } else {
                    List<String> known = new ArrayList<>(ALL_NAMES);
                    known.addAll(scope.names(schema));
                    diags.error(pos, Code.SG201, "unknown field type \"" + raw.trim() + "\""
                            + Suggest.didYouMean(name, known));
                }
                return Optional.empty();
        }
    }

    private Optional<FieldType> numeric(String raw, String args, SourcePos pos) {
        String[] parts = args.split(",", -1);
        if (parts.length > 2 || !INT.matcher(parts[0].trim()).matches()
                || parts.length == 2 && !INT.matcher(parts[1].trim()).matches()) {
            diags.error(pos, Code.SG219, "numeric takes (precision) or (precision, scale) as integers, found \""
                    + raw.trim() + "\"", "write numeric(10,2), numeric(12) or numeric");
            return Optional.empty();
        }
        Optional<Integer> scale = parts.length == 2 ? Optional.of(Integer.parseInt(parts[1].trim()))
                : Optional.empty();
        return Optional.of(new FieldType.Numeric(Optional.of(Integer.parseInt(parts[0].trim())), scale));
    }

    /** {@code timestamptz(3)}: a precision in the range PostgreSQL allows (0 to 6). */
    private Optional<FieldType> precise(String raw, Kind kind, String args, SourcePos pos) {
        String a = args.trim();
        if (!INT.matcher(a).matches() || Integer.parseInt(a) > 6) {
            diags.error(pos, Code.SG219, kind.sql() + " takes a precision from 0 to 6 (digits of fractional"
                    + " seconds), found \"" + raw.trim() + "\"", "write " + kind.sql() + "(3) for milliseconds, or "
                    + kind.sql() + " for microseconds");
            return Optional.empty();
        }
        return Optional.of(new FieldType.Simple(kind, java.util.OptionalInt.of(Integer.parseInt(a))));
    }

    private Optional<FieldType> sized(String raw, String base, String args, SourcePos pos) {
        if (args == null) {
            diags.error(pos, Code.SG219, base + " needs a length, found \"" + raw.trim() + "\"",
                    "write char(n), or use text");
            return Optional.empty();
        }
        if (!INT.matcher(args.trim()).matches()) {
            diags.error(pos, Code.SG219, base + " takes one integer length, found \"" + raw.trim() + "\"");
            return Optional.empty();
        }
        return Optional.of(new FieldType.Sized(base, Integer.parseInt(args.trim())));
    }

    private Optional<FieldType> enumType(String raw, String text, boolean shorthand, String schema,
            String enumName, List<String> values, SourcePos pos) {
        if (enumName == null) {
            diags.error(pos, Code.SG219, "\"" + raw.trim() + "\" inside types: has no name to be created under",
                    "declare the enum as an item of types: ({name: ..., enum: [...]}) and use its name here");
            return Optional.empty();
        }
        if (!shorthand) {
            return Optional.of(new FieldType.Enum(schema, enumName, values));
        }
        if (!values.isEmpty()) {
            diags.error(pos, Code.SG219, "enum values are given twice, in \"" + raw.trim() + "\" and in values:",
                    "keep one of them");
            return Optional.empty();
        }
        // values keep their case: parse the original text, not the lower-cased one
        String inside = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
        Optional<List<String>> labels = inside.isBlank() ? Optional.of(List.of()) : labels(inside);
        if (labels.isEmpty()) {
            diags.error(pos, Code.SG219, "enum labels in \"" + raw.trim() + "\" have a quote that is not closed",
                    "quote a label as 'it''s' or \"say \"\"hi\"\"\" (a quote inside is written twice), or use values:");
            return Optional.empty();
        }
        return Optional.of(new FieldType.Enum(schema, enumName, labels.get()));
    }

    /**
     * The labels of {@code enum(...)}, split at commas outside quotes: {@code 'a'} and {@code "a"} are quoted (a
     * quote inside written twice, as in SQL: {@code 'it''s'} is {@code it's}), anything else is taken trimmed.
     * Empty when a quote is not closed.
     */
    static Optional<List<String>> labels(String inside) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < inside.length() && Character.isWhitespace(inside.charAt(i))) {
                i++;
            }
            StringBuilder label = new StringBuilder();
            char q = i < inside.length() ? inside.charAt(i) : 0;
            if (q == '\'' || q == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= inside.length()) {
                        return Optional.empty();
                    }
                    if (inside.charAt(j) == q && j + 1 < inside.length() && inside.charAt(j + 1) == q) {
                        label.append(q);
                        j += 2;
                    } else if (inside.charAt(j) == q) {
                        break;
                    } else {
                        label.append(inside.charAt(j++));
                    }
                }
                i = j + 1;
                int comma = inside.indexOf(',', i);
                String rest = (comma < 0 ? inside.substring(i) : inside.substring(i, comma)).strip();
                label.append(rest.isEmpty() ? "" : " " + rest); // 'a' b: kept, so that validation sees it
                i = comma < 0 ? inside.length() + 1 : comma + 1;
            } else {
                int comma = inside.indexOf(',', i);
                label.append((comma < 0 ? inside.substring(i) : inside.substring(i, comma)).strip());
                i = comma < 0 ? inside.length() + 1 : comma + 1;
            }
            out.add(label.toString());
            if (i > inside.length()) {
                return Optional.of(out);
            }
        }
    }
}
