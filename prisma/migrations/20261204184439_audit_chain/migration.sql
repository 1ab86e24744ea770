-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" BYTEA,
ADD COLUMN     "prevHash" BYTEA,
ADD COLUMN     "seq" BIGINT;

-- CreateTable
CREATE TABLE "AuditChain" (
    "accountId" UUID NOT NULL,
    "lastSeq" BIGINT NOT NULL DEFAULT 0,
    "lastHash" BYTEA,
    "anchorSeq" BIGINT NOT NULL DEFAULT 0,
    "anchorHash" BYTEA,

    CONSTRAINT "AuditChain_pkey" PRIMARY KEY ("accountId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_accountId_seq_key" ON "AuditEvent"("accountId", "seq");

-- AddForeignKey
ALTER TABLE "AuditChain" ADD CONSTRAINT "AuditChain_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The canonical text of an event that its hash covers (one definition, for sealing and for verification).
CREATE OR REPLACE FUNCTION audit_event_payload(e "AuditEvent", event_seq bigint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws(E'\x1f',
    e."accountId"::text, event_seq::text,
    to_char(e."occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.action, e."actorType"::text, coalesce(e."actorId", ''), e."actorLabel",
    coalesce(e."targetType", ''), coalesce(e."targetId", ''), coalesce(e."targetLabel", ''),
    coalesce(e.before::text, ''), coalesce(e.after::text, ''), coalesce(e."requestId", ''))
$$;

-- Sealing at commit (a deferred constraint trigger): the account's chain head is locked only for the commit
-- itself, so concurrent writers of one account serialise for microseconds, not for their whole transaction,
-- and the chain follows commit order.
CREATE OR REPLACE FUNCTION audit_chain_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head "AuditChain"%ROWTYPE;
  next_seq bigint;
  sealed bytea;
BEGIN
  SELECT * INTO head FROM "AuditChain" WHERE "accountId" = NEW."accountId" FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO "AuditChain" ("accountId") VALUES (NEW."accountId") ON CONFLICT DO NOTHING;
    SELECT * INTO head FROM "AuditChain" WHERE "accountId" = NEW."accountId" FOR UPDATE;
  END IF;
  next_seq := head."lastSeq" + 1;
  sealed := sha256(coalesce(head."lastHash", '\x'::bytea) || convert_to(audit_event_payload(NEW, next_seq), 'UTF8'));
  UPDATE "AuditEvent" SET seq = next_seq, "prevHash" = head."lastHash", hash = sealed WHERE id = NEW.id;
  UPDATE "AuditChain" SET "lastSeq" = next_seq, "lastHash" = sealed WHERE "accountId" = NEW."accountId";
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER audit_chain_seal AFTER INSERT ON "AuditEvent"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_seal();

-- Append-only: an event may be sealed once and never changed; it may be deleted only by the retention job
-- (which sets audit.allow_delete for its transaction) or together with its account.
CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND (OLD.id, OLD."accountId", OLD."occurredAt", OLD.action, OLD."actorType", OLD."actorId", OLD."actorLabel",
            OLD."targetType", OLD."targetId", OLD."targetLabel", OLD.before::text, OLD.after::text, OLD."requestId")
           IS NOT DISTINCT FROM
           (NEW.id, NEW."accountId", NEW."occurredAt", NEW.action, NEW."actorType", NEW."actorId", NEW."actorLabel",
            NEW."targetType", NEW."targetId", NEW."targetLabel", NEW.before::text, NEW.after::text, NEW."requestId") THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF current_setting('audit.allow_delete', true) = 'on'
     OR NOT EXISTS (SELECT 1 FROM "Account" WHERE id = OLD."accountId") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_guard BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_guard();

-- Seal the events written before this migration, in order.
DO $seal$
DECLARE
  e "AuditEvent"%ROWTYPE;
  head_hash bytea;
  head_seq bigint;
  current_account uuid;
BEGIN
  FOR e IN SELECT * FROM "AuditEvent" WHERE hash IS NULL ORDER BY "accountId", id LOOP
    IF current_account IS DISTINCT FROM e."accountId" THEN
      current_account := e."accountId";
      head_seq := 0;
      head_hash := NULL;
    END IF;
    head_seq := head_seq + 1;
    UPDATE "AuditEvent" SET seq = head_seq, "prevHash" = head_hash,
      hash = sha256(coalesce(head_hash, '\x'::bytea) || convert_to(audit_event_payload(e, head_seq), 'UTF8'))
      WHERE id = e.id RETURNING hash INTO head_hash;
    INSERT INTO "AuditChain" ("accountId", "lastSeq", "lastHash") VALUES (current_account, head_seq, head_hash)
      ON CONFLICT ("accountId") DO UPDATE SET "lastSeq" = EXCLUDED."lastSeq", "lastHash" = EXCLUDED."lastHash";
  END LOOP;
END
$seal$;
