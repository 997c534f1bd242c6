import "./i18n";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { refreshSession } from "./lib/refresh-session";

// Restore the session from the refresh cookie right away, in parallel with the first render;
// pages wait for it through useAuthState() ("restoring"). refreshSession never rejects (a failed
// refresh signs out), hence `void`.
void refreshSession();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
