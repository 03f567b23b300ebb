import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';

const APP = 'http://127.0.0.1:4173';

/**
 * Small real servers on other loopback ports: each is another origin. (Pages faked with
 * page.route count as public, and Chromium's Private Network Access forbids a public page
 * from framing 127.0.0.1.)
 */
const pages = new Map<string, string>();
const servers: Server[] = [];
async function origin(): Promise<string> {
  const server = createServer((req, res) => {
    const body = pages.get(`${req.headers.host}${req.url}`) ?? '<!doctype html><title>none</title>';
    res.writeHead(200, { 'content-type': 'text/html' }).end(body);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
test.afterAll(() => servers.forEach((s) => s.close()));

/** A host page at `at` that embeds Interleave and logs every message it gets. */
async function host(page: Page, at: string, src: string, extra = ''): Promise<void> {
  pages.set(
    `${new URL(at).host}/`,
    `<!doctype html><html lang="en"><title>host</title><body>
<iframe id="sim" title="Interleave" src="${src}" width="900" height="600"></iframe>
${extra}
<script>
  window.msgs = [];
  window.addEventListener('message', (e) => {
    if (e.origin !== '${APP}') return;
    window.msgs.push(e.data);
    if (e.data && e.data.type === 'interleave:ready') document.getElementById('sim').contentWindow.postMessage({ type: 'interleave:hello' }, '${APP}');
  });
  window.send = (m) => document.getElementById('sim').contentWindow.postMessage(m, '${APP}');
</script></body></html>`,
  );
  await page.goto(`${at}/`);
}

const msgs = (page: Page) =>
  page.evaluate(() => (window as unknown as { msgs: { type: string }[] }).msgs);

test('a host page on another origin drives the embed through postMessage and gets its events', async ({
  page,
}) => {
  await host(page, await origin(), `${APP}/?embed=1&scenario=mutex-store&speed=max`);
  await expect
    .poll(async () => (await msgs(page)).map((m) => m.type))
    .toContain('interleave:ready');
  await expect
    .poll(async () => (await msgs(page)).some((m) => m.type === 'interleave:resize'))
    .toBe(true);
  await page.evaluate(() =>
    (window as unknown as { send: (m: unknown) => void }).send({
      type: 'interleave:step',
      count: 3,
    }),
  );
  await expect
    .poll(async () =>
      (await msgs(page))
        .filter((m) => m.type === 'interleave:step')
        .map((m) => (m as unknown as { step: number }).step),
    )
    .toContain(3);
  await page.evaluate(() =>
    (window as unknown as { send: (m: unknown) => void }).send({ type: 'interleave:play' }),
  );
  await expect
    .poll(async () => (await msgs(page)).find((m) => m.type === 'interleave:outcome'), {
      timeout: 20_000,
    })
    .toMatchObject({ exit: 0, first: '', stdout: '3 jobs\n' });
  // load another program and seek into it
  await page.evaluate(() =>
    (window as unknown as { send: (m: unknown) => void }).send({
      type: 'interleave:load',
      scenario: 'forget-unlock',
    }),
  );
  await expect(page.frameLocator('#sim').getByText('Lock without Unlock')).toBeVisible();
  await page.evaluate(() =>
    (window as unknown as { send: (m: unknown) => void }).send({
      type: 'interleave:seek',
      step: 2,
    }),
  );
  await expect(page.frameLocator('#sim').getByText('step 2', { exact: true })).toBeVisible();
  // every message after the handshake reached us at our own origin; malformed commands do nothing
  await page.evaluate(() =>
    (window as unknown as { send: (m: unknown) => void }).send({
      type: 'interleave:seek',
      step: 'ten',
    }),
  );
  await expect(page.frameLocator('#sim').getByText('step 2', { exact: true })).toBeVisible();
});

test('messages from an unexpected origin are ignored', async ({ page }) => {
  // a sibling frame on a third origin tries to drive the embed
  const evil = await origin();
  pages.set(
    `${new URL(evil).host}/`,
    `<!doctype html><html lang="en"><title>evil</title><body><script>setInterval(() => { try { parent.frames[0].postMessage({ type: 'interleave:play' }, '*'); parent.frames[0].postMessage({ type: 'interleave:hello' }, '*'); } catch (e) {} }, 100);</script></body></html>`,
  );
  await host(
    page,
    await origin(),
    `${APP}/?embed=1&scenario=mutex-store&speed=max`,
    `<iframe title="other" src="${evil}/"></iframe>`,
  );
  await expect
    .poll(async () => (await msgs(page)).map((m) => m.type))
    .toContain('interleave:ready');
  await page.waitForTimeout(1500); // give the other frame many chances (a negative check has no event to wait for)
  await expect(page.frameLocator('#sim').getByText('step 0', { exact: true })).toBeVisible();

  // an embed told to trust only one origin ignores a parent on any other origin
  const trusted = await origin();
  const page2 = await page.context().newPage();
  await host(page2, await origin(), `${APP}/?embed=1&scenario=mutex-store&origin=${trusted}`);
  await expect
    .poll(async () => (await msgs(page2)).map((m) => m.type))
    .toContain('interleave:ready');
  await page2.evaluate(() =>
    (window as unknown as { send: (m: unknown) => void }).send({ type: 'interleave:play' }),
  );
  await page2.waitForTimeout(1000);
  await expect(page2.frameLocator('#sim').getByText('step 0', { exact: true })).toBeVisible();
  expect((await msgs(page2)).map((m) => m.type)).toEqual(['interleave:ready']);
});

test('two embeds on one page never share state', async ({ page }) => {
  await host(
    page,
    await origin(),
    `${APP}/?embed=1&scenario=mutex-store`,
    `<iframe id="two" title="Interleave 2" src="${APP}/?embed=1&scenario=mutex-store" width="900" height="600"></iframe>`,
  );
  const one = page.frameLocator('#sim');
  const two = page.frameLocator('#two');
  await one.getByRole('button', { name: 'Step', exact: true }).click();
  await one.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(one.getByText('step 2', { exact: true })).toBeVisible();
  await expect(two.getByText('step 0', { exact: true })).toBeVisible();
});

test.describe('the embed’s colours', () => {
  for (const [scheme, link, want] of [
    ['light', '', 'light'],
    ['dark', '', 'dark'],
    ['light', '&theme=dark', 'dark'],
  ] as const) {
    test(`with a reader who prefers ${scheme}${link ? ` and ${link.slice(1)} in the link` : ''}: ${want}`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${APP}/?embed=1&scenario=lock-order${link}`);
      await expect(page.locator('html')).toHaveAttribute('data-theme', want);
    });
  }
});
