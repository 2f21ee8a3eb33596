// Opens the plugin's pages in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and saves a
// screenshot of each: node screenshots.mjs JENKINS_URL OUT_DIR. The jobs `promoted`, `rolled-back`, `inconclusive`,
// `phases`, `mirror-caught` and `parameter` must have run (take-screenshots does that first). Prints one line per
// screenshot and what the page said.
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });

async function open(path) {
  const response = await page.goto(base + path, { waitUntil: 'networkidle' });
  // Jenkins' sticky header would cover the top of element screenshots that scroll
  await page.addStyleTag({ content: '#page-header, .jenkins-header, #breadcrumbBar { position: static !important; }' });
  return response.status();
}

async function shot(name, status, locator) {
  const file = `${out}/${name}.png`;
  if (locator) {
    await locator.scrollIntoViewIfNeeded();
    await locator.screenshot({ path: file });
  } else {
    await page.screenshot({ path: file, fullPage: true });
  }
  console.log(`${name}: HTTP ${status} -> ${file}`);
}

// Manage Jenkins » System: the Mesh Pipeline section with its entries, advanced fields open.
let status = await open('/manage/configure');
const section = page.locator('section.jenkins-section', { hasText: 'Kubernetes clusters' }).first();
for (const advanced of await section.locator('button.advanced-button, .advancedButton').all()) {
  await advanced.click().catch(() => {});
}
await shot('global-configuration', status, section);

// Pipeline Syntax: each step's form, filled in as a user would, and the snippet it generates.
const steps = {
  meshCanary: 'meshCanary: Mesh: canary rollout with health checks',
  meshTraffic: 'meshTraffic: Mesh: set traffic weights',
  meshRollback: 'meshRollback: Mesh: roll back routes to the stored snapshot',
  meshValidate: 'meshValidate: Mesh: validate Istio and Gateway API configuration',
};
for (const [step, label] of Object.entries(steps)) {
  status = await open('/job/promoted/pipeline-syntax/');
  await page.selectOption('select', { label });
  await page.waitForTimeout(800);
  const fill = async (name, value) => {
    const field = page.locator(`.dropdownList-container:visible input[name="_.${name}"]:visible`).first();
    if (await field.count()) {
      await field.fill(value);
    }
  };
  await fill('virtualService', 'reviews');
  await fill('route', 'primary');
  await fill('stable', 'v1');
  await fill('canary', 'v2');
  await fill('metrics', 'prom-healthy');
  await fill('weight', '30');
  if (step === 'meshCanary') {
    // the phases, behind their own button
    await page.locator('.dropdownList-container:visible button', { hasText: 'Phases: mirror, A/B, sticky sessions' })
      .first().click().catch(() => {});
    await page.waitForTimeout(500);
    await fill('mirror', '20');
    await fill('mirrorFor', '5m');
    const match = page.locator('.dropdownList-container:visible textarea[name="_.match"]:visible').first();
    if (await match.count()) {
      await match.fill('header:x-canary=true\ncookie:beta=1');
    }
    await fill('matchFor', '10m');
    await fill('sticky', 'mesh-canary');
  }
  await page.getByRole('button', { name: 'Generate Pipeline Script' }).click({ force: true }); // the sticky header can overlap it
  await page.waitForTimeout(1500);
  const snippet = await page.locator('textarea#prototypeText, textarea[name="_.prototypeText"]').first()
    .inputValue().catch(() => '');
  console.log(`  ${step} snippet: ${snippet.replace(/\s+/g, ' ').trim()}`);
  await shot(`snippet-${step}`, status, page.locator('#main-panel'));
}

// The build pages and rollout pages of a promoted, a rolled-back and an inconclusive canary.
for (const job of ['promoted', 'rolled-back', 'inconclusive', 'phases', 'mirror-caught']) {
  status = await open(`/job/${job}/1/`);
  await shot(`build-${job}`, status, page.locator('#main-panel'));
  status = await open(`/job/${job}/1/mesh-rollout/`);
  await shot(`rollout-${job}`, status);
}

// A meshPlan and a meshApply: the build page's summary and the Mesh config page (the plan's table, the apply).
status = await open('/job/mesh-config/1/');
await shot('build-mesh-config', status, page.locator('#main-panel'));
status = await open('/job/mesh-config/1/mesh-config/');
await shot('mesh-config', status);

// Build with Parameters: the DestinationRule's subsets offered as choices.
status = await open('/job/parameter/build?delay=0sec');
await shot('build-with-parameters', status, page.locator('#main-panel'));

for (const p of problems) {
  console.log(`  ${p}`);
}
await browser.close();
