package dev.nebula4j.cli.cert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A black-and-white image as a PNG file: bit depth 1, a two-entry palette (index 0 white, 1
 * black), no interlacing, every row unfiltered, zlib at best compression. That is the PNG layout
 * Go's {@code image/png} writes for the QR codes of {@code nebula-cert -out-qr}, written here with
 * {@code java.util.zip} alone so the CLI does not need the {@code java.desktop} module.
 */
final class BilevelPng {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte BIT_DEPTH = 1;
  private static final byte COLOR_TYPE_PALETTE = 3;
  private static final byte FILTER_NONE = 0;
  private static final byte[] PALETTE_WHITE_BLACK = {
      (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0};

  /** The image to encode: which pixels are black. */
  @FunctionalInterface
  interface Pixels {
    /** True if pixel ({@code x}, {@code y}), origin top left, is black. */
    boolean isBlack(int x, int y);
  }

  private BilevelPng() {}

  /**
   * Encodes a {@code width} × {@code height} image.
   *
   * @throws IllegalArgumentException if a dimension is not positive
   */
  static byte[] encode(int width, int height, Pixels pixels) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("PNG dimensions must be positive, have " + width + "x"
          + height);
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(SIGNATURE);
    byte[] header = new byte[13];
    putInt(header, 0, width);
    putInt(header, 4, height);
    header[8] = BIT_DEPTH;
    header[9] = COLOR_TYPE_PALETTE;
    // bytes 10..12: deflate compression, adaptive filtering (method 0), no interlace
    chunk(png, "IHDR", header);
    chunk(png, "PLTE", PALETTE_WHITE_BLACK);
    chunk(png, "IDAT", imageData(width, height, pixels));
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  /** The zlib stream of all rows, each a filter-type byte then the pixels packed MSB first. */
  private static byte[] imageData(int width, int height, Pixels pixels) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, deflater)) {
      byte[] row = new byte[1 + (width + 7) / 8];
      for (int y = 0; y < height; y++) {
        Arrays.fill(row, (byte) 0);
        row[0] = FILTER_NONE;
        for (int x = 0; x < width; x++) {
          if (pixels.isBlack(x, y)) {
            row[1 + x / 8] |= (byte) (0x80 >>> (x % 8));
          }
        }
        zlib.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deflating into memory cannot fail", e);
    } finally {
      deflater.end();
    }
    return compressed.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    byte[] length = new byte[4];
    putInt(length, 0, data.length);
    png.writeBytes(length);
    png.writeBytes(typeBytes);
    png.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    byte[] crcBytes = new byte[4];
    putInt(crcBytes, 0, (int) crc.getValue());
    png.writeBytes(crcBytes);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
