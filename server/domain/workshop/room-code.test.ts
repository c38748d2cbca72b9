import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRoomCode, generateRoomCode, isWellFormedRoomCode, normalizeRoomCode, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "./room-code";

describe("room code alphabet", () => {
  it("leaves out characters people confuse on a projector", () => {
    for (const ch of ["0", "O", "1", "I", "L"]) expect(ROOM_CODE_ALPHABET).not.toContain(ch);
  });

  it("is upper-case letters and digits without repeats", () => {
    expect(ROOM_CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
    expect(new Set(ROOM_CODE_ALPHABET).size).toBe(ROOM_CODE_ALPHABET.length);
    expect(ROOM_CODE_ALPHABET.length).toBe(31);
  });
});

describe("generateRoomCode", () => {
  it("draws each character from the injected randomness", () => {
    expect(generateRoomCode(() => 0)).toBe("222222");
    expect(generateRoomCode((n) => n - 1)).toBe("ZZZZZZ");
    const sequence = [0, 1, 2, 3, 4, 5];
    let i = 0;
    expect(generateRoomCode(() => sequence[i++]!)).toBe("234567");
  });

  it("always produces a well-formed code from the alphabet (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: ROOM_CODE_LENGTH, maxLength: ROOM_CODE_LENGTH }), (draws) => {
        let i = 0;
        const code = generateRoomCode((n) => draws[i++]! % n);
        expect(code).toHaveLength(ROOM_CODE_LENGTH);
        expect(isWellFormedRoomCode(code)).toBe(true);
        for (const ch of code) expect(ROOM_CODE_ALPHABET).toContain(ch);
      }),
    );
  });
});

describe("normalizeRoomCode", () => {
  it("accepts what people type: lower case, spaces, a dash", () => {
    expect(normalizeRoomCode("abc def")).toBe("ABCDEF");
    expect(normalizeRoomCode(" 7kq-4mx ")).toBe("7KQ4MX");
    expect(normalizeRoomCode("7KQ\t4MX\n")).toBe("7KQ4MX");
  });

  const codeArb = fc.array(fc.constantFrom(...ROOM_CODE_ALPHABET), { minLength: 6, maxLength: 6 }).map((a) => a.join(""));

  it("recovers any valid code however it was typed (property)", () => {
    fc.assert(
      fc.property(codeArb, fc.boolean(), fc.constantFrom("", " ", "-", "  ", " - "), (code, lower, separator) => {
        const typed = `${code.slice(0, 3)}${separator}${code.slice(3)}`;
        const variant = lower ? typed.toLowerCase() : typed;
        expect(normalizeRoomCode(variant)).toBe(code);
        expect(normalizeRoomCode(formatRoomCode(code))).toBe(code);
      }),
    );
  });

  it("is idempotent (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizeRoomCode(normalizeRoomCode(s))).toBe(normalizeRoomCode(s));
      }),
    );
  });
});

describe("isWellFormedRoomCode", () => {
  it("accepts six alphabet characters", () => {
    expect(isWellFormedRoomCode("7KQ4MX")).toBe(true);
  });

  it.each(["", "7KQ4M", "7KQ4MXY", "7KQ 4M", "7kq4mx", "7KQ4M0", "7KQ4MO", "7KQ4M1", "7KQ4MI", "7KQ4ML", "7KQ4M!"])("refuses %j", (code) => {
    expect(isWellFormedRoomCode(code)).toBe(false);
  });

  it("refuses any code containing a confusable character (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ROOM_CODE_ALPHABET), { minLength: 5, maxLength: 5 }),
        fc.constantFrom("0", "O", "1", "I", "L"),
        fc.nat(5),
        (rest, bad, at) => {
          const chars = [...rest];
          chars.splice(at, 0, bad);
          expect(isWellFormedRoomCode(chars.join(""))).toBe(false);
        },
      ),
    );
  });
});

describe("formatRoomCode", () => {
  it("splits the code in two for reading aloud", () => {
    expect(formatRoomCode("7KQ4MX")).toBe("7KQ 4MX");
  });
});
