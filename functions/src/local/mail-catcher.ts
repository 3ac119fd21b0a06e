import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startChild, waitFor } from './processes.ts';

const require = createRequire(import.meta.url);

/** Starts MailDev: an SMTP server that keeps every message, with a web inbox and a JSON API (/email). */
export async function startMailCatcher({ smtpPort, webPort, dataDir }: { smtpPort: number; webPort: number; dataDir?: string }): Promise<string> {
  const bin = join(dirname(require.resolve('maildev/package.json')), 'bin', 'maildev');
  const args = [bin, '--smtp', String(smtpPort), '--web', String(webPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'];
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    args.push('--mail-directory', dataDir);
  }
  startChild('MailDev', process.execPath, args);
  const url = `http://localhost:${webPort}`;
  await waitFor('MailDev', async () => (await fetch(`${url}/email`)).ok);
  return url;
}

export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
  date: string;
}

export async function listMail(inboxUrl: string): Promise<CaughtMail[]> {
  const res = await fetch(`${inboxUrl}/email`);
  return (await res.json()) as CaughtMail[];
}
