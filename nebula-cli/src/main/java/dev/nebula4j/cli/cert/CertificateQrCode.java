package dev.nebula4j.cli.cert;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.Map;

/**
 * The {@code -out-qr} image of {@code ca}, {@code sign} and {@code print}: certificate PEM text
 * as a QR code PNG, drawn as Go's nebula-cert draws it (go-qrcode with size -5).
 *
 * <ul>
 *   <li>Error correction level M (Medium, about 15% of the symbol recoverable).
 *   <li>Each module 5 × 5 pixels, a quiet zone of 4 white modules on every side, so the image is
 *       {@code 5 * (17 + 4 * version + 8)} pixels square; black on white, 1-bit PNG.
 *   <li>The smallest symbol version that holds the text, with the text split into numeric,
 *       alphanumeric and byte segments where that saves room (zxing's minimal encoding). Go
 *       segments with a heuristic, so for some certificates our symbol is one version smaller
 *       than Go's; any QR reader decodes both to the same text.
 * </ul>
 *
 * <p>{@link OutQrOption} writes the file as Go's {@code ioutil.WriteFile(path, png, 0600)}:
 * created with mode 0600, or an existing file overwritten in place (keeping its mode).
 */
final class CertificateQrCode {
  /** Pixels per module side: go-qrcode's {@code Encode(content, level, -5)}. */
  static final int MODULE_PIXELS = 5;
  /** White modules around the symbol on every side (go-qrcode and the QR standard: 4). */
  static final int QUIET_ZONE_MODULES = 4;

  private CertificateQrCode() {}

  /**
   * {@code text} as a QR code PNG.
   *
   * @throws CliException with Go's {@code error while generating qr code: content too long to
   *     encode} if the text does not fit the largest QR code (version 40, level M)
   */
  static byte[] png(String text) throws CliException {
    QRCode code;
    try {
      code = Encoder.encode(text, ErrorCorrectionLevel.M,
          Map.of(EncodeHintType.QR_COMPACT, Boolean.TRUE));
    } catch (WriterException e) {
      // the only way ASCII PEM text fails to encode is by length; Go's wording for it
      throw CliException.error("error while generating qr code: content too long to encode");
    }
    ByteMatrix matrix = code.getMatrix();
    int modules = matrix.getWidth();
    int side = (modules + 2 * QUIET_ZONE_MODULES) * MODULE_PIXELS;
    return BilevelPng.encode(side, side, (x, y) -> {
      int mx = x / MODULE_PIXELS - QUIET_ZONE_MODULES;
      int my = y / MODULE_PIXELS - QUIET_ZONE_MODULES;
      return mx >= 0 && my >= 0 && mx < modules && my < modules && matrix.get(mx, my) == 1;
    });
  }
}
