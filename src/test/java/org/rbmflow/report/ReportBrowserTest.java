package org.rbmflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rbmflow.Prerequisites;
import org.rbmflow.SmallSweep;

/**
 * The report of a real small sweep ({@link SmallSweep}) opened in headless Chromium: every {@code <img>} loads
 * (naturalWidth &gt; 0), no resource fails to load, and a screenshot of the page, saved as
 * {@code report/screenshot.png}, is not blank. A copy of the index with one image renamed shows the check sees a
 * broken image. Skipped, with the reason, where Chromium is not installed ({@code .ci/run} installs Debian's
 * {@code chromium}).
 */
class ReportBrowserTest {
  /**
   * Put first in {@code <head>}: records every resource that fails to load, and once the page has loaded writes
   * {@code <pre id="rbmflow-check">images=N broken=M failed=K [names]</pre>} into it.
   */
  private static final String PROBE = """
      <script>
      var rbmflowFailed = [];
      addEventListener("error", function (e) {
        if (e.target !== window) rbmflowFailed.push(e.target.src || e.target.href || e.target.tagName);
      }, true);
      addEventListener("load", function () {
        var images = Array.from(document.images);
        var broken = images.filter(function (i) { return !i.complete || i.naturalWidth === 0; })
            .map(function (i) { return i.getAttribute("src"); });
        var pre = document.createElement("pre");
        pre.id = "rbmflow-check";
        pre.textContent = "images=" + images.length + " broken=" + broken.length + " failed=" + rbmflowFailed.length
            + " " + JSON.stringify(broken.concat(rbmflowFailed));
        document.body.appendChild(pre);
      });
      </script>
      """;
  private static final Pattern CHECK =
      Pattern.compile("<pre id=\"rbmflow-check\">images=(\\d+) broken=(\\d+) failed=(\\d+) (.*?)</pre>");

  private record Check(int images, int broken, int failed, String names) {}

  @Test
  void everyImageOfTheReportLoadsInChromium(@TempDir Path tmp) throws Exception {
    Optional<HeadlessChromium> found = HeadlessChromium.find(Files.createDirectory(tmp.resolve("chromium-profile")));
    if (found.isEmpty()) {
      Prerequisites.missing("ReportBrowserTest", "no chromium, chromium-browser or google-chrome on the PATH "
          + "(apt-get install chromium)");
    }
    HeadlessChromium chromium = found.orElseThrow();
    Path out = SmallSweep.run(tmp);
    SmallSweep.cli("report", out.toString());
    Path report = out.resolve("report");
    Path index = report.resolve("index.html");
    List<ReportImages.Img> declared = ReportImages.images(index);
    assertTrue(declared.size() >= 8, "figures of the small sweep: " + declared);

    long t0 = System.nanoTime();
    String html = Files.readString(index, StandardCharsets.UTF_8);
    assertTrue(html.contains("<head>"), "index.html has a <head>");
    Path probed = report.resolve("check.html");
    Files.writeString(probed, html.replaceFirst("<head>", "<head>\n" + Matcher.quoteReplacement(PROBE)));
    Check check = check(chromium.dumpDom(probed));
    assertEquals(new Check(declared.size(), 0, 0, "[]"), check, "every <img> of the report loads in Chromium");

    String first = declared.get(0).src();
    Path broken = report.resolve("check-broken.html");
    Files.writeString(broken, Files.readString(probed).replace("src=\"" + first + "\"", "src=\"missing-" + first + "\""));
    Check control = check(chromium.dumpDom(broken));
    assertEquals(1, control.broken(), "the check sees a missing image: " + control);
    assertTrue(control.failed() >= 1 && control.names().contains("missing-" + first), control.toString());

    Path screenshot = report.resolve("screenshot.png");
    chromium.screenshot(index, screenshot, 1280, 2400);
    BufferedImage img = ImageIO.read(screenshot.toFile());
    assertNotNull(img, screenshot + " is a PNG");
    assertEquals(1280, img.getWidth());
    assertTrue(ReportImages.colours(img) > 50 && ReportImages.nonWhite(img) > 0.03,
        screenshot + " is not blank: " + ReportImages.colours(img) + " colours, " + ReportImages.nonWhite(img)
            + " of the pixels not white");
    System.out.println("ReportBrowserTest: " + declared.size() + " images load; Chromium checks and screenshot "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  private static Check check(String dom) {
    Matcher m = CHECK.matcher(dom);
    assertTrue(m.find(), "the probe wrote no result into the page; Chromium's DOM:\n" + dom);
    return new Check(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        m.group(4).replace("&quot;", "\""));
  }
}
