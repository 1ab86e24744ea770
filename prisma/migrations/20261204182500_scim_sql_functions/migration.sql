-- SQL helpers for the SCIM filter translation (lib/directory/filter-sql.ts), portable across PostgreSQL versions.

-- scim_fold: case folding for case-insensitive SCIM attributes, with the best collation this server offers.
DO $do$
DECLARE
  fold_collation text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'pg_unicode_fast') THEN
    fold_collation := 'pg_unicode_fast';
  ELSIF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    fold_collation := 'und-x-icu';
  END IF;
  IF fold_collation IS NULL THEN
    EXECUTE $f$CREATE OR REPLACE FUNCTION scim_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT lower(value)'$f$;
  ELSE
    EXECUTE format($f$CREATE OR REPLACE FUNCTION scim_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT lower(value COLLATE %I)'$f$, fold_collation);
  END IF;
END
$do$;

-- scim_timestamptz: a stored dateTime as an instant, or NULL when it is not a valid one (never raises).
CREATE OR REPLACE FUNCTION scim_timestamptz(value text) RETURNS timestamptz
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;
