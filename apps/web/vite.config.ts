import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the dashboard and the API are two servers; proxying keeps them one origin, so the
// SameSite=strict refresh cookie (path /trpc) and the CSP's connect-src 'self' behave as in production.
const api = process.env.API_URL ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/trpc": api, "/health": api, "/ready": api },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    // Libraries change less often than the app: a separate chunk stays cached across releases.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: "vendor", test: /node_modules/ }] } },
    },
  },
});
