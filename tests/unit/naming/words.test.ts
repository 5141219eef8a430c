/**
 * naming/words: splitting identifiers, PascalCase / camelCase, and the singular forms that
 * kinds are made of (`resource-names` singularizes the last ARM type segment).
 */
import { describe, expect, it } from 'vitest';
import { camelCase, pascalCase, singular, singularWord, words } from '../../../generator/naming/words.js';

describe('words', () => {
  it.each([
    ['virtualNetworks', ['virtual', 'Networks']],
    ['IPConfigurations', ['IP', 'Configurations']],
    ['publicIPAddresses', ['public', 'IP', 'Addresses']],
    ['HTTPSProxy', ['HTTPS', 'Proxy']],
    ['vnet_subnet-id', ['vnet', 'subnet', 'id']],
    ['api2Versions', ['api2', 'Versions']],
    ['signalR', ['signal', 'R']],
    ['', []],
  ])('%j → %j', (identifier, expected) => {
    expect(words(identifier)).toEqual(expected);
  });
});

describe('pascalCase', () => {
  it.each([
    ['virtualNetworks', 'VirtualNetworks'],
    ['IPConfigurations', 'IPConfigurations'],
    ['vnet_subnet-id', 'VnetSubnetId'],
    ['dnsZones', 'DnsZones'],
    ['widgetfactories', 'Widgetfactories'],
    ['signalR', 'SignalR'],
  ])('%s → %s', (identifier, expected) => {
    expect(pascalCase(identifier)).toBe(expected);
  });
});

describe('camelCase', () => {
  it.each([
    ['IPAddress', 'ipAddress'],
    ['VNetName', 'vNetName'],
    ['HTTPSProxy', 'httpsProxy'],
    ['IPConfigurations', 'ipConfigurations'],
    ['virtual_network', 'virtualNetwork'],
    ['alreadyCamel', 'alreadyCamel'],
    ['X', 'x'],
    ['', ''],
  ])('%s → %s', (identifier, expected) => {
    expect(camelCase(identifier)).toBe(expected);
  });
});

describe('singularWord', () => {
  it.each([
    ['policies', 'policy'],
    ['galleries', 'gallery'],
    ['factories', 'factory'],
    ['addresses', 'address'],
    ['prefixes', 'prefix'],
    ['matches', 'match'],
    ['searches', 'search'],
    ['databases', 'database'],
    ['gateways', 'gateway'],
    ['keys', 'key'],
    ['pools', 'pool'],
    // irregular or already singular
    ['redis', 'redis'],
    ['indexes', 'index'],
    ['aliases', 'alias'],
    ['caches', 'cache'],
    ['statuses', 'status'],
    ['analyses', 'analysis'],
    ['status', 'status'],
    ['access', 'access'],
    ['data', 'data'],
    ['series', 'series'],
    // too short to be a plural
    ['NS', 'NS'],
  ])('%s → %s', (word, expected) => {
    expect(singularWord(word)).toBe(expected);
  });

  it('keeps the case of the word it is given', () => {
    expect(singularWord('Indexes')).toBe('Index');
    expect(singularWord('Redis')).toBe('Redis');
    expect(singularWord('Aliases')).toBe('Alias');
    expect(singularWord('POLICIES')).toBe('POLICY');
  });

  it('singularWord("apis") is "api" (Microsoft.ApiManagement/service/apis → kind ServiceApi)', () => {
    expect(singularWord('apis')).toBe('api');
    expect(singularWord('analysis')).toBe('analysis');
  });
});

describe('singular', () => {
  it.each([
    ['virtualNetworks', 'virtualNetwork'],
    ['publicIPAddresses', 'publicIPAddress'],
    ['IPConfigurations', 'IPConfiguration'],
    ['userAssignedIdentities', 'userAssignedIdentity'],
    ['sshPublicKeys', 'sshPublicKey'],
    ['ipv6Prefixes', 'ipv6Prefix'],
    ['dnsAliases', 'dnsAlias'],
    ['trafficmanagerprofiles', 'trafficmanagerprofile'],
    ['signalR', 'signalR'],
    ['Redis', 'Redis'],
  ])('%s → %s (only the last word changes)', (identifier, expected) => {
    expect(singular(identifier)).toBe(expected);
  });

  it('singular("publicIPs") is "publicIP" (an acronym followed by a plural s)', () => {
    expect(singular('publicIPs')).toBe('publicIP');
    expect(singular('workloadNetworksPublicIPs')).toBe('workloadNetworksPublicIP');
  });
});

describe('singular of words ending in -os', () => {
  it.each([
    ['gizmos', 'gizmo'],
    ['videos', 'video'],
    ['Cosmos', 'Cosmos'],
  ])('%s → %s', (word, expected) => {
    expect(singularWord(word)).toBe(expected);
  });
});
