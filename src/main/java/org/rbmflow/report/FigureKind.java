package org.rbmflow.report;

import java.io.IOException;
import java.nio.file.Path;

/** One kind of figure: draws its PNGs from the report data into a directory. */
interface FigureKind {
  /** Draws every figure of this kind into {@code dir}; a figure without data becomes a {@link Figure.Missing}. */
  Section draw(ReportData data, Path dir) throws IOException;
}
