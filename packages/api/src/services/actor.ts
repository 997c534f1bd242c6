/** Who is acting, in which commune, in which request: what every mutation's audit event needs. */
export interface Actor {
  userId: string;
  communeId: string;
  requestId: string;
}

export function actorOf(ctx: { user: { id: string }; commune: { id: string }; requestId: string }): Actor {
  return { userId: ctx.user.id, communeId: ctx.commune.id, requestId: ctx.requestId };
}
