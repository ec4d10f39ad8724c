package dev.nebula4j.cli.cert;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code PNG read back independently of the code that wrote it: the JDK's ImageIO decodes the
 * PNG, zxing's {@link QRCodeReader} the symbol (text and error correction level). Also measures
 * the drawing: pixels per module, quiet zone and symbol version, checking that every module is a
 * uniform black or white square.
 *
 * <p>The reader runs in zxing's pure-barcode mode (a clean, unrotated rendering with a quiet
 * zone, as both Go's and our files are). Its camera-image detector misses a few percent of such
 * synthetic images, Go's as well as ours (measured: 6 of 150 of Go's, 2 of 150 of ours), which
 * would make a test flaky without saying anything about the file.
 */
record QrPng(String text, String errorCorrectionLevel, int width, int modulePixels,
    int quietZoneModules, int version) {

  static QrPng read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new AssertionError(file + " is not an image ImageIO can read");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    if (w != h) {
      throw new AssertionError(file + " is not square: " + w + "x" + h);
    }
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int p : rgb) {
      int c = p & 0xffffff;
      if (c != 0 && c != 0xffffff) {
        throw new AssertionError(
            file + " has a pixel neither black nor white: " + Integer.toHexString(c));
      }
    }
    // the top-left finder pattern starts at (q, q) and is 7 modules wide
    int q = 0;
    while (q < w && (rgb[q * w + q] & 0xffffff) != 0) {
      q++;
    }
    int run = 0;
    while (q + run < w && (rgb[q * w + q + run] & 0xffffff) == 0) {
      run++;
    }
    if (run == 0 || run % 7 != 0 || q % (run / 7) != 0) {
      throw new AssertionError(file + ": no finder pattern on the diagonal");
    }
    int module = run / 7;
    if (w % module != 0) {
      throw new AssertionError(file + ": width " + w + " is not whole modules of " + module);
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int corner = rgb[(y - y % module) * w + (x - x % module)];
        if (rgb[y * w + x] != corner) {
          throw new AssertionError(file + ": module at pixel " + x + "," + y + " is not uniform");
        }
      }
    }
    int quiet = q / module;
    int version = (w / module - 2 * quiet - 17) / 4;
    Result result = decode(rgb, w, h);
    return new QrPng(result.getText(),
        String.valueOf(result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)),
        w, module, quiet, version);
  }

  private static Result decode(int[] rgb, int w, int h) {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, rgb)));
    try {
      return new QRCodeReader().decode(bitmap, Map.of(
          DecodeHintType.PURE_BARCODE, Boolean.TRUE,
          DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)));
    } catch (NotFoundException e) {
      throw new AssertionError("no QR code found", e);
    } catch (ReaderException e) {
      throw new AssertionError("QR code does not decode", e);
    }
  }
}
