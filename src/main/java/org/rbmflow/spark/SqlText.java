package org.rbmflow.spark;

import java.nio.charset.StandardCharsets;

/**
 * The checks on SQL text that come before Spark's parser sees it: not empty, at most {@link SqlGuard#MAX_BYTES},
 * brackets nested at most {@link SqlGuard#MAX_NESTING} deep and one statement only. The parser recurses once per
 * bracket level and a thousand levels overflow its stack, so the depth is counted here, on the raw text, skipping
 * string literals, quoted identifiers and comments the way Spark's lexer does.
 */
final class SqlText {
  private static final int MAX_BYTES = SqlGuard.MAX_BYTES;
  private static final int MAX_NESTING = SqlGuard.MAX_NESTING;

  private final String text;
  private int at;

  private SqlText(String text) {
    this.text = text;
  }

  /** Throws {@link SqlRefusedException} unless {@code text} is one statement within the limits. */
  static void check(String text) {
    if (text == null || text.isBlank()) {
      throw new SqlRefusedException("empty; expected a query such as \"SELECT * FROM points\"");
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new SqlRefusedException(bytes + " bytes is more than the " + MAX_BYTES + " (256 KiB) allowed");
    }
    new SqlText(text).scan();
  }

  private void scan() {
    int depth = 0;
    int statementEnd = -1;
    boolean tokens = false;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (Character.isWhitespace(c)) {
        at++;
        continue;
      }
      if (c == '-' && next() == '-') {
        skipLine();
        continue;
      }
      if (c == '/' && next() == '*') {
        skipComment();
        continue;
      }
      if (c == ';') {
        statementEnd = statementEnd < 0 ? at : statementEnd;
        at++;
        continue;
      }
      if (statementEnd >= 0) {
        throw new SqlRefusedException("more than one statement (a ';' at " + position(statementEnd)
            + " is followed by more SQL); SQL scripts and statement lists are not allowed, send one query");
      }
      tokens = true;
      if (c == '\'' || c == '"') {
        skipString(c, isRawPrefix());
        continue;
      }
      if (c == '`') {
        skipQuoted();
        continue;
      }
      if (c == '(' || c == '[') {
        if (++depth > MAX_NESTING) {
          throw new SqlRefusedException("brackets nested more than " + MAX_NESTING + " deep (at " + position(at)
              + "); allowed: at most " + MAX_NESTING + " levels of ( and [");
        }
      } else if (c == ')' || c == ']') {
        depth = Math.max(0, depth - 1);
      }
      at++;
    }
    if (!tokens) {
      throw new SqlRefusedException("holds only comments; expected a query such as \"SELECT * FROM points\"");
    }
  }

  private char next() {
    return at + 1 < text.length() ? text.charAt(at + 1) : '\0';
  }

  private void skipLine() {
    while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
      at++;
    }
  }

  /** Spark's bracketed comments nest; an unclosed one runs to the end (the parser then reports it). */
  private void skipComment() {
    int level = 0;
    while (at < text.length()) {
      if (text.startsWith("/*", at)) {
        level++;
        at += 2;
      } else if (text.startsWith("*/", at)) {
        at += 2;
        if (--level == 0) {
          return;
        }
      } else {
        at++;
      }
    }
  }

  /** A quote right after a lone r or R opens a raw string, in which a backslash escapes nothing. */
  private boolean isRawPrefix() {
    if (at == 0 || (text.charAt(at - 1) != 'r' && text.charAt(at - 1) != 'R')) {
      return false;
    }
    return at == 1 || !isIdentifierPart(text.charAt(at - 2));
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private void skipString(char quote, boolean raw) {
    at++;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\\' && !raw) {
        at += 2;
      } else {
        at++;
        if (c == quote) {
          return;
        }
      }
    }
  }

  /** A backquoted identifier; a doubled backquote stands for one. */
  private void skipQuoted() {
    at++;
    while (at < text.length()) {
      if (text.charAt(at) == '`') {
        if (next() != '`') {
          at++;
          return;
        }
        at++;
      }
      at++;
    }
  }

  private String position(int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return "line " + line + ", column " + (index - lineStart + 1);
  }
}
