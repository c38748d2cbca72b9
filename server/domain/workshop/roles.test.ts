import { describe, expect, it } from "vitest";
import { roleIn } from "./roles";

describe("roleIn", () => {
  const roles = { ana: "patient", ben: "staff", cat: "observer" } as const;

  it("gives the role the group's roles name", () => {
    expect(roleIn(roles, "ana")).toBe("patient");
    expect(roleIn(roles, "ben")).toBe("staff");
    expect(roleIn(roles, "cat")).toBe("observer");
  });

  it("makes a member the roles do not name an observer, never a performer", () => {
    expect(roleIn(roles, "dev")).toBe("observer");
    expect(roleIn({}, "ana")).toBe("observer");
  });
});
