import { AppError } from "@ciar/domain/errors";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeError, fieldErrors, toTrpcError } from "./errors";

describe("toTrpcError", () => {
  it("maps a domain error to its status and stable code", () => {
    const error = toTrpcError(
      new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new AppError("members.last_admin") }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(describeError(error, "en")).toEqual({
      appCode: "members.last_admin",
      message: "The commune must keep at least one administrator.",
    });
  });

  it("reports an unreachable database as 503, whatever wraps it", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const wrapped = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      cause: new Error("Failed query", { cause: refused }),
    });
    expect(toTrpcError(wrapped).code).toBe("SERVICE_UNAVAILABLE");
  });

  it("hides anything unexpected behind a generic message", () => {
    const error = toTrpcError(new Error('relation "secret_table" does not exist'));
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    const described = describeError(error, "es");
    expect(described.appCode).toBe("server.internal");
    expect(described.message).not.toMatch(/secret_table/);
  });

  it("treats a validation failure inside a service as invalid input", () => {
    const invalid = z.object({ name: z.string() }).safeParse({ name: 1 });
    const error = toTrpcError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: invalid.error }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("fieldErrors", () => {
  it("keys messages by field path, in the caller's language", () => {
    const result = z
      .object({ email: z.email(), members: z.array(z.object({ role: z.enum(["admin"]) })) })
      .safeParse({ email: "x", members: [{ role: "owner" }] });
    const es = fieldErrors(result.error!, "es");
    expect(Object.keys(es).sort()).toEqual(["email", "members.0.role"]);
    expect(es.email?.[0]).toMatch(/inválid/i);
    expect(fieldErrors(result.error!, "en").email?.[0]).toMatch(/invalid/i);
  });
});
