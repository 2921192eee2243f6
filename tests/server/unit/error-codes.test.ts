/** The refusal codes are one typed list in shared/ (the engine's and the protocol's), read by the server and the client. */
import { describe, expect, it } from "vitest";
import { ERROR_CODES, PROTOCOL_ERROR_CODES, errorWords, isErrorCode, splitCoded } from "../../../shared/core/errors.js";
import { SERVER_ERROR_CODES } from "../../../server/validation.js";
import { errorText } from "../../../server/replies.js";

describe("error codes", () => {
  it("the engine's and the protocol's lists do not share a code, and the server's list is the protocol's", () => {
    for (const code of Object.keys(PROTOCOL_ERROR_CODES)) expect(Object.hasOwn(ERROR_CODES, code), code).toBe(false);
    expect(SERVER_ERROR_CODES).toBe(PROTOCOL_ERROR_CODES);
  });

  it("every code has words a player can read, and the server sends those", () => {
    for (const [code, words] of [...Object.entries(ERROR_CODES), ...Object.entries(PROTOCOL_ERROR_CODES)]) {
      expect(words.length, code).toBeGreaterThan(10);
      expect(errorWords(code)).toBe(words);
      expect(errorText(code)).toBe(words);
    }
    expect(errorWords("ERR_NO_SUCH_THING")).toBe("ERR_NO_SUCH_THING");
  });

  it("a coded message splits into its code and words only for a known code", () => {
    expect(splitCoded("ERR_RULES_VERSION: recorded under rules 0")).toEqual({ code: "ERR_RULES_VERSION", words: "recorded under rules 0" });
    expect(splitCoded("ERR_NO_AP: That unit has no action points left this round.")?.code).toBe("ERR_NO_AP");
    expect(splitCoded("ERR_MADE_UP: words")).toBeNull();
    expect(splitCoded("fetch failed")).toBeNull();
    expect(isErrorCode("ERR_SEAT_KEY")).toBe(true);
    expect(isErrorCode("toString")).toBe(false);
  });
});
