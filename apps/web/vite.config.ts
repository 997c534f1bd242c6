import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the dashboard and the API are two servers; proxying keeps them one origin, so the
// SameSite=strict refresh cookie (path /trpc) and the CSP's connect-src 'self' behave as in production.
const api = process.env.API_URL ?? "http://localhost:3000";
const CHART_LIBRARIES =
  /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|@reduxjs|react-redux|redux|redux-thunk|immer|reselect|decimal\.js-light|es-toolkit|eventemitter3|tiny-invariant)[\\/]/;

// The password-strength estimator's dictionaries (megabytes) load only where a password is chosen.
const PASSWORD_ESTIMATOR = /node_modules[\\/]@zxcvbn-ts[\\/]/;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/trpc": api, "/auth": api, "/health": api, "/ready": api },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    // Libraries change less often than the app: a separate chunk stays cached across releases. The
    // charts library (and what only it uses) stays out of it, in the chunk of the lazily loaded
    // KPI chart: it loads with the first use-case page that has KPIs.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: "vendor",
              test: (id: string) =>
                /node_modules/.test(id) && !CHART_LIBRARIES.test(id) && !PASSWORD_ESTIMATOR.test(id),
            },
          ],
        },
      },
    },
  },
});
