import { describe, expect, it } from "vitest";
import { csvCell, csvRow, parseCsv } from "./csv";

describe("CSV", () => {
  it("quotes what needs quoting and doubles quotes", () => {
    expect(csvRow(["plain", 'say "hi"', "a,b", "line\nbreak", " padded", null, 42, true])).toBe(
      'plain,"say ""hi""","a,b","line\nbreak"," padded",,42,true\r\n',
    );
  });

  it("guards cells that a spreadsheet would read as a formula", () => {
    for (const text of ["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"]) expect(csvCell(text).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("reads back what it writes", () => {
    const rows = [["a", 'b "c"', "d,e", "f\r\ng", ""], ["1", "", "x", "y", "z"]];
    const text = `\uFEFF${rows.map((r) => csvRow(r)).join("")}`;
    expect(parseCsv(text)).toEqual(rows);
  });
});
