// Shared by the browser tests of the preview server: start `briefbook serve --watch` on a free
// port, launch headless Chromium, and wait for a condition on a page that may be reloading.
import { spawn } from "node:child_process";

export function fail(message) {
  throw new Error(message);
}

/** Polls `check` until it returns something truthy, failing after `timeout` ms. */
export async function until(what, check, timeout = 10000) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeout) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error; // the page may be mid-reload
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fail(`timed out waiting for ${what} (last: ${last})`);
}

/** `briefbook serve --watch` of `book`: the child process and the port it listens on. */
export async function startPreview(binary, book) {
  const server = spawn(binary, ["serve", "--watch", "--port", "0", "--root", book], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise((resolve, reject) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) resolve(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { server, port };
}

export { launchBrowser } from "./browser.mjs";
