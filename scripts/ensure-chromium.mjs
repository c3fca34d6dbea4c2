// End-to-end tests drive Debian's chromium through playwright-core; they never download a browser.
// Screenshots must show the Chinese UI, so a CJK font is part of the setup too.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const APT = 'apt-get -o DPkg::Lock::Timeout=300';

const hasCjkFont = () => {
  try {
    return execSync('fc-list :lang=zh', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-noto-cjk');

if (missing.length) {
  const install = `${APT} update -qq && DEBIAN_FRONTEND=noninteractive ${APT} install -y -qq --no-install-recommends ${missing.join(' ')}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    console.error(`Missing for the end-to-end tests: ${missing.join(', ')}. Install with:\n  sudo sh -c '${install}'\n(or set CHROMIUM_PATH to another chromium).`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} for the end-to-end tests…`);
  execSync(install, { stdio: 'inherit', shell: '/bin/bash' });
}
