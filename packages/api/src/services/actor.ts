/** Who is acting, in which commune, in which request: what every mutation's audit event needs. */
export interface Actor {
  userId: string;
  communeId: string;
  requestId: string;
}
