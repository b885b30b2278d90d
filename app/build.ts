// Bundles the claim page into app/dist: main.js from app/src/main.ts, plus index.html and
// style.css. Run by `npm run build:app`, and by the browser tests before they start.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export const APP_DIR = __dirname;
export const DIST_DIR = join(APP_DIR, "dist");

export async function buildApp(): Promise<void> {
  mkdirSync(DIST_DIR, { recursive: true });
  await build({
    entryPoints: [join(APP_DIR, "src", "main.ts")],
    outfile: join(DIST_DIR, "main.js"),
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    define: { global: "globalThis", "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  for (const file of ["index.html", "style.css"]) {
    copyFileSync(join(APP_DIR, file), join(DIST_DIR, file));
  }
}

if (require.main === module) {
  buildApp().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
