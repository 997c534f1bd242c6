/** Who is acting, in which commune, in which request: what every mutation's audit event needs. */
export interface Actor {
  userId: string;
  communeId: string;
  requestId: string;
}

/** A coordinator acting in one of their coalitions (set by the coordinator door). */
export interface CoordinatorActor {
  userId: string;
  coalitionId: string;
  requestId: string;
}

/** A platform administrator acting (set by the platform door). */
export interface PlatformActor {
  userId: string;
  requestId: string;
  /** Where the request came from: the platform's own log records it (account events). */
  ip: string;
  userAgent: string | undefined;
}
