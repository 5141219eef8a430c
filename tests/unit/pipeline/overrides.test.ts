import { describe, expect, it } from 'vitest';
import { globMatch, OverrideTracker } from '../../../generator/pipeline/overrides.js';

describe('globMatch', () => {
  it('matches * and ? case-insensitively and escapes regex characters', () => {
    expect(globMatch('Microsoft.*', 'microsoft.network')).toBe(true);
    expect(globMatch('Microsoft.*', 'Contoso.Network')).toBe(false);
    expect(globMatch('2021-0?-01', '2021-04-01')).toBe(true);
    expect(globMatch('a.b', 'axb')).toBe(false);
    expect(globMatch(undefined, 'anything')).toBe(true);
  });
});

describe('OverrideTracker', () => {
  it('finds the first override that sets the field and records unused ones', () => {
    const tracker = new OverrideTracker([
      { type: 'Subnet', property: 'routeTable', reference: false },
      { group: 'Microsoft.Network', type: 'Subnet', property: 'route*', description: 'custom' },
      { type: 'Other', property: 'x', secret: true },
    ]);
    const site = { namespace: 'Microsoft.Network', apiVersion: '2021-02-01', typeName: 'Subnet', armName: 'routeTable' };
    expect(tracker.find(site, 'reference')?.reference).toBe(false);
    expect(tracker.find(site, 'description')?.description).toBe('custom');
    expect(tracker.find(site, 'secret')).toBeUndefined();
    expect(tracker.unused()).toEqual([{ type: 'Other', property: 'x', secret: true }]);
  });
});
