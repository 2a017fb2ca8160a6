package org.rbmflow.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the text files a user names on the command line (a job spec, a query file) strictly as UTF-8: a file that
 * is not UTF-8 text, too large or unreadable is bad input ({@link UsageException}: exit 2, one line naming the
 * option, the file, the first bad byte and its offset), never a lenient decoding with replacement characters or an
 * exception trace.
 */
final class TextFiles {
  /** Largest file read: far above any spec or query, far below what would strain the heap. */
  static final long MAX_BYTES = 16L << 20;

  private TextFiles() {}

  /**
   * The file's text.
   *
   * @param file     the file
   * @param option   the option or parameter that named it, for the message (e.g. {@code JOB.yaml})
   * @param expected what the file should be, for the message (e.g. {@code a UTF-8 YAML file})
   * @throws UsageException when the file cannot be read, is larger than {@link #MAX_BYTES} or is not UTF-8
   */
  static String readUtf8(Path file, String option, String expected) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new UsageException(option + ": '" + file + "' is " + size + " bytes; expected " + expected
            + " of at most " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException(option + ": '" + file + "' cannot be read (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + "); expected " + expected);
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = utf8.decode(in, out, true);
    if (!r.isError()) {
      r = utf8.flush(out);
    }
    if (r.isError()) {
      // the decoder stops with the input positioned at the first byte of the bad sequence
      // (a sequence cut off by the end of the file is reported at its first byte too)
      int at = in.position();
      throw new UsageException(String.format(Locale.ROOT, "%s: '%s' is not UTF-8 text (invalid byte 0x%02X at offset %d);"
          + " expected %s", option, file, bytes[at] & 0xFF, at, expected));
    }
    return out.flip().toString();
  }
}
