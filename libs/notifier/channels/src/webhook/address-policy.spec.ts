import type { LookupFunction } from 'node:net';
import { isBlockedAddress, publicOnlyLookup } from './address-policy';

describe('isBlockedAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip'])(
    'should block %s',
    (address) => expect(isBlockedAddress(address)).toBe(true),
  );

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('should allow the public address %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });
});

describe('publicOnlyLookup', () => {
  const fake = (addresses: string[]): LookupFunction =>
    ((_host: string, _opts: unknown, cb: (e: null, a: Array<{ address: string; family: number }>) => void) =>
      cb(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })))) as unknown as LookupFunction;
  const run = (addresses: string[]) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address?: string }>((resolve) =>
      publicOnlyLookup(fake(addresses))('hooks.example.com', {}, (err, address) => resolve({ err, address: address as string })));

  it('should pass a public answer through', async () => {
    expect(await run(['93.184.216.34'])).toEqual({ err: null, address: '93.184.216.34' });
  });

  it('should refuse the host when any of its addresses is private (rebinding, round-robin)', async () => {
    const { err } = await run(['93.184.216.34', '127.0.0.1']);
    expect(err).toMatchObject({ code: 'EBLOCKEDADDRESS' });
  });
});
