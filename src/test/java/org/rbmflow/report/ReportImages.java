package org.rbmflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Test helper: checks that a PNG is readable, of the expected size and not blank, and reads an index's images. */
public final class ReportImages {
  private static final Pattern IMG = Pattern.compile("<img\\s+src=\"([^\"]+)\"\\s+width=\"(\\d+)\"\\s+height=\"(\\d+)\"");

  /** An {@code <img>} of an index: file and declared size in pixels. */
  public record Img(String src, int width, int height) {}

  private ReportImages() {}

  /** A valid PNG of {@code width}×{@code height} with many colours and a fair share of non-white pixels. */
  public static void assertDrawn(Path file, int width, int height) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    BufferedImage img = ImageIO.read(file.toFile());
    assertNotNull(img, file + " is an image");
    assertEquals(width, img.getWidth(), file + " width");
    assertEquals(height, img.getHeight(), file + " height");
    int colours = colours(img);
    assertTrue(colours > 50, file + ": only " + colours + " distinct colours");
    double fraction = nonWhite(img);
    assertTrue(fraction > 0.03, file + ": only " + fraction + " of the pixels are not white");
  }

  /** The number of distinct RGB colours of {@code img} (1 for a blank image). */
  public static int colours(BufferedImage img) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        colours.add(img.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  /** The fraction of the pixels of {@code img} that are not white. */
  public static double nonWhite(BufferedImage img) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) {
          n++;
        }
      }
    }
    return n / (double) (img.getWidth() * img.getHeight());
  }

  /** Every {@code <img>} of an index written by {@link HtmlIndex}, in order. */
  public static List<Img> images(Path html) throws IOException {
    String text = Files.readString(html, StandardCharsets.UTF_8);
    Matcher m = IMG.matcher(text);
    List<Img> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Img(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }
    assertEquals(text.split("<img", -1).length - 1, out.size(), "every <img> has src, width and height");
    return out;
  }

  /** The {@code src} of every {@code <img>} in an index, in order. */
  public static List<String> imageSources(Path html) throws IOException {
    return images(html).stream().map(Img::src).toList();
  }
}
