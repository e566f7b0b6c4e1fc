import { finding, profileLocation, rowLocation, sameLocation } from "../../src/core";

describe("where a finding is", () => {
  test("a row's finding about one cell names the row and the cell's column", () => {
    expect(rowLocation(7, finding("bad-quantity", "quantity", "Quantity is empty.", "finding.quantity.missing"))).toEqual({
      kind: "row",
      row: 7,
      field: "quantity",
    });
  });

  test("a row's finding about the row as a whole, or a Profile field named on a row, names the row only", () => {
    expect(rowLocation(7, finding("possible-duplicate", null, "Same as row 3.", "finding.duplicate"))).toEqual({ kind: "row", row: 7 });
    expect(rowLocation(7, finding("bad-email", "email", "Email is not an address.", "finding.profile.badEmail"))).toEqual({
      kind: "row",
      row: 7,
    });
  });

  test("a profile finding names its field; one about the profile as a whole goes to the mentee's name", () => {
    expect(profileLocation(finding("bad-email", "email", "Email is not an address.", "finding.profile.badEmail"))).toEqual({
      kind: "profile",
      field: "email",
    });
    expect(profileLocation(finding("missing-name", null, "The mentee is not named.", "finding.profile.missingName"))).toEqual({
      kind: "profile",
      field: "name",
    });
  });

  test("two locations are the same place when kind, row and field agree", () => {
    expect(sameLocation({ kind: "row", row: 7 }, { kind: "row", row: 7 })).toBe(true);
    expect(sameLocation({ kind: "row", row: 7 }, { kind: "row", row: 7, field: "date" })).toBe(false);
    expect(sameLocation({ kind: "profile", field: "email" }, { kind: "profile", field: "email" })).toBe(true);
    expect(sameLocation({ kind: "profile", field: "email" }, { kind: "row", row: 1 })).toBe(false);
  });
});
