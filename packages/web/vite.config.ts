import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dev server forwards /api to the Hono server; keep the Host header as the browser sent it
// (no changeOrigin) so the server's same-origin check sees Origin and Host agree.
const apiTarget = process.env.SHEQU_API_URL ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { "/api": { target: apiTarget } },
  },
  preview: {
    proxy: { "/api": { target: apiTarget } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // antd alone is close to the default 500 kB limit; pages are split by route.
    chunkSizeWarningLimit: 1500,
  },
});
