// A headless Chromium for tests of the built-in dashboard: Debian's chromium (installed on demand,
// see system-packages.ts) driven by playwright-core (an npm devDependency, which brings no browser
// of its own). CHROMIUM_PATH points at another Chromium or Chrome.
import type { Browser } from 'playwright-core';
import { ensureDebianPackage } from './system-packages';

export function chromiumPath(): { path?: string; why?: string } {
  if (process.env.CHROMIUM_PATH) return { path: process.env.CHROMIUM_PATH };
  return ensureDebianPackage(['chromium', 'chromium-browser'], 'chromium');
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}
