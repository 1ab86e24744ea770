import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError, notFound } from "../errors";
import { parseBulkRequest } from "./request";
import { runBulk } from "./run";
import { BULK_REQUEST_SCHEMA, BULK_RESPONSE_SCHEMA, type BulkExecutionResult, type BulkOperation, type ResolvedBulkPath } from "./types";

const LIMITS = { maxOperations: 10, maxPayloadSize: 1_048_576 };
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

const request = (Operations: unknown[], extra: Record<string, unknown> = {}) => ({ schemas: [BULK_REQUEST_SCHEMA], Operations, ...extra });

function parse(body: unknown, limits = LIMITS) {
  return parseBulkRequest(body, limits, JSON.stringify(body ?? null).length);
}

function failure(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error("expected a ScimError");
}

interface Call {
  method: string;
  path: string;
  data: unknown;
}

/** An in-memory executor: POST creates id "<n>", the ids in `missing` are 404, the POST bulkIds in `fail` fail with 409. */
function fakeExecutor(fail: string[] = [], missing: string[] = []) {
  const calls: Call[] = [];
  let next = 1;
  const execute = (op: BulkOperation, path: ResolvedBulkPath, data: unknown): Promise<BulkExecutionResult> => {
    calls.push({ method: op.method, path: path.path, data });
    if (op.method === "POST") {
      if (op.bulkId && fail.includes(op.bulkId)) throw new ScimError(409, "duplicate", "uniqueness");
      const id = `id${next++}`;
      return Promise.resolve({ status: 201, id, location: `https://example.com/v2${path.path}/${id}`, version: 'W/"1"' });
    }
    if (path.id && missing.includes(path.id)) return Promise.resolve({ status: 404, response: notFound(`${path.id} not found`).toBody() });
    return Promise.resolve({ status: op.method === "DELETE" ? 204 : 200, location: `https://example.com/v2${path.path}` });
  };
  return { calls, execute };
}

describe("parseBulkRequest (RFC 7644 §3.7)", () => {
  it("parses the RFC's bulk request shape", () => {
    const parsed = parse(
      request(
        [
          { method: "POST", path: "/Users", bulkId: "qwerty", data: { schemas: [USER], userName: "Alice" } },
          { method: "put", path: "/Users/b7c14771-226c-4d05-8860-134711653041", version: 'W/"3694e05e9dff591"', data: { schemas: [USER], id: "b7c14771", userName: "Bob" } },
          { method: "Patch", path: "/Users/5d8d29d3-342c-4b5f-8683-a3cb6763ffcc", version: 'W/"edac3253e2c0ef2"', data: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [] } },
          { method: "DELETE", path: "/Users/e9025315-6bea-44e1-899c-1e07454e468b", version: 'W/"0ee8add0a938e1a"' },
        ],
        { failOnErrors: 1 },
      ),
    );
    expect(parsed.failOnErrors).toBe(1);
    expect(parsed.operations.map((o) => [o.method, o.resourceType, o.id, o.bulkId, o.version])).toEqual([
      ["POST", "User", undefined, "qwerty", undefined],
      ["PUT", "User", "b7c14771-226c-4d05-8860-134711653041", undefined, 'W/"3694e05e9dff591"'],
      ["PATCH", "User", "5d8d29d3-342c-4b5f-8683-a3cb6763ffcc", undefined, 'W/"edac3253e2c0ef2"'],
      ["DELETE", "User", "e9025315-6bea-44e1-899c-1e07454e468b", undefined, 'W/"0ee8add0a938e1a"'],
    ]);
  });

  it("answers 413 when maxPayloadSize or maxOperations is exceeded (§3.7.4), naming the limit", () => {
    const tooBig = failure(() => parseBulkRequest(request([]), { maxOperations: 10, maxPayloadSize: 100 }, 101));
    expect(tooBig.status).toBe(413);
    expect(tooBig.scimType).toBeUndefined();
    expect(tooBig.message).toMatch(/maxPayloadSize \(100\)/);
    const ops = Array.from({ length: 11 }, (_, i) => ({ method: "DELETE", path: `/Users/${i}` }));
    const tooMany = failure(() => parse(request(ops)));
    expect(tooMany.status).toBe(413);
    expect(tooMany.message).toMatch(/number of operations \(11\) exceeds the maxOperations \(10\)/);
    expect(parse(request(ops.slice(0, 10))).operations).toHaveLength(10);
  });

  it.each([
    [null, /JSON object/],
    [{ Operations: [] }, /"schemas"/],
    [request("x" as unknown as unknown[]), /"Operations", an array/],
    [request([], { failOnErrors: 0 }), /failOnErrors/],
    [request([], { failOnErrors: 1.5 }), /failOnErrors/],
    [request([], { failOnErrors: "1" }), /failOnErrors/],
    [request([{ method: "GET", path: "/Users" }]), /Operations\[0\]: "method" must be POST, PUT, PATCH or DELETE/],
    [request([{ method: "POST", path: "/Users", data: {} }]), /POST needs a "bulkId"/],
    [request([{ method: "POST", path: "/Users", bulkId: "a" }]), /POST needs "data"/],
    [request([{ method: "POST", path: "/Users/1", bulkId: "a", data: {} }]), /without an id/],
    [request([{ method: "PUT", path: "/Users", data: {} }]), /needs a path with the resource id/],
    [request([{ method: "DELETE", path: "/Widgets/1" }]), /unknown path "\/Widgets\/1"/],
    [request([{ method: "DELETE", path: "/Users/1/extra" }]), /unknown path/],
    [request([{ method: "DELETE", path: "/Users/%zz" }]), /percent-encoding/],
    [request([{ method: "DELETE" }]), /"path" must be a string/],
    [
      request([
        { method: "POST", path: "/Users", bulkId: "a", data: {} },
        { method: "POST", path: "/Groups", bulkId: "a", data: {} },
      ]),
      /Operations\[1\]: bulkId "a" is used by another POST/,
    ],
  ])("rejects %j with 400", (body, detail) => {
    const error = failure(() => parse(body));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(detail);
  });

  it("rejects data nested deeper than the walk allows", () => {
    let data: unknown = "leaf";
    for (let i = 0; i < 100; i++) data = { a: data };
    expect(failure(() => parse(request([{ method: "POST", path: "/Users", bulkId: "a", data }]))).status).toBe(400);
  });

  it("never throws anything but a 4xx ScimError for random input", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.record({ method: fc.constantFrom("POST", "put", "x"), path: fc.constantFrom("/Users", "/Groups/1", "/x", ""), bulkId: fc.string(), data: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] })), (body, ops) => {
        for (const candidate of [body, request(ops)]) {
          try {
            parse(candidate);
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
            expect((error as ScimError).status).toBeGreaterThanOrEqual(400);
            expect((error as ScimError).status).toBeLessThan(500);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("runBulk", () => {
  it("runs the RFC's example: a group created with a member created earlier in the same request", async () => {
    const { calls, execute } = fakeExecutor();
    const response = await runBulk(
      parse(
        request([
          { method: "POST", path: "/Users", bulkId: "qwerty", data: { schemas: [USER], userName: "Alice" } },
          { method: "POST", path: "/Groups", bulkId: "ytrewq", data: { schemas: [GROUP], displayName: "Tour Guides", members: [{ type: "User", value: "bulkId:qwerty" }] } },
        ]),
      ),
      execute,
    );
    expect(calls[1]?.data).toEqual({ schemas: [GROUP], displayName: "Tour Guides", members: [{ type: "User", value: "id1" }] });
    expect(response).toEqual({
      schemas: [BULK_RESPONSE_SCHEMA],
      Operations: [
        { method: "POST", bulkId: "qwerty", version: 'W/"1"', location: "https://example.com/v2/Users/id1", status: "201" },
        { method: "POST", bulkId: "ytrewq", version: 'W/"1"', location: "https://example.com/v2/Groups/id2", status: "201" },
      ],
    });
  });

  it("defers an operation until the POST it references has run, and resolves references in paths", async () => {
    const { calls, execute } = fakeExecutor();
    const response = await runBulk(
      parse(
        request([
          { method: "PATCH", path: "/Groups/bulkId:g", data: { Operations: [{ op: "add", path: "members", value: [{ value: "bulkId:u" }] }] } },
          { method: "POST", path: "/Groups", bulkId: "g", data: { displayName: "G" } },
          { method: "POST", path: "/Users", bulkId: "u", data: { userName: "u" } },
        ]),
      ),
      execute,
    );
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /Groups", "POST /Users", "PATCH /Groups/id1"]);
    expect(calls[2]?.data).toEqual({ Operations: [{ op: "add", path: "members", value: [{ value: "id2" }] }] });
    // The response lists operations in request order.
    expect(response.Operations.map((o) => `${o.method} ${o.status}`)).toEqual(["PATCH 200", "POST 201", "POST 201"]);
  });

  it("fails references to unknown bulkIds with 400 invalidValue and to failed POSTs with 409", async () => {
    const { calls, execute } = fakeExecutor(["bad"]);
    const response = await runBulk(
      parse(
        request([
          { method: "POST", path: "/Users", bulkId: "bad", data: {} },
          { method: "PATCH", path: "/Groups/g1", data: { members: [{ value: "bulkId:bad" }] } },
          { method: "DELETE", path: "/Users/bulkId:nobody" },
        ]),
      ),
      execute,
    );
    expect(calls).toHaveLength(1);
    const [post, patch, del] = response.Operations;
    expect(post).toMatchObject({ method: "POST", bulkId: "bad", status: "409", response: { status: "409", scimType: "uniqueness" } });
    expect(post?.location).toBeUndefined();
    expect(patch).toMatchObject({ status: "409", response: { detail: expect.stringMatching(/bulkId "bad" cannot be resolved/) as unknown } });
    expect(del).toMatchObject({ status: "400", response: { scimType: "invalidValue" } });
  });

  it("fails circular references with 409 (§3.7.1)", async () => {
    const { calls, execute } = fakeExecutor();
    const response = await runBulk(
      parse(
        request([
          { method: "POST", path: "/Groups", bulkId: "a", data: { displayName: "A", members: [{ value: "bulkId:b", type: "Group" }] } },
          { method: "POST", path: "/Groups", bulkId: "b", data: { displayName: "B", members: [{ value: "bulkId:a", type: "Group" }] } },
          { method: "POST", path: "/Groups", bulkId: "self", data: { displayName: "S", members: [{ value: "bulkId:self" }] } },
          { method: "POST", path: "/Users", bulkId: "ok", data: { userName: "ok" } },
        ]),
      ),
      execute,
    );
    expect(calls.map((c) => c.path)).toEqual(["/Users"]);
    expect(response.Operations.map((o) => o.status)).toEqual(["409", "409", "409", "201"]);
    expect(response.Operations[0]?.response).toMatchObject({ detail: expect.stringMatching(/Circular/) as unknown });
  });

  it("stops after failOnErrors errors and leaves the rest out (§3.7.3)", async () => {
    const { calls, execute } = fakeExecutor([], ["gone1", "gone2"]);
    const ops = [
      { method: "DELETE", path: "/Users/gone1" },
      { method: "DELETE", path: "/Users/ok1" },
      { method: "DELETE", path: "/Users/gone2" },
      { method: "DELETE", path: "/Users/ok2" },
    ];
    const once = await runBulk(parse(request(ops, { failOnErrors: 1 })), execute);
    expect(once.Operations.map((o) => o.status)).toEqual(["404"]);
    const twice = await runBulk(parse(request(ops, { failOnErrors: 2 })), execute);
    expect(twice.Operations.map((o) => o.status)).toEqual(["404", "204", "404"]);
    const all = await runBulk(parse(request(ops)), execute);
    expect(all.Operations.map((o) => o.status)).toEqual(["404", "204", "404", "204"]);
    expect(calls).toHaveLength(1 + 3 + 4);
  });

  it("turns an executor's unexpected exception into a 500 for that operation only", async () => {
    const response = await runBulk(parse(request([{ method: "DELETE", path: "/Users/1" }, { method: "DELETE", path: "/Users/2" }])), (_op, path) => {
      if (path.id === "1") return Promise.reject(new Error("database on fire"));
      return Promise.resolve({ status: 204 });
    });
    expect(response.Operations.map((o) => o.status)).toEqual(["500", "204"]);
    expect(JSON.stringify(response)).not.toMatch(/on fire/);
  });

  it("fills in the location of non-POST operations from the base URL", async () => {
    const response = await runBulk(
      parse(request([{ method: "POST", path: "/Users", bulkId: "u", data: {} }, { method: "DELETE", path: "/Users/bulkId:u" }, { method: "DELETE", path: "/Groups/bulkId:nope" }])),
      (op) => Promise.resolve(op.method === "POST" ? { status: 201, id: "new" } : { status: 204 }),
      { baseUrl: "https://example.com/scim/v2/" },
    );
    expect(response.Operations.map((o) => o.location)).toEqual([undefined, "https://example.com/scim/v2/Users/new", "https://example.com/scim/v2/Groups/bulkId%3Anope"]);
  });

  it("takes a created id from the Location when the executor gives no id", async () => {
    const seen: string[] = [];
    await runBulk(
      parse(request([{ method: "POST", path: "/Users", bulkId: "u", data: {} }, { method: "DELETE", path: "/Users/bulkId:u" }])),
      (op, path) => {
        seen.push(path.path);
        return Promise.resolve(op.method === "POST" ? { status: 201, location: "https://example.com/v2/Users/a%20b/" } : { status: 204 });
      },
    );
    expect(seen).toEqual(["/Users", "/Users/a%20b"]);
  });
});
