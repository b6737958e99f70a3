-- specgen_tap: the subset of pgTAP that specgen's generated tests use, for servers without the pgtap extension.
-- Signatures, overload sets and output follow pgTAP 1.2 exactly, so a test file runs unchanged under both:
-- "ok 1 - description", "not ok 2 - description", then "# " diagnostic lines. Counters live in the session's
-- temp table __tcache__ and temp sequence __tresults___numb_seq (the names pgTAP uses), so they vanish with the
-- transaction or session. TapInstaller installs this file into the run's own schema (specgen_run_<id>, created
-- for it and dropped afterwards) with search_path = that schema; callers need it on their search_path (as pgTAP
-- needs its schema).
-- Overloads are deliberately limited to whole families of one arity (e.g. no has_table(name, name)), because
-- pgTAP resolves has_table('a', 'b') to has_table(name, text): a partial family would resolve differently.

CREATE OR REPLACE FUNCTION specgen_tap_version() RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT '2'::text $$;

-- state ---------------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION _get(text) RETURNS integer
LANGUAGE plpgsql STRICT AS $$
DECLARE
    ret integer;
BEGIN
    SELECT value INTO ret FROM __tcache__ WHERE label = $1;
    RETURN ret;
END;
$$;

CREATE OR REPLACE FUNCTION _set(text, integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE __tcache__ SET value = $2 WHERE label = $1;
    IF NOT FOUND THEN
        INSERT INTO __tcache__ (label, value) VALUES ($1, $2);
    END IF;
    RETURN $2;
END;
$$;

CREATE OR REPLACE FUNCTION plan(integer) RETURNS text
LANGUAGE plpgsql STRICT AS $$
BEGIN
    BEGIN
        CREATE TEMP TABLE __tcache__ (label text NOT NULL, value integer NOT NULL);
        CREATE TEMP SEQUENCE __tresults___numb_seq;
    EXCEPTION WHEN duplicate_table THEN
        IF EXISTS (SELECT 1 FROM __tcache__ WHERE label = 'plan') THEN
            RAISE EXCEPTION 'You tried to plan twice!';
        END IF;
    END;
    PERFORM _set('plan', $1);
    PERFORM _set('failed', 0);
    RETURN '1..' || $1;
END;
$$;

CREATE OR REPLACE FUNCTION no_plan() RETURNS SETOF boolean
LANGUAGE plpgsql STRICT AS $$
BEGIN
    PERFORM plan(0);
    RETURN;
END;
$$;

CREATE OR REPLACE FUNCTION _plan() RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    RETURN _get('plan');
EXCEPTION WHEN undefined_table THEN
    RAISE EXCEPTION 'You tried to run a test without a plan! Gotta have a plan';
END;
$$;

CREATE OR REPLACE FUNCTION num_failed() RETURNS integer
LANGUAGE sql STRICT AS $$ SELECT _get('failed') $$;

-- output --------------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION diag(msg text) RETURNS text
LANGUAGE sql STRICT AS $$
    SELECT '# ' || replace(replace(replace($1, E'\r\n', E'\n# '), E'\n', E'\n# '), E'\r', E'\n# ');
$$;

CREATE OR REPLACE FUNCTION diag(msg anyelement) RETURNS text
LANGUAGE sql AS $$ SELECT diag($1::text) $$;

CREATE OR REPLACE FUNCTION diag(VARIADIC text[]) RETURNS text
LANGUAGE sql AS $$ SELECT diag(array_to_string($1, '')) $$;

CREATE OR REPLACE FUNCTION diag(VARIADIC anyarray) RETURNS text
LANGUAGE sql AS $$ SELECT diag(array_to_string($1, '')) $$;

CREATE OR REPLACE FUNCTION ok(boolean, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    aok      ALIAS FOR $1;
    descr    text := $2;
    test_num integer;
BEGIN
    IF _plan() IS NULL THEN
        RAISE EXCEPTION 'You tried to run a test without a plan! Gotta have a plan';
    END IF;
    IF NOT COALESCE(aok, false) THEN
        PERFORM _set('failed', _get('failed') + 1);
    END IF;
    test_num := _set('curr_test', nextval('__tresults___numb_seq')::integer);
    RETURN (CASE aok WHEN TRUE THEN '' ELSE 'not ' END) || 'ok ' || test_num
        || CASE descr WHEN '' THEN '' ELSE COALESCE(' - ' || substr(diag(descr), 3), '') END
        || CASE aok WHEN TRUE THEN '' ELSE E'\n'
               || diag('Failed test ' || test_num
                       || CASE descr WHEN '' THEN '' ELSE COALESCE(': "' || descr || '"', '') END)
               || CASE WHEN aok IS NULL THEN E'\n' || diag('    (test result was NULL)') ELSE '' END
           END;
END;
$$;

CREATE OR REPLACE FUNCTION ok(boolean) RETURNS text
LANGUAGE sql AS $$ SELECT ok($1, NULL) $$;

CREATE OR REPLACE FUNCTION pass(text) RETURNS text LANGUAGE sql AS $$ SELECT ok(TRUE, $1) $$;
CREATE OR REPLACE FUNCTION pass() RETURNS text LANGUAGE sql AS $$ SELECT ok(TRUE, NULL) $$;
CREATE OR REPLACE FUNCTION fail(text) RETURNS text LANGUAGE sql AS $$ SELECT ok(FALSE, $1) $$;
CREATE OR REPLACE FUNCTION fail() RETURNS text LANGUAGE sql AS $$ SELECT ok(FALSE, NULL) $$;

-- skip: how_many passing tests whose line says why they did not run ("ok 7 # SKIP why")
CREATE OR REPLACE FUNCTION skip(why text, how_many integer) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    output text[] := '{}';
BEGIN
    FOR i IN 1..how_many LOOP
        output := array_append(output, ok(TRUE) || ' ' || diag('SKIP' || COALESCE(' ' || why, '')));
    END LOOP;
    RETURN array_to_string(output, E'\n');
END;
$$;

CREATE OR REPLACE FUNCTION skip(text) RETURNS text
LANGUAGE sql AS $$ SELECT ok(TRUE) || ' ' || diag('SKIP' || COALESCE(' ' || $1, '')) $$;
CREATE OR REPLACE FUNCTION skip(integer, text) RETURNS text LANGUAGE sql AS $$ SELECT skip($2, $1) $$;
CREATE OR REPLACE FUNCTION skip(integer) RETURNS text LANGUAGE sql AS $$ SELECT skip(NULL, $1) $$;

CREATE OR REPLACE FUNCTION _finish(integer, integer, integer, boolean DEFAULT NULL) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    curr_test ALIAS FOR $1;
    exp_tests integer := $2;
    num_faild ALIAS FOR $3;
    raise_ex  ALIAS FOR $4;
BEGIN
    IF curr_test IS NULL THEN
        RAISE EXCEPTION '# No tests run!';
    END IF;
    IF exp_tests = 0 OR exp_tests IS NULL THEN
        exp_tests := curr_test;
        RETURN NEXT '1..' || exp_tests;
    END IF;
    IF curr_test <> exp_tests THEN
        RETURN NEXT diag('Looks like you planned ' || exp_tests || ' test'
            || CASE exp_tests WHEN 1 THEN '' ELSE 's' END || ' but ran ' || curr_test);
    ELSIF num_faild > 0 THEN
        IF raise_ex THEN
            RAISE EXCEPTION '% test% failed of %', num_faild, CASE num_faild WHEN 1 THEN '' ELSE 's' END, exp_tests;
        END IF;
        RETURN NEXT diag('Looks like you failed ' || num_faild || ' test'
            || CASE num_faild WHEN 1 THEN '' ELSE 's' END || ' of ' || exp_tests);
    END IF;
    RETURN;
END;
$$;

CREATE OR REPLACE FUNCTION finish(exception_on_failure boolean DEFAULT NULL) RETURNS SETOF text
LANGUAGE sql AS $$
    SELECT * FROM _finish(_get('curr_test'), _get('plan'), num_failed(), $1);
$$;

-- comparisons ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION is(anyelement, anyelement, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    result boolean := NOT $1 IS DISTINCT FROM $2;
BEGIN
    RETURN ok(result, $3) || CASE result WHEN TRUE THEN '' ELSE E'\n' || diag(
           '        have: ' || CASE WHEN $1 IS NULL THEN 'NULL' ELSE $1::text END
        || E'\n        want: ' || CASE WHEN $2 IS NULL THEN 'NULL' ELSE $2::text END) END;
END;
$$;

CREATE OR REPLACE FUNCTION is(anyelement, anyelement) RETURNS text
LANGUAGE sql AS $$ SELECT is($1, $2, NULL) $$;

CREATE OR REPLACE FUNCTION isnt(anyelement, anyelement, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    result boolean := $1 IS DISTINCT FROM $2;
BEGIN
    RETURN ok(result, $3) || CASE result WHEN TRUE THEN '' ELSE E'\n' || diag(
           '        have: ' || COALESCE($1::text, 'NULL')
        || E'\n        want: anything else') END;
END;
$$;

CREATE OR REPLACE FUNCTION isnt(anyelement, anyelement) RETURNS text
LANGUAGE sql AS $$ SELECT isnt($1, $2, NULL) $$;

CREATE OR REPLACE FUNCTION _alike(boolean, anyelement, text, text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    RETURN ok($1, $4) || CASE $1 WHEN TRUE THEN '' ELSE E'\n' || diag(
           '                  ' || COALESCE(quote_literal($2), 'NULL')
        || E'\n   doesn''t match: ' || COALESCE(quote_literal($3), 'NULL')) END;
END;
$$;

CREATE OR REPLACE FUNCTION matches(anyelement, text, text) RETURNS text
LANGUAGE sql AS $$ SELECT _alike($1 ~ $2, $1, $2, $3) $$;

CREATE OR REPLACE FUNCTION matches(anyelement, text) RETURNS text
LANGUAGE sql AS $$ SELECT _alike($1 ~ $2, $1, $2, NULL) $$;

-- schema objects ------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION has_schema(name, text) RETURNS text
LANGUAGE sql AS $$
    SELECT ok(EXISTS (SELECT true FROM pg_catalog.pg_namespace WHERE nspname = $1), $2);
$$;

CREATE OR REPLACE FUNCTION has_schema(name) RETURNS text
LANGUAGE sql AS $$ SELECT has_schema($1, 'Schema ' || quote_ident($1) || ' should exist') $$;

CREATE OR REPLACE FUNCTION _rexists(char[], name, name) RETURNS boolean
LANGUAGE sql AS $$
    SELECT EXISTS (
        SELECT true
          FROM pg_catalog.pg_namespace n
          JOIN pg_catalog.pg_class c ON n.oid = c.relnamespace
         WHERE c.relkind = ANY($1) AND n.nspname = $2 AND c.relname = $3);
$$;

CREATE OR REPLACE FUNCTION has_table(name, name, text) RETURNS text
LANGUAGE sql AS $$ SELECT ok(_rexists('{r,p}'::char[], $1, $2), $3) $$;

CREATE OR REPLACE FUNCTION _cexists(name, name, name) RETURNS boolean
LANGUAGE sql AS $$
    SELECT EXISTS (
        SELECT true
          FROM pg_catalog.pg_namespace n
          JOIN pg_catalog.pg_class c ON n.oid = c.relnamespace
          JOIN pg_catalog.pg_attribute a ON c.oid = a.attrelid
         WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = $3);
$$;

CREATE OR REPLACE FUNCTION has_column(name, name, name, text) RETURNS text
LANGUAGE sql AS $$ SELECT ok(_cexists($1, $2, $3), $4) $$;

CREATE OR REPLACE FUNCTION col_not_null(schema_name name, table_name name, column_name name, description text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    qcol CONSTANT text := quote_ident($1) || '.' || quote_ident($2) || '.' || quote_ident($3);
    c_desc CONSTANT text := COALESCE($4, 'Column ' || qcol || ' should be NOT NULL');
BEGIN
    IF NOT _cexists($1, $2, $3) THEN
        RETURN fail(c_desc) || E'\n' || diag('    Column ' || qcol || ' does not exist');
    END IF;
    RETURN ok(EXISTS (
        SELECT true
          FROM pg_catalog.pg_namespace n
          JOIN pg_catalog.pg_class c ON n.oid = c.relnamespace
          JOIN pg_catalog.pg_attribute a ON c.oid = a.attrelid
         WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
           AND a.attname = $3 AND a.attnotnull), c_desc);
END;
$$;

CREATE OR REPLACE FUNCTION _quote_ident_like(text, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    pcision text;
BEGIN
    IF $2 !~ '"' THEN RETURN $1; END IF;
    IF $2 ~ '"$' THEN RETURN quote_ident($1); END IF;
    pcision := substring($1 FROM '[(][^")]+[)]$');
    IF pcision IS NULL THEN RETURN quote_ident($1); END IF;
    RETURN quote_ident(substring($1 FOR char_length($1) - char_length(pcision))) || pcision;
END;
$$;

CREATE OR REPLACE FUNCTION col_type_is(name, name, name, text, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    have_type text;
    want_type text;
BEGIN
    SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) INTO have_type
      FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_class c ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_attribute a ON c.oid = a.attrelid
     WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = $3 AND a.attnum > 0 AND NOT a.attisdropped;
    IF $1 IS NULL THEN
        SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) INTO have_type
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class c ON a.attrelid = c.oid
         WHERE pg_catalog.pg_table_is_visible(c.oid) AND c.relname = $2 AND a.attname = $3
           AND a.attnum > 0 AND NOT a.attisdropped;
    END IF;
    IF have_type IS NULL THEN
        RETURN fail($5) || E'\n' || diag('   Column ' || COALESCE(quote_ident($1) || '.', '')
            || quote_ident($2) || '.' || quote_ident($3) || ' does not exist');
    END IF;
    want_type := _quote_ident_like($4, have_type);
    IF have_type = want_type THEN
        RETURN ok(true, $5);
    END IF;
    RETURN ok(false, $5) || E'\n' || diag('        have: ' || have_type || E'\n        want: ' || want_type);
END;
$$;

-- indexes -------------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION _ikeys(name, name, name) RETURNS text[]
LANGUAGE sql AS $$
    SELECT ARRAY(
        SELECT pg_catalog.pg_get_indexdef(ci.oid, s.i + 1, false)
          FROM pg_catalog.pg_index x
          JOIN pg_catalog.pg_class ct ON ct.oid = x.indrelid
          JOIN pg_catalog.pg_class ci ON ci.oid = x.indexrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = ct.relnamespace
          JOIN generate_series(0, current_setting('max_index_keys')::int - 1) s(i) ON x.indkey[s.i] IS NOT NULL
         WHERE ct.relname = $2 AND ci.relname = $3 AND n.nspname = $1
         ORDER BY s.i);
$$;

CREATE OR REPLACE FUNCTION _ikeys(name, name) RETURNS text[]
LANGUAGE sql AS $$
    SELECT ARRAY(
        SELECT pg_catalog.pg_get_indexdef(ci.oid, s.i + 1, false)
          FROM pg_catalog.pg_index x
          JOIN pg_catalog.pg_class ct ON ct.oid = x.indrelid
          JOIN pg_catalog.pg_class ci ON ci.oid = x.indexrelid
          JOIN generate_series(0, current_setting('max_index_keys')::int - 1) s(i) ON x.indkey[s.i] IS NOT NULL
         WHERE ct.relname = $1 AND ci.relname = $2 AND pg_catalog.pg_table_is_visible(ct.oid)
         ORDER BY s.i);
$$;

CREATE OR REPLACE FUNCTION _have_index(name, name, name) RETURNS boolean
LANGUAGE sql AS $$
    SELECT EXISTS (
        SELECT true
          FROM pg_catalog.pg_index x
          JOIN pg_catalog.pg_class ct ON ct.oid = x.indrelid
          JOIN pg_catalog.pg_class ci ON ci.oid = x.indexrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = ct.relnamespace
         WHERE n.nspname = $1 AND ct.relname = $2 AND ci.relname = $3);
$$;

CREATE OR REPLACE FUNCTION _is_schema(name) RETURNS boolean
LANGUAGE sql AS $$ SELECT EXISTS (SELECT true FROM pg_catalog.pg_namespace WHERE nspname = $1) $$;

-- has_index(schema, table, index, columns[], description)
CREATE OR REPLACE FUNCTION has_index(name, name, name, name[], text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    index_cols name[];
BEGIN
    index_cols := _ikeys($1, $2, $3);
    IF index_cols IS NULL OR index_cols = '{}'::name[] THEN
        RETURN ok(false, $5) || E'\n'
            || diag('Index ' || quote_ident($3) || ' ON ' || quote_ident($1) || '.' || quote_ident($2) || ' not found');
    END IF;
    RETURN is(
        quote_ident($3) || ' ON ' || quote_ident($1) || '.' || quote_ident($2) || '(' || array_to_string(index_cols, ', ') || ')',
        quote_ident($3) || ' ON ' || quote_ident($1) || '.' || quote_ident($2) || '(' || array_to_string($4, ', ') || ')',
        $5);
END;
$$;

-- has_index(schema, table, index, column, description)
CREATE OR REPLACE FUNCTION has_index(name, name, name, name, text) RETURNS text
LANGUAGE sql AS $$ SELECT has_index($1, $2, $3, ARRAY[$4], $5) $$;

-- has_index(table, index, columns[], description)
CREATE OR REPLACE FUNCTION has_index(name, name, name[], text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    index_cols name[];
BEGIN
    index_cols := _ikeys($1, $2);
    IF index_cols IS NULL OR index_cols = '{}'::name[] THEN
        RETURN ok(false, $4) || E'\n' || diag('Index ' || quote_ident($2) || ' ON ' || quote_ident($1) || ' not found');
    END IF;
    RETURN is(
        quote_ident($2) || ' ON ' || quote_ident($1) || '(' || array_to_string(index_cols, ', ') || ')',
        quote_ident($2) || ' ON ' || quote_ident($1) || '(' || array_to_string($3, ', ') || ')',
        $4);
END;
$$;

-- has_index(schema, table, index, description), or (table, index, column, description) when $1 is no schema
CREATE OR REPLACE FUNCTION has_index(name, name, name, text) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE WHEN _is_schema($1) THEN ok(_have_index($1, $2, $3), $4)
                ELSE has_index($1, $2, ARRAY[$3], $4) END;
$$;

CREATE OR REPLACE FUNCTION index_is_type(name, name, name, name, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    aname name;
BEGIN
    SELECT am.amname INTO aname
      FROM pg_catalog.pg_index x
      JOIN pg_catalog.pg_class ct ON ct.oid = x.indrelid
      JOIN pg_catalog.pg_class ci ON ci.oid = x.indexrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = ct.relnamespace
      JOIN pg_catalog.pg_am am ON ci.relam = am.oid
     WHERE ct.relname = $2 AND ci.relname = $3 AND n.nspname = $1;
    RETURN is(aname, $4, $5);
END;
$$;

-- partitions and extensions -------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION is_partitioned(name, name, text) RETURNS text
LANGUAGE sql AS $$ SELECT ok(_rexists('{p}'::char[], $1, $2), $3) $$;

CREATE OR REPLACE FUNCTION is_partition_of(name, name, name, name, text) RETURNS text
LANGUAGE sql AS $$
    SELECT ok(EXISTS (
        SELECT true
          FROM pg_catalog.pg_namespace cn
          JOIN pg_catalog.pg_class cc ON cn.oid = cc.relnamespace
          JOIN pg_catalog.pg_inherits i ON cc.oid = i.inhrelid
          JOIN pg_catalog.pg_class pc ON i.inhparent = pc.oid
          JOIN pg_catalog.pg_namespace pn ON pc.relnamespace = pn.oid
         WHERE cn.nspname = $1 AND cc.relname = $2 AND cc.relispartition
           AND pn.nspname = $3 AND pc.relname = $4 AND pc.relkind = 'p'), $5);
$$;

CREATE OR REPLACE FUNCTION _ident_array_to_sorted_string(name[], text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT array_to_string(ARRAY(
        SELECT quote_ident($1[i]) FROM generate_series(1, array_upper($1, 1)) s(i) ORDER BY $1[i]), $2);
$$;

CREATE OR REPLACE FUNCTION _are(text, name[], name[], text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    msg text := '';
    res boolean := TRUE;
BEGIN
    IF $2[1] IS NOT NULL THEN
        res := FALSE;
        msg := E'\n' || diag('    Extra ' || $1 || E':\n        ' || _ident_array_to_sorted_string($2, E'\n        '));
    END IF;
    IF $3[1] IS NOT NULL THEN
        res := FALSE;
        msg := msg || E'\n' || diag('    Missing ' || $1 || E':\n        '
            || _ident_array_to_sorted_string($3, E'\n        '));
    END IF;
    RETURN ok(res, $4) || msg;
END;
$$;

-- partition names as regclass text, like pgTAP: schema-qualified unless the schema is on the search_path
CREATE OR REPLACE FUNCTION _parts(name, name) RETURNS SETOF name
LANGUAGE sql AS $$
    SELECT i.inhrelid::regclass::name
      FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_class c ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_inherits i ON c.oid = i.inhparent
     WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = 'p';
$$;

CREATE OR REPLACE FUNCTION partitions_are(name, name, name[], text) RETURNS text
LANGUAGE sql AS $$
    SELECT _are('partitions',
        ARRAY(SELECT _parts($1, $2) EXCEPT SELECT unnest($3)),
        ARRAY(SELECT unnest($3) EXCEPT SELECT _parts($1, $2)),
        $4);
$$;

CREATE OR REPLACE FUNCTION has_extension(name, name, text) RETURNS text
LANGUAGE sql AS $$
    SELECT ok(EXISTS (
        SELECT true
          FROM pg_catalog.pg_extension ex
          JOIN pg_catalog.pg_namespace n ON ex.extnamespace = n.oid
         WHERE n.nspname = $1 AND ex.extname = $2), $3);
$$;

CREATE OR REPLACE FUNCTION has_extension(name, text) RETURNS text
LANGUAGE sql AS $$
    SELECT ok(EXISTS (SELECT true FROM pg_catalog.pg_extension ex WHERE ex.extname = $1), $2);
$$;

-- running code --------------------------------------------------------------------------------------------

-- a bare word (no whitespace) or a quoted name is a prepared statement to EXECUTE, as in pgTAP
CREATE OR REPLACE FUNCTION _query(text) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE WHEN $1 LIKE '"%' OR $1 !~ '[[:space:]]' THEN 'EXECUTE ' || $1 ELSE $1 END;
$$;

CREATE OR REPLACE FUNCTION _error_diag(text, text, text, text, text, text, text, text, text, text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(COALESCE(NULLIF($1, '') || ': ', '') || COALESCE(NULLIF($2, ''), ''), 'NO ERROR FOUND')
        || COALESCE(E'\n        DETAIL:     ' || nullif($3, ''), '')
        || COALESCE(E'\n        HINT:       ' || nullif($4, ''), '')
        || COALESCE(E'\n        SCHEMA:     ' || nullif($6, ''), '')
        || COALESCE(E'\n        TABLE:      ' || nullif($7, ''), '')
        || COALESCE(E'\n        COLUMN:     ' || nullif($8, ''), '')
        || COALESCE(E'\n        CONSTRAINT: ' || nullif($9, ''), '')
        || COALESCE(E'\n        TYPE:       ' || nullif($10, ''), '')
        || COALESCE(E'\n        CONTEXT:\n' || regexp_replace(NULLIF($5, ''), '^', '            ', 'gn'), '');
$$;

-- keep EXECUTE on body line 14, as in pgTAP: the CONTEXT diagnostic names that line
CREATE OR REPLACE FUNCTION lives_ok(text, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    code    text := _query($1);
    descr   ALIAS FOR $2;
    detail  text;
    hint    text;
    context text;
    schname text;
    tabname text;
    colname text;
    chkname text;
    typname text;
BEGIN
    EXECUTE code;
    RETURN ok(TRUE, descr);
EXCEPTION WHEN OTHERS OR ASSERT_FAILURE THEN
    GET STACKED DIAGNOSTICS
        detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT, context = PG_EXCEPTION_CONTEXT,
        schname = SCHEMA_NAME, tabname = TABLE_NAME, colname = COLUMN_NAME, chkname = CONSTRAINT_NAME,
        typname = PG_DATATYPE_NAME;
    RETURN ok(FALSE, descr) || E'\n' || diag('    died: '
        || _error_diag(SQLSTATE, SQLERRM, detail, hint, context, schname, tabname, colname, chkname, typname));
END;
$$;

CREATE OR REPLACE FUNCTION lives_ok(text) RETURNS text
LANGUAGE sql AS $$ SELECT lives_ok($1, NULL) $$;

-- throws_ok(sql, errcode, errmsg, description)
CREATE OR REPLACE FUNCTION throws_ok(text, char(5), text, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    query   text := _query($1);
    errcode ALIAS FOR $2;
    errmsg  ALIAS FOR $3;
    descr   text := COALESCE($4, 'threw ' || errcode || ': ' || errmsg, 'threw ' || errcode, 'threw ' || errmsg,
                             'threw an exception');
BEGIN
    EXECUTE query;
    RETURN ok(FALSE, descr) || E'\n' || diag(
           '      caught: no exception' || E'\n      wanted: ' || COALESCE(errcode, 'an exception'));
EXCEPTION WHEN OTHERS OR ASSERT_FAILURE THEN
    IF (errcode IS NULL OR SQLSTATE = errcode) AND (errmsg IS NULL OR SQLERRM = errmsg) THEN
        RETURN ok(TRUE, descr);
    END IF;
    RETURN ok(FALSE, descr) || E'\n' || diag(
           '      caught: ' || SQLSTATE || ': ' || SQLERRM
        || E'\n      wanted: ' || COALESCE(errcode, 'an exception') || COALESCE(': ' || errmsg, ''));
END;
$$;

-- throws_ok(sql, errcode, errmsg) or throws_ok(sql, errmsg, description)
CREATE OR REPLACE FUNCTION throws_ok(text, text, text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    IF octet_length($2) = 5 THEN
        RETURN throws_ok($1, $2::char(5), $3, NULL);
    END IF;
    RETURN throws_ok($1, NULL, $2, $3);
END;
$$;

-- throws_ok(sql, errcode) or throws_ok(sql, errmsg)
CREATE OR REPLACE FUNCTION throws_ok(text, text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    IF octet_length($2) = 5 THEN
        RETURN throws_ok($1, $2::char(5), NULL, NULL);
    END IF;
    RETURN throws_ok($1, NULL, $2, NULL);
END;
$$;

CREATE OR REPLACE FUNCTION throws_ok(text) RETURNS text
LANGUAGE sql AS $$ SELECT throws_ok($1, NULL, NULL, NULL) $$;

CREATE OR REPLACE FUNCTION throws_ok(text, int4, text, text) RETURNS text
LANGUAGE sql AS $$ SELECT throws_ok($1, $2::char(5), $3, $4) $$;

CREATE OR REPLACE FUNCTION throws_ok(text, int4, text) RETURNS text
LANGUAGE sql AS $$ SELECT throws_ok($1, $2::char(5), $3, NULL) $$;

CREATE OR REPLACE FUNCTION throws_ok(text, int4) RETURNS text
LANGUAGE sql AS $$ SELECT throws_ok($1, $2::char(5), NULL, NULL) $$;

-- performs_within(sql, average_ms, within_ms, iterations, description): runs the query N times and passes when
-- the mean of the middle 80% of the run times is within +/- within_ms of average_ms (pgTAP _time_trials).
CREATE OR REPLACE FUNCTION performs_within(text, numeric, numeric, int, text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    query      text := _query($1);
    iterations integer := $4;
    start_time text;
    times      numeric[];
    avg_time   numeric;
BEGIN
    FOR i IN 1..iterations LOOP
        start_time := timeofday();
        EXECUTE query;
        times[i] := extract(millisecond FROM timeofday()::timestamptz - start_time::timestamptz);
    END LOOP;
    SELECT avg(t) INTO avg_time FROM (
        SELECT times[i] AS t
          FROM generate_series(array_lower(times, 1), array_upper(times, 1)) i
         ORDER BY 1
        OFFSET GREATEST((((1.0 - 0.8) / 2.0) * iterations)::int, 0)
         LIMIT GREATEST((0.8 * iterations)::int, 1)) trials;
    IF abs(avg_time - $2) < $3 THEN
        RETURN ok(TRUE, $5);
    END IF;
    RETURN ok(FALSE, $5) || E'\n' || diag(' average runtime: ' || avg_time || ' ms'
        || E'\n desired average: ' || $2 || ' +/- ' || $3 || ' ms');
END;
$$;

CREATE OR REPLACE FUNCTION performs_within(text, numeric, numeric, int) RETURNS text
LANGUAGE sql AS $$
    SELECT performs_within($1, $2, $3, $4, 'Should run within ' || $2 || ' +/- ' || $3 || ' ms');
$$;

CREATE OR REPLACE FUNCTION performs_within(text, numeric, numeric, text) RETURNS text
LANGUAGE sql AS $$ SELECT performs_within($1, $2, $3, 10, $4) $$;

CREATE OR REPLACE FUNCTION performs_within(text, numeric, numeric) RETURNS text
LANGUAGE sql AS $$
    SELECT performs_within($1, $2, $3, 10, 'Should run within ' || $2 || ' +/- ' || $3 || ' ms');
$$;
