// The audit log's search and export: filters, keyset pages (no duplicates or gaps, ties on time included) and the
// streamed exports, compared with the same rows read straight from the table.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ActorType } from "@/lib/generated/prisma/enums";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { auditFilterParams, parseAuditFilters, type AuditFilters } from "./audit-filters";
import { csvCell, parseCsv } from "./csv";
import { AUDIT_EXPORT_COLUMNS, exportAuditEvents } from "./export-events";
import { listAuditActions, searchAuditEvents, searchAuditEventRecords, getAuditEvent, type AuditEventSummary } from "./search-events";

interface Seeded {
  accountId: string;
  adminId: string;
  tokenId: string;
  groupId: string;
}

const ACTIONS = ["provisioning.enable", "provisioning.pause", "federation.updated", "directory.user.created", "directory.group.members_changed", "scim_token.created"];
const T0 = Date.parse("2026-03-01T12:00:00.000Z");

let seeded: Seeded;
let other: { accountId: string };

/** 240 events over 4 timestamps (60 ties per timestamp), by three actors, about three targets. */
async function seed(): Promise<Seeded> {
  const account = await createAccount();
  const admin = await createUser(account.id, { email: "Audit.Admin@example.test" });
  const token = await db.scimToken.create({ data: { accountId: account.id, name: "Okta Production", displayHint: "abcd", secretHash: Buffer.from(`hash-${account.id}`) } });
  const groupId = "9b0d3c3e-1c37-4d8d-9a57-3b8f7f3d2a10";
  const actors: { type: ActorType; id: string | null; label: string }[] = [
    { type: "USER", id: admin.id, label: admin.userName },
    { type: "SCIM_TOKEN", id: token.id, label: token.name },
    { type: "SYSTEM", id: null, label: "system" },
  ];
  const targets = [
    { type: "directory_group", id: groupId, label: 'Sales, "EMEA"' },
    { type: "user", id: admin.id, label: admin.userName },
    { type: "federation", id: "f-1", label: "=HYPERLINK(\"https://evil.example\")\nsecond line" },
  ];
  const rows = Array.from({ length: 240 }, (_, i) => {
    const actor = actors[i % 3]!;
    const target = targets[i % 3 === 0 ? 0 : i % 5 === 0 ? 2 : 1]!;
    return {
      accountId: account.id,
      occurredAt: new Date(T0 + Math.floor(i / 60) * 60_000),
      action: ACTIONS[i % ACTIONS.length]!,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      targetType: target.type,
      targetId: target.id,
      targetLabel: target.label,
      before: i % 2 ? { n: i - 1, text: "-before" } : undefined,
      after: { n: i, nested: { list: [1, 2, i] }, formula: "+1" },
      requestId: `req-${i % 10}`,
    };
  });
  await db.auditEvent.createMany({ data: rows });
  return { accountId: account.id, adminId: admin.id, tokenId: token.id, groupId };
}

/** Every event of the account, newest first, as the search orders them. */
async function all(accountId: string): Promise<AuditEventSummary[]> {
  const rows = await db.auditEvent.findMany({ where: { accountId }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }] });
  return rows.map((r) => ({
    id: r.id.toString(),
    seq: r.seq === null ? null : Number(r.seq),
    occurredAt: r.occurredAt,
    action: r.action,
    actorType: r.actorType,
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: r.targetLabel,
    requestId: r.requestId,
  }));
}

/** Reads every page with `limit` and checks that pages never overlap. */
async function pages(accountId: string, filters: AuditFilters, limit: number): Promise<AuditEventSummary[]> {
  const out: AuditEventSummary[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await searchAuditEvents(accountId, filters, cursor, limit);
    expect(page.events.length).toBeLessThanOrEqual(limit);
    out.push(...page.events);
    if (!page.nextCursor) break;
    expect(page.events.length).toBe(limit);
    cursor = page.nextCursor;
  }
  expect(new Set(out.map((e) => e.id)).size).toBe(out.length);
  return out;
}

const ids = (events: { id: string }[]) => events.map((e) => e.id);

beforeAll(async () => {
  seeded = await seed();
  const second = await seed(); // another account with the same shape: never in the first one's results
  other = { accountId: second.accountId };
});

describe("searchAuditEvents", () => {
  it("pages through every event newest first, without duplicates or gaps across equal timestamps", async () => {
    const expected = await all(seeded.accountId);
    expect(expected).toHaveLength(240);
    for (const limit of [1, 7, 60, 61, 500]) expect(ids(await pages(seeded.accountId, {}, limit))).toEqual(ids(expected));
  });

  it("filters by event type, exactly or by prefix", async () => {
    const expected = await all(seeded.accountId);
    const exact = await pages(seeded.accountId, { action: "federation.updated" }, 9);
    expect(ids(exact)).toEqual(ids(expected.filter((e) => e.action === "federation.updated")));
    for (const prefix of ["provisioning.*", "provisioning.", "directory.*"]) {
      const start = prefix.replace(/\*$/, "");
      expect(ids(await pages(seeded.accountId, { action: prefix }, 11))).toEqual(ids(expected.filter((e) => e.action.startsWith(start))));
    }
    expect((await searchAuditEvents(seeded.accountId, { action: "nothing.*" })).events).toEqual([]);
    expect(await listAuditActions(seeded.accountId)).toEqual([...ACTIONS].sort());
  });

  it("filters by actor: id, email (any letter case), token name, system", async () => {
    const expected = await all(seeded.accountId);
    const byAdmin = ids(expected.filter((e) => e.actorId === seeded.adminId));
    expect(ids(await pages(seeded.accountId, { actor: seeded.adminId }, 13))).toEqual(byAdmin);
    expect(ids(await pages(seeded.accountId, { actor: "audit.admin@EXAMPLE.test" }, 13))).toEqual(byAdmin);
    expect(ids(await pages(seeded.accountId, { actor: "okta production" }, 13))).toEqual(ids(expected.filter((e) => e.actorId === seeded.tokenId)));
    expect(ids(await pages(seeded.accountId, { actor: "system" }, 13))).toEqual(ids(expected.filter((e) => e.actorType === "SYSTEM")));
    expect((await searchAuditEvents(seeded.accountId, { actor: "nobody@example.test" })).events).toEqual([]);
  });

  it("filters by target id or label, by text, and by time range", async () => {
    const expected = await all(seeded.accountId);
    expect(ids(await pages(seeded.accountId, { target: seeded.groupId }, 17))).toEqual(ids(expected.filter((e) => e.targetId === seeded.groupId)));
    expect(ids(await pages(seeded.accountId, { target: 'sales, "emea"' }, 17))).toEqual(ids(expected.filter((e) => e.targetId === seeded.groupId)));
    expect(ids(await pages(seeded.accountId, { text: "EMEA" }, 17))).toEqual(ids(expected.filter((e) => e.targetLabel?.includes("EMEA"))));
    expect(ids(await pages(seeded.accountId, { text: "members_ch" }, 17))).toEqual(ids(expected.filter((e) => e.action.includes("members_ch"))));
    // LIKE wildcards in the text are literal.
    expect(ids(await pages(seeded.accountId, { text: "members%ch" }, 17))).toEqual([]);
    const from = new Date(T0 + 60_000);
    const to = new Date(T0 + 3 * 60_000);
    expect(ids(await pages(seeded.accountId, { from, to }, 23))).toEqual(ids(expected.filter((e) => e.occurredAt >= from && e.occurredAt < to)));
  });

  it("combines filters", async () => {
    const expected = await all(seeded.accountId);
    const filters: AuditFilters = { action: "provisioning.*", actor: "audit.admin@example.test", text: "sales", from: new Date(T0 + 60_000) };
    const wanted = expected.filter((e) => e.action.startsWith("provisioning.") && e.actorId === seeded.adminId && e.targetLabel?.toLowerCase().includes("sales") && e.occurredAt >= filters.from!);
    expect(wanted.length).toBeGreaterThan(0);
    expect(ids(await pages(seeded.accountId, filters, 3))).toEqual(ids(wanted));
    const byToken = expected.filter((e) => e.actorId === seeded.tokenId && e.targetId === seeded.adminId && e.action.startsWith("directory."));
    expect(ids(await pages(seeded.accountId, { actor: seeded.tokenId, target: seeded.adminId, action: "directory." }, 4))).toEqual(ids(byToken));
  });

  it("never returns another account's events, and ignores a cursor that is not one of ours", async () => {
    const mine = new Set(ids(await all(seeded.accountId)));
    const theirs = await pages(other.accountId, {}, 100);
    expect(theirs).toHaveLength(240);
    expect(theirs.some((e) => mine.has(e.id))).toBe(false);
    expect(await getAuditEvent(other.accountId, [...mine][0]!)).toBeNull();
    const first = await searchAuditEvents(seeded.accountId, {}, null, 5);
    expect(await searchAuditEvents(seeded.accountId, {}, "not-a-cursor", 5)).toEqual(first);
  });

  it("reads one event with its before and after", async () => {
    const [newest] = (await searchAuditEventRecords(seeded.accountId, { action: "provisioning.pause" }, null, 1)).events;
    const event = await getAuditEvent(seeded.accountId, newest!.id);
    expect(event).toMatchObject({ id: newest!.id, action: "provisioning.pause", after: newest!.after });
    expect(event?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await getAuditEvent(seeded.accountId, "12345678901234")).toBeNull();
    expect(await getAuditEvent(seeded.accountId, "1 OR 1=1")).toBeNull();
  });

  it("reads filters from the URL and writes them back", () => {
    const parsed = parseAuditFilters({ from: "2026-03-01T12:30", to: "", actor: " system ", action: "provisioning.*", q: "x" });
    expect(parsed).toEqual({ ok: true, filters: { from: new Date("2026-03-01T12:30:00Z"), actor: "system", action: "provisioning.*", text: "x" } });
    if (parsed.ok) expect(parseAuditFilters(Object.fromEntries(auditFilterParams(parsed.filters)))).toEqual(parsed);
    expect(parseAuditFilters({ from: "yesterday" })).toEqual({ ok: false, errors: { from: "Enter a date and time." } });
  });
});

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("exportAuditEvents", () => {
  it("streams the filtered events as CSV and JSON, equal to the pages of the search", async () => {
    const cases: AuditFilters[] = [{}, { action: "provisioning.*" }, { actor: "system", text: "emea" }, { from: new Date(T0 + 60_000), target: seeded.groupId }];
    for (const filters of cases) {
      const expected = (await pagesWithRecords(seeded.accountId, filters)).map((e) => e.id);

      const csv = parseCsv(await read(exportAuditEvents(seeded.accountId, filters, "csv", { batchSize: 7 })));
      expect(csv[0]).toEqual([...AUDIT_EXPORT_COLUMNS]);
      expect(csv.slice(1).map((row) => row[0])).toEqual(expected);

      const json = JSON.parse(await read(exportAuditEvents(seeded.accountId, filters, "json", { batchSize: 7 }))) as { id: string }[];
      expect(json.map((e) => e.id)).toEqual(expected);
    }
  });

  it("writes every field, escaped for CSV and guarded against formulas", async () => {
    const records = await pagesWithRecords(seeded.accountId, { text: "hyperlink" });
    expect(records.length).toBeGreaterThan(0);
    const csv = parseCsv(await read(exportAuditEvents(seeded.accountId, { text: "hyperlink" }, "csv")));
    const json = JSON.parse(await read(exportAuditEvents(seeded.accountId, { text: "hyperlink" }, "json"))) as Record<string, unknown>[];
    records.forEach((record, i) => {
      const row = csv[i + 1]!;
      const cell = (name: (typeof AUDIT_EXPORT_COLUMNS)[number]) => row[AUDIT_EXPORT_COLUMNS.indexOf(name)];
      expect(cell("targetLabel")).toBe(`'${record.targetLabel}`); // "=HYPERLINK(…)" would run as a formula
      expect(cell("targetLabel")).toContain("\nsecond line");
      expect(cell("occurredAt")).toBe(record.occurredAt.toISOString());
      expect(JSON.parse(cell("after")!)).toEqual(record.after);
      expect(json[i]).toMatchObject({ id: record.id, targetLabel: record.targetLabel, after: record.after, before: record.before, occurredAt: record.occurredAt.toISOString() });
    });
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell('a "quoted", value')).toBe('"a ""quoted"", value"');
    expect(csvCell(-3)).toBe("-3");
  });

  it("exports an empty array or just the header when nothing matches", async () => {
    expect(JSON.parse(await read(exportAuditEvents(seeded.accountId, { action: "none" }, "json")))).toEqual([]);
    expect(parseCsv(await read(exportAuditEvents(seeded.accountId, { action: "none" }, "csv")))).toEqual([[...AUDIT_EXPORT_COLUMNS]]);
  });

  it("pulls one batch at a time", async () => {
    const reader = exportAuditEvents(seeded.accountId, {}, "json", { batchSize: 10 }).getReader();
    await reader.read(); // "["
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).split("\n").filter((l) => l.startsWith("{"))).toHaveLength(10);
    await reader.cancel();
  });
});

async function pagesWithRecords(accountId: string, filters: AuditFilters) {
  const out = [];
  let cursor: string | null = null;
  do {
    const page = await searchAuditEventRecords(accountId, filters, cursor, 50);
    out.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
