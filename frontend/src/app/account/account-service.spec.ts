import { deviceOf } from './account-service';

describe('deviceOf', () => {
  it('names the browser and the system', () => {
    expect(deviceOf('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox on Linux',
    );
    expect(
      deviceOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iPhone');
  });

  it('says so when the browser said nothing', () => {
    expect(deviceOf(null)).toBe('Unknown device');
    expect(deviceOf('curl/8.5.0')).toBe('curl');
  });
});
