import qrcode from 'qrcode-generator';

/**
 * A QR code of the text as an image's data URL (which the app's Content-Security-Policy allows for images),
 * drawn in the browser: the secret in it never leaves the page.
 */
export function qrDataUrl(text: string): string {
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  return code.createDataURL(4, 8);
}
