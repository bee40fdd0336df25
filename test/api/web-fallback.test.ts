import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlite } from '../support/dialects.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';

/**
 * The web app routes on the client, so a deep link (/board/…) reloaded in the browser
 * must get index.html; API paths must keep answering problems, and assets stay files.
 */
describe('web UI serving', () => {
  let server: TestServer | undefined;
  const root = mkdtempSync(join(tmpdir(), 'pw-web-'));

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
    server = await startTestServer(sqlite, { webRoot: root });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  function url(path: string): string {
    if (!server) throw new Error('not started');
    return server.url + path;
  }

  it('answers client routes with index.html', async () => {
    for (const path of ['/', '/board/0192f0c1-aaaa-7bbb-8ccc-000000000000', '/sign-in?next=%2F']) {
      const response = await fetch(url(path));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await response.text(), path).toContain('<div id="root">');
    }
  });

  it('keeps scripts to self in the CSP and serves assets as files', async () => {
    const page = await fetch(url('/board'));
    const csp = page.headers.get('content-security-policy') ?? '';
    const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1];
    expect(scripts?.trim()).toBe("'self'");
    const asset = await fetch(url('/assets/app.js'));
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('still answers unknown API paths with a problem', async () => {
    const response = await fetch(url('/api/v1/no-such-thing'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
