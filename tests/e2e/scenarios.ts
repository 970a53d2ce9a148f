import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../server/auth/demo.js';
import type { Role } from '../../server/auth/principal.js';
import type { E2E } from './run.js';

/** One browser scenario of issue 5; each starts from a fresh browser context. */
export interface Scenario {
  name: string;
  run(e2e: E2E): Promise<void>;
}

const account = (role: Role) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role);
  if (!a) throw new Error(`no demo account for ${role}`);
  return a;
};

async function signIn(page: Page, role: Role): Promise<void> {
  const a = account(role);
  await page.goto('/sign-in');
  await page.getByLabel('电子邮箱').fill(a.email);
  await page.getByLabel('密码').fill(a.password);
  await page.getByRole('button', { name: '登录' }).last().click();
  await page.waitForSelector(`[data-testid="home"][data-role="${role}"]`);
}

/** Clicks save and waits for the confirmation, failing with the page's error message if one shows. */
async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: '保存' }).click();
  const outcome = await page.waitForSelector('.alert--ok, .alert--error', { timeout: 30_000 });
  const text = (await outcome.textContent()) ?? '';
  assert.ok(text.includes('已保存'), `saving the profile failed: ${text}`);
}

/** Waits until no "loading" status is left on the page. */
async function settled(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => !Array.from(document.querySelectorAll('[role="status"]')).some((e) => /加载中|Loading/.test(e.textContent ?? '')),
    undefined,
    { timeout },
  );
}

export const scenarios: Scenario[] = [
  {
    name: 'anonymous visitor sees the public chain map and a node',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await page.goto('/');
      await page.waitForSelector('[data-testid="home"][data-role="anonymous"]');
      await settled(page);
      await e2e.shot(page, 'home-anonymous');
      await page.goto('/chains');
      await page.waitForSelector('[data-testid="chain-graph"] canvas');
      const first = page.locator('[data-testid="node-list"] button[data-node]').first();
      await first.click();
      await page.waitForSelector('[data-testid="node-panel"]');
      assert.ok(await page.locator('[data-testid="node-panel"] h3', { hasText: '短板' }).count(), 'the node panel lists gaps');
      assert.match((await page.locator('[data-testid="candidates"]').textContent()) ?? '', /院所|人才推荐/);
      await e2e.shot(page, 'chain-map-anonymous');
      await ctx.close();
    },
  },
  {
    name: 'every demo role signs in and lands on its home page',
    async run(e2e) {
      for (const role of ['admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent'] as const) {
        const ctx = await e2e.context();
        const page = await ctx.newPage();
        await signIn(page, role);
        assert.equal(await page.locator('[data-testid="who-role"]').count(), 1);
        await settled(page);
        await e2e.shot(page, `home-${role}`);
        await ctx.close();
      }
    },
  },
  {
    name: 'chain chief opens the chain map, chooses a node, sees gaps and candidates; dashboard',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await signIn(page, 'chain_chief');
      await page.goto('/chains');
      await page.waitForSelector('[data-testid="chain-graph"] canvas');
      // The node with the most severe gap makes the most telling picture.
      const nodes = page.locator('[data-testid="node-list"] button[data-node]');
      const texts = await nodes.allTextContents();
      const severity = texts.map((t) => Number(/短板等级 (\d)/.exec(t)?.[1] ?? 0));
      const best = severity.indexOf(Math.max(...severity));
      await nodes.nth(Math.max(0, best)).click();
      await page.waitForSelector('[data-testid="gaps"] li');
      await page.waitForSelector('[data-testid="candidates"] [data-testid="match"]', { timeout: 60_000 });
      assert.ok((await page.locator('[data-testid="candidates"] [data-testid="explanation"]').count()) > 0, 'candidates carry explanations');
      await page.locator('[data-testid="node-panel"]').scrollIntoViewIfNeeded();
      await e2e.shot(page, 'chain-map-chief');
      await page.evaluate(() => window.scrollTo(0, 0));
      await e2e.shot(page, 'chain-map-chief-top', 'chain-map');

      await page.goto('/dashboard');
      await page.waitForSelector('[data-testid="kpis"]');
      await page.waitForSelector('[data-testid="uncovered"] :is(ul, .empty)', { timeout: 120_000 });
      assert.match((await page.locator('[data-testid="match-rate"]').textContent()) ?? '', /目标 80%/);
      assert.match((await page.locator('[data-testid="first-response"]').textContent()) ?? '', /暂无数据|\d+(\.\d+)? 天/);
      assert.ok((await page.locator('[data-testid="chain-nav"] a').count()) >= 6, 'the dashboard links every chain instrument');
      await settled(page, 120_000);
      await e2e.shot(page, 'dashboard-chief', 'dashboard');
      await ctx.close();
    },
  },
  {
    name: 'enterprise posts an invalid need, sees field errors, then posts and sees ranked, explained matches',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await signIn(page, 'enterprise');
      await page.goto('/needs/new');
      await page.waitForSelector('[data-testid="need-form"]');
      await page.getByLabel('需求标题').fill('电池');
      await page.getByRole('button', { name: '发布并查看匹配' }).click();
      await page.waitForSelector('[data-field-error]');
      const errors = await page.locator('[data-field-error]').allTextContents();
      assert.ok(errors.length >= 2, `expected several field errors, got ${errors.join(' | ')}`);
      assert.ok(await page.locator('[aria-invalid="true"]').count(), 'invalid fields are marked for assistive technology');
      await e2e.shot(page, 'post-need-invalid');

      const chain = page.locator('select[name="chain"]');
      const options = await chain.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      await chain.selectOption(options.includes('new-energy') ? 'new-energy' : (options[0] ?? ''));
      const node = page.locator('select[name="nodeId"]');
      const nodeValues = await node.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      await node.selectOption(nodeValues[Math.min(1, nodeValues.length - 1)] ?? '');
      await page.getByLabel('需求标题').fill('动力电池 BMS 算法工程师');
      await page.getByLabel('需求描述').fill('负责动力电池管理系统（BMS）的 SOC/SOH 估算算法与热管理策略开发，熟悉 CAN 通信与功能安全。');
      await page.getByLabel('所需技能').fill('BMS、SOC 估算、热管理');
      await page.getByRole('button', { name: '发布并查看匹配' }).click();
      await page.waitForURL(/\/needs\/[^/]+\?posted=1/);
      await page.waitForSelector('[data-testid="match"]', { timeout: 60_000 });
      const first = page.locator('[data-testid="match"]').first();
      assert.ok(((await first.locator('[data-testid="explanation"]').textContent()) ?? '').length > 4, 'each match is explained');
      assert.ok(await first.locator('[role="meter"]').count(), 'each match has a score bar');
      await first.locator('summary').click();
      assert.equal(await first.locator('[data-testid="components"] [role="meter"]').count(), 6, 'six score components');
      // Shortlisting puts the candidate on the need's match pipeline (suggested), kept by the API.
      await first.getByRole('button', { name: '加入候选名单' }).click();
      const entry = page.locator('[data-testid="pipeline"] [data-testid="pipeline-entry"]').first();
      await entry.waitFor();
      assert.equal(await entry.getAttribute('data-status'), 'suggested');
      await first.getByTestId('in-pipeline').waitFor();
      await entry.getByRole('button', { name: '标记为已联系' }).click();
      await page.waitForSelector('[data-testid="pipeline-entry"][data-status="contacted"]');
      assert.match((await entry.textContent()) ?? '', /已联系/);
      // The pipeline is the server's: a reload shows the same entry and status.
      await page.reload();
      await page.waitForSelector('[data-testid="pipeline-entry"][data-status="contacted"]', { timeout: 60_000 });
      await page.waitForSelector('[data-testid="match"]', { timeout: 60_000 });
      await e2e.shot(page, 'need-matches', 'need-matches');
      await ctx.close();
    },
  },
  {
    name: 'HR bureau searches with a facet, sees highlights and masked contacts, reveals one (audited)',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await signIn(page, 'hr_bureau');
      await page.goto('/search?type=talents');
      await page.getByLabel('检索词').fill('电池');
      await page.getByRole('button', { name: '检索', exact: true }).click();
      await page.waitForSelector('[data-testid="hit"]');
      const facet = page.locator('[data-testid="facets"] input[data-facet="city"]').first();
      const facetValue = await facet.getAttribute('data-value');
      await facet.check();
      await page.waitForURL(/city=/);
      await page.waitForFunction((v) => !!v && new URLSearchParams(window.location.search).getAll('city').includes(v), facetValue);
      await page.waitForSelector('[data-testid="hit"]');
      await settled(page);
      assert.ok(await page.locator('[data-testid="hit"] mark').count(), 'hits carry <mark> highlights');
      const phone = (await page.locator('[data-testid="contact-phone"]').first().textContent()) ?? '';
      assert.match(phone, /\*{4}/, `phone is masked in the list, got "${phone}"`);
      await e2e.shot(page, 'search-hr');
      const hit = page.locator('[data-testid="hit"]').first();
      await hit.getByRole('button', { name: '查看完整联系方式' }).click();
      await hit.getByLabel('查看目的').selectOption('talent_service');
      await hit.getByRole('button', { name: '确认查看' }).click();
      await hit.getByText('已显示完整联系方式').waitFor();
      const revealed = (await hit.locator('[data-testid="contact-phone"]').textContent()) ?? '';
      assert.ok(!revealed.includes('*'), `revealed phone is whole, got "${revealed}"`);
      await e2e.shot(page, 'search-hr-revealed');
      await ctx.close();
    },
  },
  {
    name: 'the language switch changes every label and is remembered',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await page.goto('/chains');
      await page.waitForSelector('[data-testid="node-list"]');
      await page.getByTestId('lang').selectOption('en');
      await page.getByRole('link', { name: 'Chain map' }).first().waitFor();
      await page.reload();
      await page.getByRole('heading', { name: /Chain map and gap analysis/ }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.waitForSelector('[data-testid="chain-graph"] canvas');
      await e2e.shot(page, 'chain-map-en');
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).last().click();
      await page.waitForSelector('[data-field-error]');
      await e2e.shot(page, 'sign-in-invalid-en');
      await ctx.close();
    },
  },
  {
    name: 'a talent registers with consent (invalid first), edits, exports and deletes the profile',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await page.goto('/register');
      await page.getByRole('button', { name: '同意授权并注册' }).click();
      await page.waitForSelector('[data-field-error]');
      await e2e.shot(page, 'register-invalid');
      const email = `e2e-${Date.now()}@example.com`;
      await page.getByLabel('电子邮箱').fill(email);
      await page.getByLabel('密码').fill('e2e-password-链才-123');
      await page.getByLabel('姓名').fill('测试专家');
      await page.getByLabel('技能').fill('伺服电机、运动控制、PLC');
      await page.getByLabel('个人简介').fill('从事工业机器人伺服驱动与运动控制研发十年。');
      await page.getByLabel(/人社部门检索/).check();
      await page.getByRole('button', { name: '同意授权并注册' }).click();
      await page.waitForSelector('[data-testid="home"][data-role="talent"]');
      await settled(page);
      await e2e.shot(page, 'home-new-talent');
      await page.goto('/profile');
      await page.waitForSelector('[data-testid="profile-form"]');
      await page.getByLabel('工作单位').fill('佛山某研究院');
      await save(page);
      await e2e.shot(page, 'profile-talent');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出我的数据' }).click()]);
      assert.equal(download.suggestedFilename(), 'chaintalent-export.json');
      await page.getByRole('button', { name: '删除我的资料' }).click();
      await page.getByRole('button', { name: '确认删除' }).click();
      await page.waitForURL(/deleted=1/);
      await page.getByText('您的资料已删除').waitFor();
      await e2e.shot(page, 'talent-deleted');
      await ctx.close();
    },
  },
  {
    name: 'institute and enterprise edit their profiles; HR registers an institute (invalid first)',
    async run(e2e) {
      for (const role of ['institute', 'enterprise'] as const) {
        const ctx = await e2e.context();
        const page = await ctx.newPage();
        await signIn(page, role);
        await page.goto('/profile');
        await page.waitForSelector('[data-testid="profile-form"]');
        await save(page);
        await e2e.shot(page, `profile-${role}`);
        await ctx.close();
      }
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await signIn(page, 'hr_bureau');
      await page.goto('/records/new/institute');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.waitForSelector('[data-field-error]');
      await e2e.shot(page, 'new-institute-invalid');
      await page.getByLabel(/^名称/).fill('佛山智能装备联合实验室');
      await page.getByLabel('科研能力').fill('机器视觉、精密减速器测试');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.getByText('已登记').waitFor();
      await e2e.shot(page, 'new-institute');
      await ctx.close();
    },
  },
  {
    name: 'chain chief opens platforms and proposes one from a recommendation, then moves it on',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await signIn(page, 'chain_chief');
      await page.goto('/dashboard');
      await page.locator('[data-testid="chain-nav"]').getByRole('link', { name: '链上造平台' }).click();
      await page.waitForSelector('[data-testid="coverage-node"]');
      const node = page.locator('[data-testid="coverage-node"]:not([data-status="covered"])').first();
      await node.getByRole('button', { name: '推荐邀请院所' }).click();
      const rec = page.locator('[data-testid="recommendation"]').first();
      await rec.waitFor({ timeout: 60_000 });
      assert.ok(((await rec.locator('.match__why').textContent()) ?? '').length > 4, 'each recommendation is explained');
      await rec.getByRole('button', { name: '提议共建平台' }).click();
      await rec.getByLabel('平台类型').selectOption('lab');
      await rec.getByLabel('备注（可选）').fill('e2e：邀请共建');
      await rec.getByRole('button', { name: '确认提议' }).click();
      await page.waitForSelector('[data-testid="proposed"]');
      const proposed = page.locator('[data-testid="platform"][data-status="proposed"]').first();
      await proposed.waitFor();
      await proposed.getByRole('button', { name: '转为“洽谈中”' }).click();
      await page.waitForSelector('[data-testid="platform"][data-status="negotiating"]');
      await settled(page);
      await e2e.shot(page, 'platforms-chief');
      await ctx.close();
    },
  },
  {
    name: 'chain chief views a challenge: stages, who/when history, consortium recommendation; moves it on',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await signIn(page, 'chain_chief');
      await page.goto('/dashboard');
      await page.locator('[data-testid="chain-nav"]').getByRole('link', { name: '揭榜挂帅' }).click();
      await page.waitForSelector('[data-testid="challenge-board"]');
      await e2e.shot(page, 'challenges-chief');
      // A challenge in 论证对接 has the longest history and lets the chief select and sign.
      const reviewing = page.locator('[data-stage="reviewing"] [data-testid="challenge"] a');
      await (
        (await reviewing.count())
          ? reviewing
          : page.locator('[data-stage="taken"] [data-testid="challenge"] a, [data-stage="signed"] [data-testid="challenge"] a')
      )
        .first()
        .click();
      await page.waitForSelector('[data-testid="challenge-detail"]');
      const rows = page.locator('[data-testid="challenge-history"] [data-testid="history-row"]');
      await rows.first().waitFor();
      assert.ok((await rows.count()) >= 3, 'the history lists every move');
      assert.match((await page.locator('[data-testid="challenge-history"]').textContent()) ?? '', /阶段变更.*(平台管理员|链长办)/s);
      assert.ok(await page.locator('[data-testid="stage-timeline"] [aria-current="step"]').count(), 'the timeline marks the current stage');
      const team = page.locator('[data-testid="consortium"]').first();
      await team.waitFor({ timeout: 60_000 });
      assert.match((await team.getByTestId('coverage-explanation').textContent()) ?? '', /覆盖/);
      const select = page.getByRole('button', { name: '选定为揭榜方' });
      if (await select.count()) {
        const n = await rows.count();
        await select.first().click();
        await page.waitForFunction((k) => document.querySelectorAll('[data-testid="history-row"]').length > k, n);
        assert.match((await rows.first().textContent()) ?? '', /选定揭榜方.*链长办/s);
      }
      const before = await rows.count();
      const manage = page.locator('[data-testid="manage"]');
      if (await manage.count()) {
        await manage.getByLabel('备注（可选）').fill('e2e：链长办推进');
        await manage.locator('button').first().click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="history-row"]').length > n, before);
        assert.match((await rows.first().textContent()) ?? '', /阶段变更.*链长办/s);
      }
      await settled(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await e2e.shot(page, 'challenge-chief', 'challenge');
      await ctx.close();
    },
  },
  {
    name: 'an institute applies to a published challenge (invalid first)',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await signIn(page, 'institute');
      await page.goto('/challenges');
      await page.locator('[data-stage="published"] [data-testid="challenge"] a').first().click();
      const form = page.locator('[data-testid="apply-form"]');
      await form.waitFor();
      await form.getByRole('button', { name: '提交申报' }).click();
      await page.waitForSelector('[data-field-error]');
      await e2e.shot(page, 'challenge-apply-invalid');
      await form.getByLabel('揭榜方案').fill('院所牵头：以既有中试平台与检测能力开展攻关，三个月完成方案验证，六个月完成小批量试产（e2e）。');
      await form.getByLabel('预算（万元）').fill('120');
      await form.getByLabel('计划周期（月）').fill('6');
      await form.getByRole('button', { name: '提交申报' }).click();
      await page.waitForSelector('[data-testid="applied"]');
      await page.waitForSelector('[data-testid="application"][data-status="submitted"]');
      await settled(page);
      await e2e.shot(page, 'challenge-applied');
      await ctx.close();
    },
  },
  {
    name: 'the battle map flags what is late; key projects show milestones',
    async run(e2e) {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      // The demo seed puts key projects (one with an overdue milestone) on the first chains by code.
      await signIn(page, 'admin');
      await page.goto('/dashboard/biomedicine/battle-map');
      await page.waitForSelector('[data-testid="battle-map"] [data-testid="battle-node"]', { timeout: 60_000 });
      await page.waitForSelector('[data-testid="late-flag"]');
      assert.ok(await page.locator('[data-testid="battle-node"][data-late="true"]').count(), 'a node is flagged late');
      assert.match((await page.locator('[data-testid="late-list"]').textContent()) ?? '', /逾期事项/);
      await settled(page);
      await e2e.shot(page, 'battle-map-admin', 'battle-map');
      await page.locator('[data-testid="chain-nav"]').getByRole('link', { name: '重点项目' }).click();
      await page.waitForSelector('[data-testid="project"] .milestones li.late');
      await e2e.shot(page, 'projects-admin');
      await page.locator('[data-testid="chain-nav"]').getByRole('link', { name: '链上领头羊' }).click();
      await page.waitForSelector('[data-testid="leading-candidate"]', { timeout: 60_000 });
      await page.locator('[data-testid="leading-candidate"] summary').first().click();
      assert.match((await page.locator('[data-testid="indicators"]').first().textContent()) ?? '', /填报|平台计算/);
      await e2e.shot(page, 'leading-admin');
      await ctx.close();
    },
  },
  {
    name: 'on a phone the chain map, search and a form stay usable',
    async run(e2e) {
      const ctx = await e2e.context({ phone: true });
      const page = await ctx.newPage();
      await page.goto('/chains');
      await page.waitForSelector('[data-testid="chain-graph"] canvas');
      await page.locator('[data-testid="node-list"] button[data-node]').nth(2).click();
      await page.waitForSelector('[data-testid="node-panel"]');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
      await e2e.shot(page, 'phone-chain-map');
      await page.goto('/sign-in');
      await e2e.shot(page, 'phone-sign-in');
      await ctx.close();
    },
  },
];
