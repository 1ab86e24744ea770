import { describe, expect, it } from "vitest";
import { etagOf, matchesIfMatch, matchesIfNoneMatch, parseEtagList } from "./etag";

describe("etag", () => {
  it("etagOf gives a weak tag", () => {
    expect(etagOf(7)).toBe('W/"7"');
  });

  it("parses *, weak and strong tags and lists", () => {
    expect(parseEtagList(null)).toEqual({ any: false, tags: [] });
    expect(parseEtagList(" * ")).toEqual({ any: true, tags: [] });
    expect(parseEtagList('W/"1", "2",W/"3"')).toEqual({ any: false, tags: ['W/"1"', '"2"', 'W/"3"'] });
    expect(parseEtagList('"a,b", "c"').tags).toEqual(['"a,b"', '"c"']);
    expect(parseEtagList("4").tags).toEqual(['"4"']);
  });

  it("If-Match: absent passes, * passes, weak comparison otherwise", () => {
    expect(matchesIfMatch(null, 3)).toBe(true);
    expect(matchesIfMatch("*", 3)).toBe(true);
    expect(matchesIfMatch('W/"3"', 3)).toBe(true);
    expect(matchesIfMatch('"3"', 'W/"3"')).toBe(true);
    expect(matchesIfMatch('W/"1", W/"3"', 3)).toBe(true);
    expect(matchesIfMatch('W/"2"', 3)).toBe(false);
    expect(matchesIfMatch('W/"33"', 3)).toBe(false);
  });

  it("If-None-Match: absent never matches, * always, weak comparison otherwise", () => {
    expect(matchesIfNoneMatch(null, 3)).toBe(false);
    expect(matchesIfNoneMatch("*", 3)).toBe(true);
    expect(matchesIfNoneMatch('"3"', 3)).toBe(true);
    expect(matchesIfNoneMatch('W/"4"', 3)).toBe(false);
  });
});
