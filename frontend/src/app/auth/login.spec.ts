import { safeReturnUrl } from './login';

describe('safeReturnUrl', () => {
  it('keeps paths inside the app', () => {
    expect(safeReturnUrl('/my-data?page=2')).toBe('/my-data?page=2');
  });

  it('refuses anything that would leave the app', () => {
    for (const url of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', null]) {
      expect(safeReturnUrl(url)).toBe('/my-data');
    }
  });
});
