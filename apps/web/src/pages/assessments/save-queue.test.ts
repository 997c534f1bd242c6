import { describe, expect, it } from "vitest";
import { createSaveQueue, type SaveEvent, type SaveRequest } from "./save-queue";

interface Answer {
  questionCode: string;
  level: number;
}
interface Result {
  version: number;
  updatedAt: string;
}

/** A promise whose settlement the test controls. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const CONFLICT = new Error("assessments.version_conflict");

/**
 * A queue over a form held in `levels` (a negative level stands for an invalid answer), whose
 * server answers each request when the test says so.
 */
function setup(initialVersion = 3) {
  const levels: Record<string, number> = {};
  const requests: { request: SaveRequest<Answer>; reply: ReturnType<typeof deferred<Result>> }[] = [];
  const events: SaveEvent<Answer, Result>[] = [];
  const queue = createSaveQueue<Answer, Result>({
    initialVersion,
    prepare: (code) => (levels[code]! < 0 ? null : { questionCode: code, level: levels[code]! }),
    send: (request) => {
      const reply = deferred<Result>();
      requests.push({ request, reply });
      return reply.promise;
    },
    versionOf: (result) => result.version,
    isFinal: (error) => error === CONFLICT,
    onEvent: (event) => events.push(event),
  });
  const edit = (code: string, level: number) => {
    levels[code] = level;
    queue.change(code);
  };
  /** Answers the n-th request with the next version. */
  const answer = async (n: number, version: number) => {
    requests[n]!.reply.resolve({ version, updatedAt: `t${version}` });
    await settle();
  };
  return { queue, edit, requests, events, answer, levels };
}

/** Lets the queue's promise chains run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createSaveQueue", () => {
  it("sends the changed answers with the version it knows, then the version the server returned", async () => {
    const { queue, edit, requests, answer } = setup(3);
    edit("A1", 2);
    edit("A2", 4);
    expect(queue.pendingCodes()).toEqual(["A1", "A2"]);
    void queue.flush();
    expect(requests[0]!.request).toEqual({
      expectedVersion: 3,
      answers: [
        { questionCode: "A1", level: 2 },
        { questionCode: "A2", level: 4 },
      ],
    });
    await answer(0, 4);
    expect(queue.pendingCodes()).toEqual([]);
    expect(queue.version()).toBe(4);

    edit("A1", 5);
    void queue.flush();
    expect(requests[1]!.request.expectedVersion).toBe(4);
  });

  it("sends nothing when nothing changed", async () => {
    const { queue, requests } = setup();
    await queue.flush();
    expect(requests).toHaveLength(0);
  });

  it("sends a flush requested during a save right after it, once, without repeating what was saved", async () => {
    const { queue, edit, requests, answer } = setup(3);
    edit("A1", 2);
    const first = queue.flush();
    // Changed while the first save is on its way, then the form closes and the page is hidden.
    edit("A1", 3);
    edit("B1", 1);
    const second = queue.flush();
    const third = queue.flush();
    expect(requests).toHaveLength(1);

    await answer(0, 4);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.request).toEqual({
      expectedVersion: 4,
      answers: [
        { questionCode: "A1", level: 3 },
        { questionCode: "B1", level: 1 },
      ],
    });
    await answer(1, 5);
    await Promise.all([first, second, third]);
    expect(requests).toHaveLength(2);
    expect(queue.pendingCodes()).toEqual([]);
    expect(queue.version()).toBe(5);
  });

  it("does not send again when a flush during a save finds nothing new (form closing after a save)", async () => {
    const { queue, edit, requests, answer } = setup();
    edit("A1", 2);
    void queue.flush();
    const closing = queue.flush();
    await answer(0, 4);
    await closing;
    expect(requests).toHaveLength(1);
  });

  it("keeps a question edited during its save pending, and the others saved", async () => {
    const { queue, edit, answer } = setup();
    edit("A1", 2);
    edit("A2", 2);
    void queue.flush();
    edit("A2", 3);
    await answer(0, 4);
    expect(queue.pendingCodes()).toEqual(["A2"]);
  });

  it("holds back invalid answers: they stay pending and are not sent", async () => {
    const { queue, edit, requests, answer } = setup();
    edit("A1", -1);
    await queue.flush();
    expect(requests).toHaveLength(0);
    edit("A2", 1);
    void queue.flush();
    expect(requests[0]!.request.answers).toEqual([{ questionCode: "A2", level: 1 }]);
    await answer(0, 4);
    expect(queue.pendingCodes()).toEqual(["A1"]);
  });

  it("stops for good after a conflict: nothing more is sent, later changes are still listed", async () => {
    const { queue, edit, requests, events } = setup();
    edit("A1", 2);
    void queue.flush();
    const closing = queue.flush();
    requests[0]!.reply.reject(CONFLICT);
    await closing;
    expect(events.at(-1)).toEqual({ type: "failed", error: CONFLICT, stopped: true });
    expect(queue.stopped()).toBe(true);
    edit("A2", 1);
    await queue.flush();
    expect(requests).toHaveLength(1);
    expect(queue.pendingCodes()).toEqual(["A1", "A2"]);
  });

  it("does not repeat a failed request on its own, but a later flush tries again", async () => {
    const { queue, edit, requests, events, answer } = setup(3);
    edit("A1", 2);
    void queue.flush();
    const queued = queue.flush();
    requests[0]!.reply.reject(new Error("network"));
    await queued;
    expect(requests).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "failed", stopped: false });
    expect(queue.pendingCodes()).toEqual(["A1"]);

    void queue.flush();
    expect(requests[1]!.request.expectedVersion).toBe(3);
    await answer(1, 4);
    expect(queue.pendingCodes()).toEqual([]);
  });

  it("after discard, forgets what was pending and sends nothing (the form is reloaded)", async () => {
    const { queue, edit, requests } = setup();
    edit("A1", 2);
    queue.discard();
    await queue.flush();
    expect(requests).toHaveLength(0);
    expect(queue.pendingCodes()).toEqual([]);
  });

  it("reports saving, the pending questions and the save, in that order", async () => {
    const { queue, edit, events, answer } = setup();
    edit("A1", 2);
    void queue.flush();
    await answer(0, 4);
    expect(events.map((e) => e.type)).toEqual(["pending", "saving", "pending", "saved"]);
    expect(events[3]).toEqual({
      type: "saved",
      result: { version: 4, updatedAt: "t4" },
      answers: [{ questionCode: "A1", level: 2 }],
    });
  });
});
