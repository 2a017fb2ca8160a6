package org.rbmflow.report;

/** One figure of the report: a PNG that was drawn, or the sentence that stands in for a figure without data. */
public sealed interface Figure {
  String title();

  /**
   * A PNG in the report directory.
   *
   * @param file    file name, relative to the report directory
   * @param width   pixels
   * @param height  pixels
   * @param caption what the figure shows (plain text)
   */
  record Image(String title, String file, int width, int height, String caption) implements Figure {}

  /** A figure that was not drawn, and why (plain text, a sentence). */
  record Missing(String title, String reason) implements Figure {}
}
