package dev.nebula4j.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link BilevelPng} read back by the JDK's own PNG decoder. */
class BilevelPngTest {

  @Property(tries = 60)
  void imageIoReadsBackEveryPixel(@ForAll @IntRange(min = 1, max = 41) int width,
      @ForAll @IntRange(min = 1, max = 23) int height, @ForAll long seed) throws IOException {
    BitSet black = BitSet.valueOf(new long[] {seed, seed * 31 + 7, ~seed, seed >>> 3,
        seed * 17, seed ^ 0x5555_5555_5555_5555L, seed * 13, -seed, seed + 1, seed * 5,
        seed * 3, seed ^ 0x0f0f_0f0f_0f0f_0f0fL, seed * 7, seed * 11, seed * 19});
    byte[] png = BilevelPng.encode(width, height, (x, y) -> black.get(y * width + x));

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int expected = black.get(y * width + x) ? 0x000000 : 0xffffff;
        assertThat(image.getRGB(x, y) & 0xffffff).as("pixel %d,%d", x, y).isEqualTo(expected);
      }
    }
  }

  @Test
  void headerIsA1BitPalettePng() {
    byte[] png = BilevelPng.encode(9, 2, (x, y) -> x == y);
    // signature; IHDR: length 13, 9 x 2 pixels, bit depth 1, palette, deflate, filter 0, no
    // interlace; then PLTE: white, black
    assertThat(png).startsWith(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
        0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 9, 0, 0, 0, 2, 1, 3, 0, 0, 0));
    assertThat(Arrays.copyOfRange(png, 33, 47)).containsExactly(
        bytes(0, 0, 0, 6, 'P', 'L', 'T', 'E', 0xff, 0xff, 0xff, 0, 0, 0));
    assertThatThrownBy(() -> BilevelPng.encode(0, 5, (x, y) -> false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x5");
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
