/**
 * The --hash-user-id schemes against values computed outside Node. PHP is not installed on this machine,
 * so the key-first vectors come from Python (`hmac.new(key, msg, hashlib.sha256).hexdigest()` and
 * `hashlib.sha256(a + b).hexdigest()`) and were checked with OpenSSL (`printf 'u-1' | openssl dgst
 * -sha256 -hmac "$KEY"`, `printf '%s' "${KEY}u-1" | openssl dgst -sha256`); the HMAC vector of `secret`
 * over `Message` is the published one (README, helpcrunch-api.md).
 */
import { describe, expect, it } from 'vitest';
import { describeHashing, hashingSettings, hashUserId, secretFingerprint } from '../../../src/rows/hash-user-id.js';

const KEY = 'hc-test-salt-0123456789';

describe('hashUserId', () => {
  it('HMAC-SHA256 keyed by the secret over the id: the published vector', () => {
    expect(hashUserId({ scheme: 'hmac-sha256', secret: 'secret', prefix: '' }, 'Message')).toBe(
      'aa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597',
    );
  });

  it('is not the swapped-argument HMAC (PHP hash_hmac with key and message exchanged)', () => {
    // python3: hmac.new(b'Message', b'secret', hashlib.sha256).hexdigest()
    const swapped = 'c8d9a91049deac730c25048c554d22084a4f31a5ace5d9e6e7bb7f1489d7e580';
    expect(hashUserId({ scheme: 'hmac-sha256', secret: 'secret', prefix: '' }, 'Message')).not.toBe(swapped);
    expect(hashUserId({ scheme: 'hmac-sha256', secret: 'Message', prefix: '' }, 'secret')).toBe(swapped);
  });

  // python3 -c "import hmac,hashlib; k=b'hc-test-salt-0123456789'; d='<id>'.encode();
  //   print(hmac.new(k,d,hashlib.sha256).hexdigest(), hashlib.sha256(k+d).hexdigest(), hashlib.sha256(d+k).hexdigest())"
  it.each([
    [
      'u-1',
      '899f61693f6483e09e264c33d281040b8c47b59ade549fe214f5ae0ba67affc2',
      '4236cc1269277a18cf323e20fd4e9c6e78542ee9dff99ddb0df267f82bf414ca',
      '0ac2eb6215e2458fe51018fcf36f0962f36adff3b61ce2eef1351a92565b4efc',
    ],
    [
      '12345',
      '09f5ea2804bf89ab22e4f7a2155fb03b791f9d633ef20cf65f04a722b1eb08b8',
      '730635387a80b00a2a7163290df5b156d121fcd748879ce7f664f7fb4c30a0cc',
      'b0201b6d642855c6dad37bc3f4583d3a424f186f1e0cd276576a9139f10c2f9a',
    ],
    [
      'José',
      '37749875fde5549c31470b29d4861ac0240866657a0ce712084dc110fc16d6c1',
      '25141d3546a3806c98d1f0904a03ba81d396ccc712578a6b1bca660c74b8d4e8',
      'e959671cd079ec1ded3448a93cedfe5a6bccae07957a3b664b1b42b889dd1feb',
    ],
    [
      'user@example.com',
      '0e3806f596186116d0697ce5ec6888434eff13fd040a9e1ee880468fece5cb04',
      '903ad223f0c5a0c7c03923d61a3b49d6ee573a00f4a574d4379fd12a21e1c851',
      'c826dda313b1d5293ebbd99159eb38b2f49fab24af3272c40edb2a209ba313bc',
    ],
  ])('%s: hmac, salt first, salt last', (id, hmac, first, last) => {
    expect(hashUserId({ scheme: 'hmac-sha256', secret: KEY, prefix: '' }, id)).toBe(hmac);
    expect(hashUserId({ scheme: 'sha256-salt-first', secret: KEY, prefix: '' }, id)).toBe(first);
    expect(hashUserId({ scheme: 'sha256-salt-last', secret: KEY, prefix: '' }, id)).toBe(last);
  });

  it('keys with the UTF-8 bytes of a non-ASCII secret', () => {
    // python3: hmac.new('clé-secrète-ü'.encode(), 'Müller'.encode(), hashlib.sha256).hexdigest()
    expect(hashUserId({ scheme: 'hmac-sha256', secret: 'clé-secrète-ü', prefix: '' }, 'Müller')).toBe(
      'f0648be022ccbe5f905c0771f036116a94e6c5d826a34bedc47cb215ab8f9fe7',
    );
  });

  it('puts the prefix in front of the hex, and hashes the id without it', () => {
    const plain = hashUserId({ scheme: 'sha256-salt-last', secret: KEY, prefix: '' }, 'u-1');
    expect(hashUserId({ scheme: 'sha256-salt-last', secret: KEY, prefix: 'h1_' }, 'u-1')).toBe(`h1_${plain}`);
    expect(plain).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the secret as the reports show it', () => {
  it('is the first 8 hex of sha256("hc-import:" + secret)', () => {
    // python3: hashlib.sha256(b'hc-import:' + secret).hexdigest()[:8]
    expect(secretFingerprint('secret')).toBe('21ff2e7e');
    expect(secretFingerprint(KEY)).toBe('838669b6');
  });

  it('never holds the secret in the summary or the journal settings', () => {
    const hashing = { scheme: 'hmac-sha256', secret: KEY, prefix: 'h1_', keepOriginalIdAs: 'site_id' } as const;
    expect(describeHashing(hashing)).toEqual({
      scheme: 'hmac-sha256',
      prefix: 'h1_',
      secretFingerprint: '838669b6',
      keepOriginalIdAs: 'site_id',
    });
    expect(hashingSettings(hashing)).toEqual({
      hashScheme: 'hmac-sha256',
      hashPrefix: 'h1_',
      hashSecretFingerprint: '838669b6',
      keepOriginalIdAs: 'site_id',
    });
    expect(JSON.stringify([describeHashing(hashing), hashingSettings(hashing)])).not.toContain(KEY);
  });

  it('leaves an empty prefix and an unset property out of the journal settings, and everything without hashing', () => {
    expect(hashingSettings({ scheme: 'sha256-salt-first', secret: KEY, prefix: '' })).toEqual({
      hashScheme: 'sha256-salt-first',
      hashSecretFingerprint: '838669b6',
    });
    expect(hashingSettings(undefined)).toEqual({});
  });
});
