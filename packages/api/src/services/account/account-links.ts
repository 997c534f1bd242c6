/** Links of the dashboard that e-mails about an account point to (routes of apps/web App.tsx). */
export function accountUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/$/, "")}/cuenta`;
}

export function recoveryUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, "")}/recuperar/${token}`;
}
