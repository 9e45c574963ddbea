package io.msenas.cli.study;

import static io.msenas.cli.run.ReportPage.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A study's report: the correlation table as text for the terminal, and a self-contained HTML page
 * (inline SVG, no script) with the table, a verdict on {@code rdm-hamming} against the baselines, a
 * scatter plot of validation accuracy against each predictor, and the architectures.
 */
public final class StudyReport {

  private StudyReport() {}

  /** The correlation table as aligned text, with the verdict. */
  public static String table(JsonNode study) {
    StringBuilder text = new StringBuilder();
    JsonNode rows = study.get("correlations");
    text.append(
        String.format(
            Locale.ROOT,
            "study %s %s: %d of %d architectures trained%n",
            study.get("id").asString(),
            study.get("status").asString(),
            study.get("progress").get("succeeded").asInt(),
            study.get("progress").get("architectures").asInt()));
    if (rows.isEmpty()) {
      text.append("too few trained architectures to correlate (3 are needed)\n");
      return text.toString();
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%-20s %-9s %4s  %-26s %-26s%n",
            "predictor",
            "kind",
            "n",
            "Kendall tau [95% CI]",
            "Spearman rho [95% CI]"));
    for (JsonNode r : rows) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-20s %-9s %4d  %-26s %-26s%n",
              r.get("predictor").asString(),
              r.get("kind").asString(),
              r.get("n").asInt(),
              estimate(r.get("kendallTau")),
              estimate(r.get("spearmanRho"))));
    }
    text.append(verdict(study)).append('\n');
    return text.toString();
  }

  /**
   * Whether {@code rdm-hamming} ranks the architectures better than every naive baseline, said
   * plainly: by Kendall's tau, and whether its interval clears theirs. A baseline counts by the
   * size of its tau, either sign: "fewer parameters, better accuracy" predicts as well as its
   * opposite.
   */
  static String verdict(JsonNode study) {
    JsonNode hamming = null;
    List<JsonNode> baselines = new ArrayList<>();
    for (JsonNode r : study.get("correlations")) {
      if (r.get("predictor").asString().equals("rdm-hamming")) {
        hamming = r;
      } else if (r.get("kind").asString().equals("baseline")) {
        baselines.add(r);
      }
    }
    if (hamming == null || hamming.get("kendallTau").get("value").isNull()) {
      return "rdm-hamming: not measured in this study";
    }
    double tau = hamming.get("kendallTau").get("value").asDouble();
    JsonNode best = null;
    for (JsonNode b : baselines) {
      JsonNode v = b.get("kendallTau").get("value");
      if (!v.isNull()
          && (best == null
              || Math.abs(v.asDouble())
                  > Math.abs(best.get("kendallTau").get("value").asDouble()))) {
        best = b;
      }
    }
    if (best == null) {
      return String.format(Locale.ROOT, "rdm-hamming: tau %.3f; no baseline is defined", tau);
    }
    double bestTau = best.get("kendallTau").get("value").asDouble();
    JsonNode low = hamming.get("kendallTau").get("low");
    JsonNode bestLow = best.get("kendallTau").get("low");
    JsonNode bestHigh = best.get("kendallTau").get("high");
    // the baseline's interval in the direction it predicts
    double bestReach =
        bestHigh.isNull() ? Double.NaN : bestTau >= 0 ? bestHigh.asDouble() : -bestLow.asDouble();
    boolean clear = !low.isNull() && !Double.isNaN(bestReach) && low.asDouble() > bestReach;
    String name = best.get("predictor").asString();
    if (tau > Math.abs(bestTau)) {
      return String.format(
          Locale.ROOT,
          "rdm-hamming (tau %.3f) ranks better than the best naive baseline, %s (tau %.3f)%s",
          tau,
          name,
          bestTau,
          clear
              ? ", and its interval lies above that baseline's"
              : "; the intervals overlap, so this study cannot tell them apart");
    }
    return String.format(
        Locale.ROOT,
        "rdm-hamming (tau %.3f) does NOT beat the naive baseline %s (tau %.3f)",
        tau,
        name,
        bestTau);
  }

  private static String estimate(JsonNode e) {
    if (e.get("value").isNull()) {
      return "undefined";
    }
    if (e.get("low").isNull()) {
      return String.format(Locale.ROOT, "%+.3f", e.get("value").asDouble());
    }
    return String.format(
        Locale.ROOT,
        "%+.3f [%+.3f, %+.3f]",
        e.get("value").asDouble(),
        e.get("low").asDouble(),
        e.get("high").asDouble());
  }

  /** The whole page. */
  public static String render(JsonNode study) {
    StringBuilder html = new StringBuilder(65_536);
    String id = study.get("id").asString();
    String status = study.get("status").asString();
    html.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>MSE-NAS study ")
        .append(esc(id))
        .append(
            """
            </title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1f2328;padding:0 1em}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #d0d7de}
            table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #eaeef2;text-align:right}
            th{background:#f6f8fa}td.l,th.l{text-align:left}code{font-size:12px}
            .status{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;background:#6e7781}
            .SUCCEEDED{background:#1a7f37}.FAILED{background:#cf222e}.CANCELLED{background:#9a6700}
            .plots{display:flex;flex-wrap:wrap;gap:12px}svg text{font:11px system-ui,sans-serif}
            </style></head><body>
            """);
    html.append("<h1>MSE-NAS correlation study <code>")
        .append(esc(id))
        .append("</code> <span class=\"status ")
        .append(esc(status))
        .append("\">")
        .append(esc(status))
        .append("</span></h1>\n");
    JsonNode spec = study.get("spec");
    html.append("<p>")
        .append(spec.get("architectures").asInt())
        .append(" seeded random <b>")
        .append(esc(spec.get("preset").asString()))
        .append("</b> architectures (seed ")
        .append(spec.get("seed").asLong())
        .append("), each scored untrained, then trained ")
        .append(spec.get("epochs").asInt())
        .append(" epoch(s) on ")
        .append(esc(spec.get("dataset").asString()))
        .append(" (")
        .append(
            spec.get("trainSamples").asInt() == 0
                ? "every training sample"
                : spec.get("trainSamples").asInt() + " training samples")
        .append(", batch ")
        .append(spec.get("batchSize").asInt())
        .append("). Each predictor is ranked against the best validation accuracy;")
        .append(" intervals are ")
        .append(Math.round(spec.get("confidenceLevel").asDouble() * 100))
        .append("% percentile bootstrap over ")
        .append(spec.get("bootstrapResamples").asInt())
        .append(" resamples.</p>\n");
    html.append("<h2>Rank correlation with validation accuracy</h2>\n");
    JsonNode rows = study.get("correlations");
    if (rows.isEmpty()) {
      html.append("<p>Too few trained architectures to correlate (3 are needed).</p>\n");
    } else {
      html.append(
          "<table><tr><th class=\"l\">predictor</th><th class=\"l\">kind</th><th>n</th>"
              + "<th>Kendall tau</th><th>95% CI</th><th>Spearman rho</th><th>95% CI</th></tr>\n");
      for (JsonNode r : rows) {
        html.append("<tr><td class=\"l\">")
            .append(esc(r.get("predictor").asString()))
            .append("</td><td class=\"l\">")
            .append(esc(r.get("kind").asString()))
            .append("</td><td>")
            .append(r.get("n").asInt())
            .append("</td>")
            .append(estimateCells(r.get("kendallTau")))
            .append(estimateCells(r.get("spearmanRho")))
            .append("</tr>\n");
      }
      html.append("</table>\n<p><b>").append(esc(verdict(study))).append(".</b></p>\n");
    }
    html.append("<h2>Validation accuracy against each predictor</h2>\n<div class=\"plots\">\n");
    List<String> predictors = new ArrayList<>();
    spec.get("fitnesses").forEach(f -> predictors.add(f.asString()));
    predictors.addAll(List.of("parameterCount", "spikeRate", "synapticOperations"));
    for (String predictor : predictors) {
      html.append(scatter(study, predictor));
    }
    html.append("</div>\n<h2>Architectures</h2>\n").append(members(study));
    html.append("</body></html>\n");
    return html.toString();
  }

  private static String estimateCells(JsonNode e) {
    if (e.get("value").isNull()) {
      return "<td>-</td><td>-</td>";
    }
    String interval =
        e.get("low").isNull()
            ? "-"
            : String.format(
                Locale.ROOT, "[%+.3f, %+.3f]", e.get("low").asDouble(), e.get("high").asDouble());
    return String.format(
        Locale.ROOT, "<td>%+.3f</td><td>%s</td>", e.get("value").asDouble(), interval);
  }

  /** The predictor's value of one member, or NaN when it has none. */
  static double value(JsonNode member, String predictor) {
    JsonNode v =
        switch (predictor) {
          case "parameterCount", "spikeRate", "synapticOperations" -> member.get(predictor);
          default -> member.get("scores").get(predictor);
        };
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  /** One scatter plot: validation accuracy (y) against the predictor (x), trained members only. */
  static String scatter(JsonNode study, String predictor) {
    List<double[]> points = new ArrayList<>();
    for (JsonNode m : study.get("members")) {
      double x = value(m, predictor);
      JsonNode y = m.get("validationAccuracy");
      if (m.get("status").asString().equals("SUCCEEDED") && !Double.isNaN(x) && !y.isNull()) {
        points.add(new double[] {x, y.asDouble(), m.get("index").asInt()});
      }
    }
    int width = 340;
    int height = 250;
    int left = 50;
    int bottom = 40;
    int top = 24;
    int right = 12;
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"validation accuracy"
                    + " against %s\">",
                width,
                height,
                esc(predictor)))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"14\" font-weight=\"bold\">%s</text>",
                left,
                esc(predictor)));
    if (points.isEmpty()) {
      return svg.append("<text x=\"60\" y=\"120\">no trained architecture yet</text></svg>\n")
          .toString();
    }
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (double[] p : points) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    if (maxY == minY) {
      maxY = minY + 0.01;
    }
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\""
                + " stroke=\"#d0d7de\"/>",
            left,
            top,
            plotW,
            plotH));
    for (double[] p : points) {
      double cx = left + (p[0] - minX) / (maxX - minX) * plotW;
      double cy = top + plotH - (p[1] - minY) / (maxY - minY) * plotH;
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#0969da\" fill-opacity=\"0.75\">"
                  + "<title>architecture %d: %s %.4g, validation %.4f</title></circle>",
              cx,
              cy,
              (int) p[2],
              esc(predictor),
              p[0],
              p[1]));
    }
    svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\">%.4g</text><text x=\"%d\" y=\"%d\""
                    + " text-anchor=\"end\">%.4g</text>",
                left,
                height - bottom + 14,
                minX,
                width - right,
                height - bottom + 14,
                maxX))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.3f</text><text x=\"%d\" y=\"%d\""
                    + " text-anchor=\"end\">%.3f</text>",
                left - 4,
                top + 10,
                maxY,
                left - 4,
                top + (int) plotH,
                minY))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                left + plotW / 2,
                height - 6,
                esc(predictor)))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"12\" y=\"%.0f\" transform=\"rotate(-90 12 %.0f)\""
                    + " text-anchor=\"middle\">validation accuracy</text>",
                top + plotH / 2,
                top + plotH / 2))
        .append("</svg>\n");
    return svg.toString();
  }

  private static String members(JsonNode study) {
    List<String> fitnesses = new ArrayList<>();
    study.get("spec").get("fitnesses").forEach(f -> fitnesses.add(f.asString()));
    StringBuilder html =
        new StringBuilder(
            "<table><tr><th>#</th><th class=\"l\">status</th><th>validation</th><th>parameters</th>"
                + "<th>spike rate</th>");
    fitnesses.forEach(f -> html.append("<th>").append(esc(f)).append("</th>"));
    html.append("<th class=\"l\">hash</th></tr>\n");
    for (JsonNode m : study.get("members")) {
      html.append("<tr><td>")
          .append(m.get("index").asInt())
          .append("</td><td class=\"l\">")
          .append(esc(m.get("status").asString()))
          .append(m.get("error").isNull() ? "" : ": " + esc(m.get("error").asString()))
          .append("</td><td>")
          .append(number(m.get("validationAccuracy"), "%.4f"))
          .append("</td><td>")
          .append(number(m.get("parameterCount"), "%,.0f"))
          .append("</td><td>")
          .append(number(m.get("spikeRate"), "%.4f"))
          .append("</td>");
      for (String f : fitnesses) {
        html.append("<td>").append(number(m.get("scores").get(f), "%.4g")).append("</td>");
      }
      html.append("<td class=\"l\"><code>")
          .append(esc(m.get("canonicalHash").asString().substring(0, 12)))
          .append("</code></td></tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  private static String number(JsonNode v, String format) {
    return v == null || v.isNull() ? "-" : String.format(Locale.ROOT, format, v.asDouble());
  }
}
