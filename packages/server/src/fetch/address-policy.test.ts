import { describe, expect, it } from 'vitest';
import { addressKind, addressRefusal, nameRefusal } from './address-policy.ts';

describe('addressKind', () => {
  it.each([
    ['93.184.216.34', 'public'],
    ['2606:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['not an address', 'reserved'],
  ])('should call %s %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it('should see through IPv4-mapped and NAT64 IPv6 forms of an IPv4 address', () => {
    expect(addressKind('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressKind('::ffff:7f00:1')).toBe('loopback');
    expect(addressKind('::ffff:a9fe:a9fe')).toBe('link-local');
    expect(addressKind('::FFFF:10.0.0.1')).toBe('private');
    expect(addressKind('64:ff9b::169.254.169.254')).toBe('link-local');
    expect(addressKind('::ffff:93.184.216.34')).toBe('public');
    expect(addressKind('::127.0.0.1')).toBe('reserved');
  });

  it.each([
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['0000:0000:0000:0000:0000:ffff:127.0.0.1', 'loopback'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:a00:1', 'private'],
    ['64:ff9b:0:0:0:0:a9fe:a9fe', 'link-local'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::10.0.0.1', 'reserved'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:a9fe:a9fe::', 'link-local'],
    ['2002:c0a8:101::5', 'private'],
    ['2002:5db8:d822::1', 'public'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['fe80::1%eth0', 'link-local'],
    ['100::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['198.19.0.1', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['0.1.2.3', 'unspecified'],
  ])('should see what %s carries or is: %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it('should tell 172.32.0.1 (public) from the private 172.16.0.0/12 next to it', () => {
    expect(addressKind('172.32.0.1')).toBe('public');
    expect(addressKind('172.15.255.255')).toBe('public');
  });
});

describe('addressRefusal', () => {
  it('should let a public address through for any site', () => {
    expect(addressRefusal('news.example.org', '93.184.216.34', false)).toBeNull();
  });

  it('should refuse loopback and private addresses unless the site is local', () => {
    expect(addressRefusal('localhost', '127.0.0.1', false)).toBe(
      'localhost resolves to a loopback address (127.0.0.1): only public addresses are contacted unless the site is marked local',
    );
    expect(addressRefusal('intranet', '10.0.0.5', false)).toContain('resolves to a private address');
    expect(addressRefusal('localhost', '127.0.0.1', true)).toBeNull();
    expect(addressRefusal('intranet', '192.168.0.5', true)).toBeNull();
  });

  it('should never fetch the metadata service, a multicast or an unspecified address, local or not', () => {
    expect(addressRefusal('metadata', '169.254.169.254', true)).toBe(
      'metadata resolves to a link-local address (169.254.169.254), which is never contacted',
    );
    expect(addressRefusal('x', '::ffff:169.254.169.254', true)).toContain('link-local');
    expect(addressRefusal('x', '224.0.0.1', true)).toContain('a multicast address');
    expect(addressRefusal('x', '0.0.0.0', true)).toContain('an unspecified address');
  });
});

describe('nameRefusal', () => {
  it.each(['localhost', 'localhost.', 'LocalHost.', 'app.localhost', 'app.localhost.'])(
    'should refuse %s by its name unless the site is local',
    (host) => {
      expect(nameRefusal(host, false)).toBe(
        `${host} is a loopback name: only public addresses are contacted unless the site is marked local`,
      );
      expect(nameRefusal(host, true)).toBeNull();
    },
  );

  it('should leave other names to what they resolve to', () => {
    expect(nameRefusal('news.example.org.', false)).toBeNull();
    expect(nameRefusal('notlocalhost', false)).toBeNull();
    expect(nameRefusal('localhost.example.org', false)).toBeNull();
  });
});
