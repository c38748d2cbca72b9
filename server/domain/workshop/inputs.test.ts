import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  displayNameSchema,
  fieldErrors,
  firstIssueMessage,
  removalReasonSchema,
  roomCodeSchema,
  shiftSchema,
  teamLabelSchema,
  teamSchema,
  workshopTitleSchema,
} from "./inputs";

function messageFor(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(result.data)}`);
  return firstIssueMessage(result.error);
}

describe("displayNameSchema", () => {
  it("accepts an ordinary name and trims it", () => {
    expect(displayNameSchema.parse("  Ana María  ")).toBe("Ana María");
  });

  it.each([
    ["an empty name", ""],
    ["only spaces", "    "],
    ["only invisible characters", "\u200b\u0007\u202e"],
  ])("refuses %s with a clear message", (_label, input) => {
    expect(messageFor(displayNameSchema, input)).toBe("Enter a display name.");
  });

  it("refuses a missing name", () => {
    expect(messageFor(displayNameSchema, undefined)).toBe("Enter a display name.");
  });

  it("accepts 40 characters and refuses 41", () => {
    expect(displayNameSchema.parse("a".repeat(40))).toHaveLength(40);
    expect(messageFor(displayNameSchema, "a".repeat(41))).toBe("Keep the display name to 40 characters or fewer.");
  });

  it.each(["<script>alert(1)</script>", "<b>x</b>", "Ana <3", "x>y"])("refuses markup-laden %j and says why", (input) => {
    expect(messageFor(displayNameSchema, input)).toBe("Use letters, numbers and simple punctuation in your name (no < or >).");
  });

  it("keeps ampersands and quotes as plain text", () => {
    expect(displayNameSchema.parse(`Tom & "Jerry" O'Neil`)).toBe(`Tom & "Jerry" O'Neil`);
  });

  it("strips control characters and bidi overrides, and collapses whitespace", () => {
    expect(displayNameSchema.parse("A\u0000n\u0007a\u202e")).toBe("Ana");
    expect(displayNameSchema.parse("Ana\u200b \t\n Lee")).toBe("Ana Lee");
    expect(displayNameSchema.parse("\u2066Ben\u2069")).toBe("Ben");
  });

  it("counts the length after cleaning, so invisible padding does not push a name over", () => {
    expect(displayNameSchema.parse("a".repeat(40) + "\u200b".repeat(10))).toHaveLength(40);
  });

  it("refuses a non-string", () => {
    expect(messageFor(displayNameSchema, 42)).toBe("Enter a display name.");
  });
});

describe("team and shift", () => {
  it("turn empty or missing into null", () => {
    expect(teamSchema.parse(undefined)).toBeNull();
    expect(teamSchema.parse("   ")).toBeNull();
    expect(shiftSchema.parse("")).toBeNull();
  });

  it("clean and keep a value", () => {
    expect(teamSchema.parse(" Outpatient\u0000 registration ")).toBe("Outpatient registration");
    expect(shiftSchema.parse("Late")).toBe("Late");
  });

  it("refuse over-long values with a message naming the field", () => {
    expect(messageFor(teamSchema, "t".repeat(61))).toBe("Keep the team to 60 characters or fewer.");
    expect(messageFor(shiftSchema, "s".repeat(41))).toBe("Keep the shift to 40 characters or fewer.");
    expect(messageFor(teamLabelSchema, "x".repeat(81))).toBe("Keep the team or department label to 80 characters or fewer.");
    expect(messageFor(removalReasonSchema, "r".repeat(201))).toBe("Keep the reason to 200 characters or fewer.");
  });
});

describe("roomCodeSchema", () => {
  it("normalizes what people type", () => {
    expect(roomCodeSchema.parse(" 7kq-4mx ")).toBe("7KQ4MX");
    expect(roomCodeSchema.parse("7KQ 4MX")).toBe("7KQ4MX");
  });

  it("asks for a code when the box is empty", () => {
    expect(messageFor(roomCodeSchema, "")).toBe("Enter the room code.");
    expect(messageFor(roomCodeSchema, "  ")).toBe("Enter the room code.");
  });

  it.each(["7KQ4M", "7KQ4MXX", "7KQ4M0", "<script>"])("explains the shape of a code for %j", (input) => {
    expect(messageFor(roomCodeSchema, input)).toMatch(/^Room codes are 6 letters and numbers/);
  });
});

describe("workshopTitleSchema", () => {
  it("requires a title of at most 120 characters", () => {
    expect(messageFor(workshopTitleSchema, " ")).toBe("Give the workshop a title.");
    expect(messageFor(workshopTitleSchema, "t".repeat(121))).toBe("Keep the title to 120 characters or fewer.");
    expect(workshopTitleSchema.parse("  Front desk\u0000 refresher ")).toBe("Front desk refresher");
  });
});

describe("fieldErrors", () => {
  it("maps each field to its first message", () => {
    const schema = z.object({ displayName: displayNameSchema, team: teamSchema });
    const result = schema.safeParse({ displayName: "", team: "t".repeat(61) });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      displayName: "Enter a display name.",
      team: "Keep the team to 60 characters or fewer.",
    });
  });
});
