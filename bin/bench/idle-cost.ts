/**
 * Part: what a tenant costs with no traffic, from its synthesized template and the list prices
 * of infra/cost.ts (the same figures as docs/cost.md, whose test keeps them in step).
 */
import { fixedPriceInventory, idleMonthlyUsd, perThousandVisits, PRICES_AS_OF } from '../../infra/cost.js';
import { tenantTemplate } from '../cost.js';
import { targetRow, type BenchPart } from './part.js';

const IDLE_LIMIT_USD = 2;

export const idleCostPart: BenchPart = {
  name: 'idle tenant cost',
  run() {
    const { items } = fixedPriceInventory(tenantTemplate());
    const idle = idleMonthlyUsd(items);
    const perThousand = perThousandVisits().reduce((sum, line) => sum + line.usd, 0);
    return Promise.resolve({
      sections: [
        {
          title: 'Idle tenant: resources with a fixed monthly price',
          intro:
            `A tenant stack synthesized with the default options (bin/cost.ts), its resources with a fixed monthly price, at ${PRICES_AS_OF}. ` +
            'Everything else in the stack is billed by use and storage only; docs/cost.md has the whole picture, and what 1,000 recipient visits cost.',
          header: ['resource type', 'unit', 'count', 'USD per month'],
          rows: [
            ...items.map((item) => [item.type, item.unit, String(item.count), (item.count * item.unitMonthlyUsd).toFixed(2)]),
            ['idle tenant', '', '', idle.toFixed(2)],
          ],
        },
      ],
      targets: [
        targetRow({
          row: 'idle tenant',
          target: '≤ USD 2 per month',
          value: idle,
          limit: IDLE_LIMIT_USD,
          measured: `USD ${idle.toFixed(2)} per month (and USD ${perThousand.toFixed(3)} per 1,000 recipient visits, the files' bytes apart)`,
          why:
            'Two secrets (the token signing key; the origin-verify value CloudFront sends, resolved into the distribution at deploy time) and five alarm metrics. ' +
            "The route groups' functions have no error and throttle alarms of their own: they answer through the API, whose 5xx alarm sees them fail, time out or be throttled; " +
            'only the notify function, which no request waits for, keeps its two (docs/cost.md).',
        }),
      ],
    });
  },
};
