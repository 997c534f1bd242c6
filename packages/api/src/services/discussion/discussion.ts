import type { Tx } from "@ciar/db/client";
import { commentAcceptances, comments, communes, notifications, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { findVisibleUseCase } from "../use-cases/use-case-rows";

/** Questions and comments on a use case, with their replies and the accepted answers. */
export async function listDiscussion(tx: Tx, communeId: string, useCaseId: string) {
  await findVisibleUseCase(tx, communeId, useCaseId);
  const [rows, accepted] = await Promise.all([
    tx
      .select({
        id: comments.id,
        parentId: comments.parentId,
        kind: comments.kind,
        body: comments.body,
        authorName: comments.authorName,
        communeId: comments.communeId,
        communeName: communes.name,
        createdAt: comments.createdAt,
      })
      .from(comments)
      .innerJoin(communes, eq(communes.id, comments.communeId))
      .where(eq(comments.useCaseId, useCaseId))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(1000),
    tx
      .select({ questionId: commentAcceptances.questionId, answerId: commentAcceptances.answerId })
      .from(commentAcceptances)
      .where(eq(commentAcceptances.useCaseId, useCaseId)),
  ]);
  const acceptedIds = new Set(accepted.map((a) => a.answerId));
  const threads = rows
    .filter((r) => r.parentId === null)
    .map((top) => ({
      ...top,
      replies: rows
        .filter((r) => r.parentId === top.id)
        .map((r) => ({ ...r, accepted: acceptedIds.has(r.id) })),
      answered: accepted.some((a) => a.questionId === top.id),
    }));
  return { threads, total: rows.length };
}

/**
 * Posts a question or comment, or a reply to one (one level). The owner commune is notified
 * unless it is writing on its own use case.
 */
export async function postComment(
  tx: Tx,
  actor: Actor,
  input: { useCaseId: string; kind: "question" | "comment"; body: string; parentId?: string | undefined },
) {
  const useCase = await findVisibleUseCase(tx, actor.communeId, input.useCaseId);
  let kind: "question" | "comment" | "answer" = input.kind;
  if (input.parentId) {
    const [parent] = await tx
      .select({ id: comments.id, parentId: comments.parentId, kind: comments.kind })
      .from(comments)
      .where(and(eq(comments.id, input.parentId), eq(comments.useCaseId, input.useCaseId)));
    if (!parent) throw new AppError("discussion.not_found");
    if (parent.parentId !== null) throw new AppError("discussion.invalid_reply");
    kind = parent.kind === "question" ? "answer" : "comment";
  }
  const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  const [created] = await tx
    .insert(comments)
    .values({
      communeId: actor.communeId,
      useCaseCommuneId: useCase.communeId,
      useCaseId: useCase.id,
      parentId: input.parentId ?? null,
      kind,
      body: input.body,
      authorUserId: actor.userId,
      authorName: author?.name ?? "",
    })
    .returning({ id: comments.id, kind: comments.kind });
  await recordAudit(tx, actor, {
    action: "discussion.posted",
    entityType: "comment",
    entityId: created!.id,
    changes: { useCaseId: useCase.id, kind },
  });
  if (!useCase.isOwn) {
    await tx.insert(notifications).values({
      communeId: useCase.communeId,
      kind,
      useCaseId: useCase.id,
      actorCommuneId: actor.communeId,
      actorUserId: actor.userId,
      payload: { title: useCase.title, commentId: created!.id, excerpt: input.body.slice(0, 140) },
    });
  }
  return created!;
}

/** The owner commune marks one reply as the accepted answer to a question (replacing any earlier one). */
export async function acceptAnswer(tx: Tx, actor: Actor, input: { answerId: string }) {
  const [answer] = await tx
    .select({
      id: comments.id,
      parentId: comments.parentId,
      useCaseId: comments.useCaseId,
      useCaseCommuneId: comments.useCaseCommuneId,
      kind: comments.kind,
    })
    .from(comments)
    // Only the use case's owner accepts answers; the commune is compared in SQL, where ids are uuids.
    .where(and(eq(comments.id, input.answerId), eq(comments.useCaseCommuneId, actor.communeId)));
  if (!answer || answer.kind !== "answer" || !answer.parentId) {
    throw new AppError("discussion.not_found");
  }
  await tx
    .insert(commentAcceptances)
    .values({
      communeId: actor.communeId,
      useCaseId: answer.useCaseId,
      questionId: answer.parentId,
      answerId: answer.id,
      acceptedBy: actor.userId,
    })
    .onConflictDoUpdate({
      target: [commentAcceptances.communeId, commentAcceptances.questionId],
      set: { answerId: answer.id, acceptedBy: actor.userId, createdAt: new Date() },
    });
  await recordAudit(tx, actor, {
    action: "discussion.answer_accepted",
    entityType: "comment",
    entityId: answer.id,
    changes: { questionId: answer.parentId },
  });
  return { questionId: answer.parentId, answerId: answer.id };
}
