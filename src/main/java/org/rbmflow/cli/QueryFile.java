package org.rbmflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.rbmflow.service.SqlService;

/**
 * Reads {@code sql --file Q.sql} ({@code -} for standard input): UTF-8 text of at most {@link SqlService#MAX_QUERY_BYTES}.
 * Reads one byte past the limit and no further, so a huge file or an endless pipe costs nothing.
 */
final class QueryFile {
  private QueryFile() {}

  static String read(String file, InputStream stdin) {
    String name = file.equals("-") ? "standard input" : "'" + file + "'";
    byte[] bytes;
    try {
      if (file.equals("-")) {
        bytes = stdin.readNBytes(SqlService.MAX_QUERY_BYTES + 1);
      } else {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
          bytes = in.readNBytes(SqlService.MAX_QUERY_BYTES + 1);
        }
      }
    } catch (NoSuchFileException e) {
      throw new UsageException("--file: " + name + " does not exist; expected a file holding one SQL query");
    } catch (IOException | RuntimeException e) {
      throw new UsageException("--file: " + name + " cannot be read: " + e.getMessage());
    }
    if (bytes.length > SqlService.MAX_QUERY_BYTES) {
      throw new UsageException("--file: " + name + " holds more than " + SqlService.MAX_QUERY_BYTES
          + " bytes; allowed: a query of at most 256 KiB");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int at = Math.min(in.position(), bytes.length - 1);
      throw new UsageException("--file: " + name + " is not UTF-8 text (invalid byte 0x"
          + String.format("%02x", bytes[at] & 0xff) + " at offset " + at + "); save the query as UTF-8");
    }
  }
}
