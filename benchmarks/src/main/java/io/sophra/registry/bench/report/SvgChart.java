package io.sophra.registry.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * An SVG chart of the percentiles, written by hand from the rows: one row per subject, a bar each for
 * p50, p99 and p99.9 on a logarithmic time axis (nanoseconds to seconds share one chart).
 */
public final class SvgChart {

  private static final int LABEL_WIDTH = 520;
  private static final int PLOT_WIDTH = 640;
  private static final int ROW_HEIGHT = 22;
  private static final int TOP = 72;
  private static final int BOTTOM = 44;
  private static final String[] COLORS = {"#4c78a8", "#f58518", "#e45756"};
  private static final String[] NAMES = {"p50", "p99", "p99.9"};

  private SvgChart() {
  }

  public static String render(List<Row> rows, String subtitle) {
    List<Row> shown = rows.stream().filter(row -> !Double.isNaN(row.p50()) && row.p50() > 0).toList();
    double low = Math.floor(Math.log10(shown.stream().mapToDouble(Row::p50).min().orElse(10)));
    double high = Math.ceil(Math.log10(shown.stream().mapToDouble(row -> max(row)).max().orElse(1e9)));
    if (high <= low) {
      high = low + 1;
    }
    int width = LABEL_WIDTH + PLOT_WIDTH + 40;
    int height = TOP + shown.size() * ROW_HEIGHT + BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Model Registry benchmarks:"
        + " latency percentiles (log scale)</text>\n");
    svg.append(String.format("<text x=\"10\" y=\"40\" fill=\"#555\">%s</text>%n", escape(subtitle)));
    for (int i = 0; i < NAMES.length; i++) {
      int x = LABEL_WIDTH + i * 90;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"50\" width=\"14\" height=\"8\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"58\">%s</text>%n", x, COLORS[i], x + 18, NAMES[i]));
    }
    for (double decade = low; decade <= high; decade++) {
      double x = x(Math.pow(10, decade), low, high);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
              + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n", x, TOP - 4, x,
          height - BOTTOM + 4, x, height - BOTTOM + 18, decade(decade)));
    }
    String previous = null;
    for (int i = 0; i < shown.size(); i++) {
      Row row = shown.get(i);
      int y = TOP + i * ROW_HEIGHT;
      if (previous != null && !previous.equals(row.benchmark())) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"10\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
            y, width - 10, y));
      }
      previous = row.benchmark();
      String label = row.shortName() + "  " + row.impl() + "  " + row.otherParams();
      svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 15, escape(label)));
      double[] values = {row.p50(), row.p99(), row.p999()};
      for (int k = 0; k < values.length; k++) {
        if (Double.isNaN(values[k])) {
          continue;
        }
        double end = x(values[k], low, high);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"5\" fill=\"%s\">"
                + "<title>%s %s</title></rect>%n", LABEL_WIDTH, y + 3 + k * 6, Math.max(1, end - LABEL_WIDTH),
            COLORS[k], NAMES[k], escape(Table.time(values[k]))));
      }
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String decade(double exponent) {
    String[] units = {"ns", "us", "ms", "s"};
    int e = (int) exponent;
    int unit = Math.min(units.length - 1, Math.max(0, e / 3));
    return String.format(Locale.ROOT, "%d %s", (long) Math.pow(10, e - unit * 3), units[unit]);
  }

  private static double max(Row row) {
    return Double.isNaN(row.p999()) ? row.p50() : row.p999();
  }

  private static double x(double nanos, double low, double high) {
    double position = (Math.log10(Math.max(nanos, 1)) - low) / (high - low);
    return LABEL_WIDTH + Math.max(0, Math.min(1, position)) * PLOT_WIDTH;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
