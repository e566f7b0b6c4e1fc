import { borrowInts, giveBackInts } from "../../src/core/engine/scratchArrays";

describe("scratch arrays", () => {
  test("two arrays lent at once never share memory, and a much larger spare is not lent for a small need", () => {
    const large = borrowInts(1_000_000);
    giveBackInts(large);
    const small = borrowInts(10);
    expect(small.buffer).not.toBe(large.buffer);
    const a = borrowInts(1_000_000);
    const b = borrowInts(1_000_000);
    expect(a.buffer).not.toBe(b.buffer);
    giveBackInts(a, b, small);
    giveBackInts(a);
    const c = borrowInts(1_000_000);
    const d = borrowInts(1_000_000);
    expect(c.buffer).not.toBe(d.buffer);
  });
});
