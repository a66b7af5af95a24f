import { checkUrl, isPrivateAddress, parseAllowEntry } from './index';

describe('checkUrl', () => {
  // bad-inputs §2: every spelling is refused by checkUrl alone, before any DNS lookup or connection.
  it.each([
    // loopback spellings
    ['http://127.0.0.1/', 'URL_PRIVATE_ADDRESS'],
    ['http://127.1/', 'URL_PRIVATE_ADDRESS'],
    ['http://0/', 'URL_PRIVATE_ADDRESS'],
    ['http://0.0.0.0/', 'URL_PRIVATE_ADDRESS'],
    ['http://2130706433/', 'URL_PRIVATE_ADDRESS'],
    ['http://0x7f000001/', 'URL_PRIVATE_ADDRESS'],
    ['http://0x7f.1/', 'URL_PRIVATE_ADDRESS'],
    ['http://017700000001/', 'URL_PRIVATE_ADDRESS'],
    ['http://localhost/', 'URL_INTERNAL_HOST'],
    ['http://LOCALHOST./', 'URL_INTERNAL_HOST'],
    ['http://[::1]/', 'URL_PRIVATE_ADDRESS'],
    ['http://[::]/', 'URL_PRIVATE_ADDRESS'],
    ['http://[::ffff:127.0.0.1]/', 'URL_PRIVATE_ADDRESS'],
    ['http://[::ffff:7f00:1]/', 'URL_PRIVATE_ADDRESS'],
    ['http://[0:0:0:0:0:ffff:127.0.0.1]/', 'URL_PRIVATE_ADDRESS'],
    // link-local and metadata
    ['http://169.254.169.254/latest/meta-data/', 'URL_PRIVATE_ADDRESS'],
    ['http://[fe80::1%25eth0]/', 'URL_INVALID'],
    ['http://[fe80::1]/', 'URL_PRIVATE_ADDRESS'],
    ['http://metadata.google.internal/', 'URL_INTERNAL_HOST'],
    ['http://[fd00:ec2::254]/', 'URL_PRIVATE_ADDRESS'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'URL_PRIVATE_ADDRESS'],
    ['http://[2002:a9fe:a9fe::]/', 'URL_PRIVATE_ADDRESS'],
    // private and shared ranges
    ['http://10.0.0.1/', 'URL_PRIVATE_ADDRESS'],
    ['http://172.16.0.1/', 'URL_PRIVATE_ADDRESS'],
    ['http://192.168.1.1/', 'URL_PRIVATE_ADDRESS'],
    ['http://100.64.0.1/', 'URL_PRIVATE_ADDRESS'],
    ['http://198.18.0.1/', 'URL_PRIVATE_ADDRESS'],
    ['http://[fc00::1]/', 'URL_PRIVATE_ADDRESS'],
    // internal names
    ['http://kafka:9092/', 'URL_INTERNAL_HOST'],
    ['http://redis:6379/', 'URL_INTERNAL_HOST'],
    ['http://classifier:3000/health', 'URL_INTERNAL_HOST'],
    ['http://kubernetes.default.svc/', 'URL_INTERNAL_HOST'],
    ['http://127.0.0.1.nip.io/', 'URL_INTERNAL_HOST'],
    // schemes
    ['file:///etc/passwd', 'URL_SCHEME'],
    ['gopher://127.0.0.1:6379/_FLUSHALL', 'URL_SCHEME'],
    ['ftp://files.example/x', 'URL_SCHEME'],
    ['dict://127.0.0.1:11211/stat', 'URL_SCHEME'],
    ['data:text/plain,hi', 'URL_SCHEME'],
    ['javascript:alert(1)', 'URL_SCHEME'],
    ['ws://feeds.example/', 'URL_SCHEME'],
    // parser confusion
    ['http://evil.example@127.0.0.1/', 'URL_CREDENTIALS'],
    ['http://127.0.0.1#@evil.example/', 'URL_PRIVATE_ADDRESS'],
    ['http://127.0.0.1:80\\@evil.example/', 'URL_PRIVATE_ADDRESS'],
    ['http://evil.example%2f@127.0.0.1', 'URL_CREDENTIALS'],
    ['https://user:pass@hooks.slack.com/x', 'URL_CREDENTIALS'],
    // size and look-alikes
    [`https://feeds.example/${'a'.repeat(100_000)}`, 'URL_TOO_LONG'],
    ['https://pf\u0456zer.com/', 'URL_HOMOGRAPH'],
    ['not a url', 'URL_INVALID'],
    ['http://feeds.example/\r\nHost: x', 'URL_INVALID'],
  ])('should refuse %s with %s', (url, code) => {
    const r = checkUrl(url, {});
    expect(r).toMatchObject({ ok: false, code });
  });

  it.each(['https://feeds.example/rss', 'http://93.184.216.34/feed', 'https://hooks.slack.com.evil.example/services/x', 'https://münchen.example/feed', 'http://[2606:4700::1111]/'])(
    'should accept %s when it is a public address or name',
    (url) => {
      expect(checkUrl(url, {}).ok).toBe(true);
    },
  );

  it('should accept a private host when the policy names it', () => {
    expect(checkUrl('http://127.0.0.1:8080/feed', { allowPrivateHosts: ['127.0.0.1'] }).ok).toBe(true);
    expect(checkUrl('http://2130706433:8080/feed', { allowPrivateHosts: ['127.0.0.1'] }).ok).toBe(true);
    expect(checkUrl('http://10.0.0.1/feed', { allowPrivateHosts: ['127.0.0.1'] }).ok).toBe(false);
  });

  it('should admit only the named port when the policy names host:port', () => {
    const policy = { allowPrivateHosts: ['127.0.0.1:8080', '[::1]:9000', 'feeds.lan:443'] };
    expect(checkUrl('http://127.0.0.1:8080/feed', policy).ok).toBe(true);
    expect(checkUrl('http://2130706433:8080/feed', policy).ok).toBe(true);
    expect(checkUrl('http://[::1]:9000/feed', policy).ok).toBe(true);
    expect(checkUrl('https://feeds.lan/feed', policy).ok).toBe(true);
    expect(checkUrl('http://127.0.0.1:8081/admin', policy)).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(checkUrl('http://127.0.0.1/admin', policy)).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(checkUrl('http://[::1]:9001/', policy)).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(checkUrl('http://feeds.lan/feed', policy)).toMatchObject({ ok: false, code: 'URL_INTERNAL_HOST' });
  });
});

describe('parseAllowEntry', () => {
  it.each([
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['2130706433:80', { host: '127.0.0.1', port: 80 }],
    ['Feeds.LAN.:443', { host: 'feeds.lan', port: 443 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
    ['127.0.0.1', { host: '127.0.0.1', port: null }],
    ['::1', { host: '::1', port: null }],
  ])('should read %s', (entry, expected) => {
    expect(parseAllowEntry(entry)).toEqual(expected);
  });

  it.each(['', ':80', '127.0.0.1:0', '127.0.0.1:70000', 'http://127.0.0.1:80', '127.0.0.1:80/admin', 'user@127.0.0.1:80', '[::1'])('should refuse %j', (entry) => {
    expect(parseAllowEntry(entry)).toBeNull();
  });
});

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '0.0.0.0', '10.1.2.3', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '100.127.255.255',
    '198.18.0.1', '198.19.255.255', '192.0.2.1', '198.51.100.1', '203.0.113.1', '224.0.0.1', '255.255.255.255', '::1', '::', '::ffff:127.0.0.1',
    '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '64:ff9b::7f00:1', '64:ff9b:1::1', '2002:a9fe:a9fe::', '2002:c0a8:0101::1', 'fc00::1',
    'fd00:ec2::254', 'fe80::1', 'fe80::1%eth0', 'ff02::1', '2001:db8::1', '2001::1', '::127.0.0.1', 'not-an-ip', '',
  ])('should treat %s as internal', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:0808:0808::1'])(
    'should treat %s as public',
    (ip) => {
      expect(isPrivateAddress(ip)).toBe(false);
    },
  );
});
