import { borrowInts, giveBackInts } from "../../src/core/scratchArrays";

describe("scratch arrays", () => {
  test("an array given back is lent again, as a view of the length asked for", () => {
    const first = borrowInts(1000);
    first.fill(7);
    giveBackInts(first);
    const again = borrowInts(900);
    expect(again.buffer).toBe(first.buffer);
    expect(again.length).toBe(900);
    giveBackInts(again);
    // Given back as a view, lent again whole.
    expect(borrowInts(1000).buffer).toBe(first.buffer);
  });

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
