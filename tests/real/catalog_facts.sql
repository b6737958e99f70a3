-- One line per catalog fact of the user schemas of the current database, sorted: the normalised form that
-- tests/real/compare.sh diffs between the original DDL and specgen's install.sql (see tests/real/README.md).
WITH ns AS (
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg_temp%'
    AND nspname NOT LIKE 'pg_toast_temp%'
    AND NOT (nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = pg_namespace.oid))
), rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relreplident, c.relrowsecurity, c.relforcerowsecurity,
         c.reloptions, n.nspname, format('%I.%I', n.nspname, c.relname) AS qname
  FROM pg_class c JOIN ns n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
), col AS (
  SELECT a.attrelid, a.attname, a.attnum,
         format('%s%s%s%s%s', format_type(a.atttypid, a.atttypmod),
                CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                CASE WHEN a.attidentity <> '' THEN ' identity=' || a.attidentity::text ELSE '' END,
                CASE WHEN a.attgenerated <> '' THEN ' generated=' || pg_get_expr(ad.adbin, ad.adrelid)
                     WHEN ad.adbin IS NOT NULL THEN ' default=' || pg_get_expr(ad.adbin, ad.adrelid) ELSE '' END,
                CASE WHEN a.attcollation <> 0 AND a.attcollation <> (SELECT oid FROM pg_collation WHERE collname = 'default')
                     THEN ' collate=' || a.attcollation::regcollation ELSE '' END) AS fact
  FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  WHERE a.attrelid IN (SELECT oid FROM rel) AND a.attnum > 0 AND NOT a.attisdropped
)
SELECT line FROM (
  SELECT 'schema ' || nspname AS line FROM ns
  UNION ALL
  SELECT format('comment schema %s %s', n.nspname, d.description) FROM ns n
  JOIN pg_description d ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass
  UNION ALL
  SELECT format('extension %s schema %s', e.extname, n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname <> 'plpgsql'
  UNION ALL
  SELECT format('table %s kind=%s persistence=%s replident=%s rls=%s force_rls=%s options=%s', qname, relkind,
                relpersistence, relreplident, relrowsecurity, relforcerowsecurity, coalesce(reloptions::text, '-'))
  FROM rel WHERE NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = rel.oid)
  UNION ALL
  SELECT format('table %s partition key %s', qname, pg_get_partkeydef(oid)) FROM rel WHERE relkind = 'p'
  UNION ALL
  -- keyed by parent and bound, so a partition named differently is one line each side
  SELECT format('partition of %s %s: %s kind=%s persistence=%s replident=%s rls=%s force_rls=%s options=%s',
                i.inhparent::regclass, pg_get_expr(pc.relpartbound, pc.oid), r.qname, r.relkind, r.relpersistence,
                r.relreplident, r.relrowsecurity, r.relforcerowsecurity, coalesce(r.reloptions::text, '-'))
  FROM rel r JOIN pg_inherits i ON i.inhrelid = r.oid JOIN pg_class pc ON pc.oid = r.oid
  UNION ALL
  SELECT format('column %s.%s #%s %s', r.qname, c.attname, c.attnum, c.fact)
  FROM rel r JOIN col c ON c.attrelid = r.oid
  -- a partition's columns are its parent's: only what differs from the parent's column (PostgreSQL keeps
  -- defaults per partition; a table attached after CREATE TABLE ... LIKE has only what LIKE copied)
  WHERE NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN col pcol ON pcol.attrelid = i.inhparent AND pcol.attname = c.attname
                    WHERE i.inhrelid = r.oid AND pcol.fact = c.fact)
  UNION ALL
  SELECT format('constraint %s %s %s%s', r.qname, co.conname, pg_get_constraintdef(co.oid),
                CASE WHEN co.convalidated THEN '' ELSE ' (not validated)' END)
  FROM rel r JOIN pg_constraint co ON co.conrelid = r.oid WHERE co.contype <> 'n' AND co.conparentid = 0
    -- a CHECK a partition inherited from its parent is counted once, on the parent
    AND (co.conislocal OR co.coninhcount = 0)
  UNION ALL
  SELECT format('index %s', regexp_replace(pg_get_indexdef(x.indexrelid), ' INDEX (\S+) ON ', ' INDEX ' || n.nspname || '.\1 ON '))
  FROM rel r JOIN pg_index x ON x.indrelid = r.oid JOIN pg_class ic ON ic.oid = x.indexrelid
  JOIN pg_namespace n ON n.oid = ic.relnamespace
  -- indexes a partition got from its parent's index are counted once, on the parent
  WHERE NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = x.indexrelid)
  UNION ALL
  SELECT format('comment %s %s', r.qname, d.description) FROM rel r JOIN pg_description d ON d.objoid = r.oid AND d.objsubid = 0
    AND d.classoid = 'pg_class'::regclass
  UNION ALL
  SELECT format('policy %s %s %s %s roles=%s using=%s check=%s', r.qname, p.polname, p.polcmd,
                CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END,
                (SELECT string_agg(CASE WHEN ro = 0 THEN 'public' ELSE ro::regrole::text END, ',' ORDER BY 1) FROM unnest(p.polroles) ro),
                coalesce(pg_get_expr(p.polqual, p.polrelid), '-'), coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-'))
  FROM rel r JOIN pg_policy p ON p.polrelid = r.oid
  UNION ALL
  SELECT format('trigger %s', pg_get_triggerdef(t.oid)) FROM rel r JOIN pg_trigger t ON t.tgrelid = r.oid
  WHERE NOT t.tgisinternal AND t.tgparentid = 0
  UNION ALL
  SELECT format('enum %I.%I %s', n.nspname, t.typname,
                (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
  FROM pg_type t JOIN ns n ON n.oid = t.typnamespace WHERE t.typtype = 'e'
  UNION ALL
  SELECT format('type %I.%I composite (%s)', n.nspname, t.typname,
                (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                 FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped))
  FROM pg_type t JOIN ns n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid
  WHERE t.typtype = 'c' AND c.relkind = 'c'
  UNION ALL
  SELECT format('type %I.%I %s', n.nspname, t.typname,
                CASE t.typtype WHEN 'd' THEN 'domain over ' || format_type(t.typbasetype, t.typtypmod)
                               WHEN 'r' THEN 'range of ' || format_type(rg.rngsubtype, NULL) ELSE t.typtype::text END)
  FROM pg_type t JOIN ns n ON n.oid = t.typnamespace LEFT JOIN pg_range rg ON rg.rngtypid = t.oid
  WHERE t.typtype IN ('d', 'r') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
  UNION ALL
  SELECT format('sequence %I.%I %s start=%s inc=%s min=%s max=%s cache=%s cycle=%s owned_by=%s', n.nspname, c.relname,
                format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                coalesce((SELECT format('%s.%s', d.refobjid::regclass, a.attname) FROM pg_depend d
                          JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                          WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')), '-'))
  FROM pg_class c JOIN ns n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
  UNION ALL
  SELECT format('function %I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
  FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace
  WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
) facts ORDER BY line COLLATE "C";
