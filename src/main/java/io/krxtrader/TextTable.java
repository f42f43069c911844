package io.krxtrader;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row and columns padded to their widest cell. */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean[] rightAligned;

  public TextTable(String... header) {
    this.header = List.of(header);
    this.rightAligned = new boolean[header.length];
  }

  /** Right-aligns the given columns (numbers). */
  public TextTable rightAlign(int... columns) {
    for (int column : columns) {
      rightAligned[column] = true;
    }
    return this;
  }

  public TextTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, header has " + header.size());
    }
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "" : cell.toString());
    }
    rows.add(row);
    return this;
  }

  public void print(PrintWriter out, String indent) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = width(header.get(i));
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], width(row.get(i)));
      }
    }
    printRow(out, indent, header, widths);
    for (List<String> row : rows) {
      printRow(out, indent, row, widths);
    }
    out.flush();
  }

  /**
   * The columns a cell takes on a terminal: Hangul, CJK and full-width characters take two (a
   * stock's Korean name must not push the next column).
   */
  public static int width(String cell) {
    int width = 0;
    for (int i = 0; i < cell.length(); ) {
      int c = cell.codePointAt(i);
      i += Character.charCount(c);
      boolean wide =
          (c >= 0x1100 && c <= 0x115F)
              || (c >= 0x2E80 && c <= 0xA4CF)
              || (c >= 0xAC00 && c <= 0xD7A3)
              || (c >= 0xF900 && c <= 0xFAFF)
              || (c >= 0xFE30 && c <= 0xFE4F)
              || (c >= 0xFF00 && c <= 0xFF60)
              || (c >= 0xFFE0 && c <= 0xFFE6);
      width += wide ? 2 : 1;
    }
    return width;
  }

  private void printRow(PrintWriter out, String indent, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - width(cell));
      line.append(rightAligned[i] ? pad + cell : cell + (i == cells.size() - 1 ? "" : pad));
      if (i < cells.size() - 1) {
        line.append("  ");
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
