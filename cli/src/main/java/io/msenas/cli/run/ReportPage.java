package io.msenas.cli.run;

import io.msenas.model.genome.FeedbackSign;
import io.msenas.model.genome.Motif;
import io.msenas.model.genome.MotifCatalogue;
import io.msenas.model.genome.MotifEdge;
import io.msenas.model.genome.MotifStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * that opens offline: the run's summary, fitness over generations, the winner's architecture drawn
 * as cells and motif circuits, its ancestry, the Pareto front and the generation table.
 */
public final class ReportPage {

  private static final String EXCITATORY = "#1a7f37";
  private static final String INHIBITORY = "#cf222e";
  private static final String IDENTITY = "#6e7781";

  private ReportPage() {}

  static String render(RunRecord record) {
    JsonNode r = record.result();
    JsonNode champion = record.champion();
    boolean isWinner = r.get("winner") != null && !r.get("winner").isNull();
    StringBuilder html = new StringBuilder(32_768);
    html.append(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>MSE-NAS run \
            """)
        .append(esc(r.get("searchId").asString()))
        .append(
            """
            </title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1f2328;padding:0 1em}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #d0d7de}
            table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #eaeef2;text-align:right}
            th{background:#f6f8fa}td.l,th.l{text-align:left}code{font-size:12px}
            .status{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;background:#6e7781}
            .SUCCEEDED{background:#1a7f37}.FAILED,.INTERRUPTED{background:#cf222e}.CANCELLED{background:#9a6700}
            svg text{font:11px system-ui,sans-serif}.legend span{margin-right:1.5em}
            </style></head><body>
            """);
    String status = r.get("status").asString();
    html.append("<h1>MSE-NAS search <code>")
        .append(esc(r.get("searchId").asString()))
        .append("</code> <span class=\"status ")
        .append(esc(status))
        .append("\">")
        .append(esc(status))
        .append("</span></h1>\n");
    html.append(specTable(r));
    if (r.get("error") != null && !r.get("error").isNull()) {
      html.append("<p><b>Error:</b> ").append(esc(r.get("error").asString())).append("</p>\n");
    }

    html.append("<h2>Fitness over generations</h2>\n").append(fitnessChart(r.get("generations")));

    if (champion != null) {
      html.append("<h2>")
          .append(isWinner ? "The winner" : "The best individual so far")
          .append(": ")
          .append(esc(champion.get("label").asString()))
          .append("</h2>\n");
      html.append("<p>fitness <b>")
          .append(Summary.fitness(champion.get("fitness")))
          .append("</b>, ")
          .append(String.format(Locale.ROOT, "%,d", champion.get("parameterCount").asLong()))
          .append(" parameters, hash <code>")
          .append(esc(champion.get("canonicalHash").asString()))
          .append("</code></p>\n");
      html.append(architecture(champion, r.get("spec")));
      html.append("<h2>Ancestry of ")
          .append(esc(champion.get("label").asString()))
          .append("</h2>\n")
          .append(ancestry(record.lineage(), champion.get("id").asString()));
    } else {
      html.append("<p>No individual was scored.</p>\n");
    }

    html.append("<h2>Pareto front</h2>\n").append(front(r.get("paretoFront")));
    html.append("<h2>Generations</h2>\n").append(generationTable(r.get("generations")));
    html.append("<h2>Provenance</h2>\n<pre>")
        .append(esc(r.get("provenance").toPrettyString()))
        .append("</pre>\n</body></html>\n");
    return html.toString();
  }

  private static String specTable(JsonNode r) {
    JsonNode spec = r.get("spec");
    JsonNode progress = r.get("progress");
    StringBuilder t = new StringBuilder("<table>\n");
    row(t, "dataset", spec.get("dataset").asString());
    row(t, "preset", spec.path("preset").asString(""));
    row(t, "seed", spec.get("seed").asString());
    row(t, "population / offspring", spec.get("population") + " / " + spec.get("offspring"));
    row(t, "generations", progress.get("generations").asString());
    row(
        t,
        "network",
        "C=" + spec.get("channels") + ", L=" + spec.get("cells") + ", T=" + spec.get("timeSteps"));
    row(t, "fitness", spec.get("fitness").asString());
    row(
        t,
        "evaluations",
        progress.get("evaluationsDone") + " (" + progress.get("evaluationsFailed") + " failed)");
    row(t, "elapsed", Summary.duration(progress.get("elapsedSeconds")));
    return t.append("</table>\n").toString();
  }

  private static void row(StringBuilder t, String key, String value) {
    t.append("<tr><th class=\"l\">")
        .append(esc(key))
        .append("</th><td class=\"l\">")
        .append(esc(value))
        .append("</td></tr>\n");
  }

  /** Best, mean and median fitness per generation as lines. */
  static String fitnessChart(JsonNode generations) {
    if (generations.isEmpty()) {
      return "<p>No generation completed.</p>\n";
    }
    int w = 720;
    int h = 300;
    int left = 95;
    int right = 20;
    int top = 20;
    int bottom = 40;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (JsonNode g : generations) {
      for (String key : List.of("bestFitness", "meanFitness", "medianFitness")) {
        if (!g.get(key).isNull()) {
          min = Math.min(min, g.get(key).asDouble());
          max = Math.max(max, g.get(key).asDouble());
        }
      }
    }
    if (!Double.isFinite(min)) {
      return "<p>No generation has a fitness.</p>\n";
    }
    if (max - min < 1e-9) {
      max = min + 1;
    }
    double pad = (max - min) * 0.08;
    min -= pad;
    max += pad;
    int n = generations.size();
    double lo = min;
    double span = max - min;
    java.util.function.IntToDoubleFunction x =
        i -> left + (n == 1 ? (w - left - right) / 2.0 : i * (w - left - right) / (double) (n - 1));
    java.util.function.DoubleUnaryOperator y =
        v -> top + (h - top - bottom) * (1 - (v - lo) / span);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">%n", w, h));
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#d0d7de\"/>%n",
            left,
            top,
            w - left - right,
            h - top - bottom));
    for (int k = 0; k <= 4; k++) {
      double v = lo + span * k / 4;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.6g</text>%n",
              left - 6,
              y.applyAsDouble(v) + 4,
              v));
    }
    for (int i = 0; i < n; i++) {
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
              x.applyAsDouble(i),
              h - bottom + 16,
              generations.get(i).get("number").asInt() + 1));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">generation</text>%n",
            left + (w - left - right) / 2,
            h - 6));
    Map<String, String> series = new LinkedHashMap<>();
    series.put("bestFitness", "#0969da");
    series.put("meanFitness", "#bf8700");
    series.put("medianFitness", "#8250df");
    for (Map.Entry<String, String> e : series.entrySet()) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < n; i++) {
        JsonNode v = generations.get(i).get(e.getKey());
        if (!v.isNull()) {
          double px = x.applyAsDouble(i);
          double py = y.applyAsDouble(v.asDouble());
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
          s.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %.4f</title>"
                      + "</circle>%n",
                  px,
                  py,
                  e.getValue(),
                  e.getKey(),
                  v.asDouble()));
        }
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
              e.getValue(),
              points.toString().trim()));
    }
    s.append("</svg>\n<p class=\"legend\"><span style=\"color:#0969da\">&#9632; best</span>")
        .append("<span style=\"color:#bf8700\">&#9632; mean</span>")
        .append("<span style=\"color:#8250df\">&#9632; median</span> (over each generation's")
        .append(" survivors)</p>\n");
    return s.toString();
  }

  /** The network as a chain of cells, each normal cell with its motif circuit drawn inside. */
  static String architecture(JsonNode individual, JsonNode spec) {
    JsonNode arch = individual.get("architecture");
    int macroK = arch.get("macroK").asInt();
    FeedbackSign sign = FeedbackSign.valueOf(spec.get("feedbackSign").asString());
    List<Motif> family =
        Stream.concat(MotifCatalogue.mFamily(sign).stream(), MotifCatalogue.mmFamily(sign).stream())
            .toList();
    int cellW = 170;
    int cellH = 190;
    int gap = 30;
    int count = arch.get("cells").size();
    int w = 110 + count * (cellW + gap) + 80;
    int h = cellH + 70;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">%n", w, h));
    s.append(arrowMarker());
    int y0 = 30;
    box(s, 10, y0 + cellH / 2 - 25, 80, 50, "stem", "conv3x3, BN", "#f6f8fa");
    int x = 110;
    int previousRight = 90;
    for (JsonNode cell : arch.get("cells")) {
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\""
                  + " marker-end=\"url(#arrow)\"/>%n",
              previousRight,
              y0 + cellH / 2,
              x - 2,
              y0 + cellH / 2));
      int index = cell.get("index").asInt();
      if ("normal".equals(cell.get("type").asString())) {
        String name = cell.get("motif").asString();
        Motif motif = family.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
        box(s, x, y0, cellW, cellH, "cell " + index + ": " + name, "", "#ffffff");
        if (motif != null) {
          List<Integer> kernels = new ArrayList<>();
          cell.get("kernelSizes").forEach(k -> kernels.add(k.asInt()));
          motifCircuit(s, motif, kernels, x + 8, y0 + 30, cellW - 16, cellH - 40);
        }
      } else {
        box(
            s,
            x,
            y0 + cellH / 2 - 35,
            cellW,
            70,
            "cell " + index + ": reduction",
            "factorized reduce, C x2",
            "#f6f8fa");
      }
      previousRight = x + cellW;
      x += cellW + gap;
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\""
                + " marker-end=\"url(#arrow)\"/>%n",
            previousRight,
            y0 + cellH / 2,
            x - 2,
            y0 + cellH / 2));
    box(s, x, y0 + cellH / 2 - 25, 60, 50, "head", "LIF-GAP-FC", "#f6f8fa");
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"10\" y=\"%d\">macro scale: every cell reads the %d previous cell outputs"
                + " (s0 = the latest)</text>%n",
            h - 10,
            macroK));
    s.append("</svg>\n");
    s.append("<p class=\"legend\"><span style=\"color:")
        .append(EXCITATORY)
        .append("\">&#8594; excitatory conv (max(x,0))</span><span style=\"color:")
        .append(INHIBITORY)
        .append("\">&#8594; inhibitory conv (min(x,0))</span><span style=\"color:")
        .append(IDENTITY)
        .append("\">&#8674; identity</span>curved: feedback, added in place; numbers: kernel")
        .append(" size; double ring: concatenated into the cell output</p>\n");
    return s.toString();
  }

  /** A motif's nodes in columns (inputs left) and its edges, conv edges labelled with k. */
  private static void motifCircuit(
      StringBuilder s, Motif motif, List<Integer> kernels, int x, int y, int w, int h) {
    int inputs = motif.inputs();
    List<Integer> intermediate = new ArrayList<>();
    List<MotifEdge> edges = new ArrayList<>();
    Set<MotifEdge> feedback = new HashSet<>();
    for (MotifStep step : motif.steps()) {
      if (step instanceof MotifStep.Node node) {
        intermediate.add(node.node());
        edges.addAll(node.inputs());
      } else if (step instanceof MotifStep.Feedback fb) {
        edges.add(fb.edge());
        feedback.add(fb.edge());
      }
    }
    Map<Integer, double[]> position = new HashMap<>();
    for (int i = 0; i < inputs; i++) {
      position.put(i, new double[] {x + 14, y + (i + 0.5) * h / inputs});
    }
    int columns = intermediate.size();
    for (int j = 0; j < columns; j++) {
      double px = x + 50 + (columns == 1 ? (w - 64) / 2.0 : j * (w - 64) / (double) (columns - 1));
      double py =
          y + h / 2.0 + ((j % 2 == 0) ? -1 : 1) * Math.min(28, h / 5.0) * (columns > 1 ? 1 : 0);
      position.put(intermediate.get(j), new double[] {px, py});
    }
    Map<MotifEdge, Integer> kernelOf = new HashMap<>();
    List<MotifEdge> convs = motif.convEdgesInGeneOrder();
    for (int i = 0; i < convs.size() && i < kernels.size(); i++) {
      kernelOf.put(convs.get(i), kernels.get(i));
    }
    for (MotifEdge e : edges) {
      double[] a = position.get(e.source());
      double[] b = position.get(e.target());
      if (a == null || b == null) {
        continue;
      }
      String color =
          switch (e.kind()) {
            case EXCITATORY -> EXCITATORY;
            case INHIBITORY -> INHIBITORY;
            case IDENTITY -> IDENTITY;
          };
      String dash = e.kind().isConv() ? "" : " stroke-dasharray=\"4 3\"";
      if (feedback.contains(e)) {
        double mx = (a[0] + b[0]) / 2;
        double my = Math.max(a[1], b[1]) + 34;
        s.append(
            String.format(
                Locale.ROOT,
                "<path d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"%s\"%s"
                    + " marker-end=\"url(#arrow)\"/>%n",
                a[0],
                a[1] + 9,
                mx,
                my,
                b[0],
                b[1] + 9,
                color,
                dash));
      } else {
        s.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s"
                    + " marker-end=\"url(#arrow)\"/>%n",
                a[0] + 9,
                a[1],
                b[0] - 11,
                b[1],
                color,
                dash));
      }
      Integer k = kernelOf.get(e);
      if (k != null) {
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%d</text>%n",
                (a[0] + b[0]) / 2,
                (a[1] + b[1]) / 2 - 3 + (feedback.contains(e) ? 30 : 0),
                color,
                k));
      }
    }
    for (Map.Entry<Integer, double[]> p : position.entrySet()) {
      int node = p.getKey();
      boolean input = node < inputs;
      boolean output = motif.concat().contains(node);
      String label = input ? "s" + node : "n" + node;
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"%s\" stroke=\"#57606a\"/>%n",
              p.getValue()[0],
              p.getValue()[1],
              input ? "#ddf4ff" : "#fff8c5"));
      if (output) {
        s.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"12\" fill=\"none\" stroke=\"#57606a\"/>%n",
                p.getValue()[0],
                p.getValue()[1]));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\">%s</text>%n",
              p.getValue()[0],
              p.getValue()[1] + 3,
              label));
    }
  }

  /** The champion's ancestors by generation, each edge coloured by its operator. */
  static String ancestry(JsonNode lineage, String championId) {
    Map<String, JsonNode> nodes = new HashMap<>();
    lineage.get("nodes").forEach(n -> nodes.put(n.get("id").asString(), n));
    Map<String, List<JsonNode>> parents = new HashMap<>();
    for (JsonNode e : lineage.get("edges")) {
      parents.computeIfAbsent(e.get("child").asString(), k -> new ArrayList<>()).add(e);
    }
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(championId));
    List<JsonNode> edges = new ArrayList<>();
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (!seen.add(id)) {
        continue;
      }
      for (JsonNode e : parents.getOrDefault(id, List.of())) {
        edges.add(e);
        todo.push(e.get("parent").asString());
      }
    }
    TreeMap<Integer, List<JsonNode>> byGeneration = new TreeMap<>();
    for (String id : seen) {
      JsonNode n = nodes.get(id);
      if (n != null) {
        byGeneration.computeIfAbsent(n.get("generation").asInt(), k -> new ArrayList<>()).add(n);
      }
    }
    byGeneration
        .values()
        .forEach(
            l -> l.sort((a, b) -> a.get("label").asString().compareTo(b.get("label").asString())));
    int columnW = 150;
    int rowH = 46;
    int rows = byGeneration.values().stream().mapToInt(List::size).max().orElse(1);
    int w = 40 + byGeneration.size() * columnW;
    int h = 50 + rows * rowH;
    Map<String, double[]> pos = new HashMap<>();
    int column = 0;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">%n", w, h));
    s.append(arrowMarker());
    for (Map.Entry<Integer, List<JsonNode>> g : byGeneration.entrySet()) {
      int cx = 30 + column * columnW;
      s.append(
          String.format(
              Locale.ROOT, "<text x=\"%d\" y=\"14\">generation %d</text>%n", cx, g.getKey() + 1));
      List<JsonNode> list = g.getValue();
      for (int i = 0; i < list.size(); i++) {
        pos.put(list.get(i).get("id").asString(), new double[] {cx, 30 + i * rowH});
      }
      column++;
    }
    for (JsonNode e : edges) {
      double[] child = pos.get(e.get("child").asString());
      double[] parent = pos.get(e.get("parent").asString());
      if (child == null || parent == null) {
        continue;
      }
      String op = e.get("operator").asString();
      String color =
          switch (op) {
            case "CROSSOVER" -> "#0969da";
            case "MUTATION" -> "#bf8700";
            default -> IDENTITY;
          };
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                  + " marker-end=\"url(#arrow)\"><title>%s</title></line>%n",
              parent[0] + 100,
              parent[1] + 14,
              child[0] - 2,
              child[1] + 14,
              color,
              esc(op)));
    }
    for (String id : seen) {
      double[] p = pos.get(id);
      JsonNode n = nodes.get(id);
      if (p == null || n == null) {
        continue;
      }
      boolean champion = id.equals(championId);
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"100\" height=\"28\" rx=\"4\" fill=\"%s\""
                  + " stroke=\"#57606a\"/>%n<text x=\"%.1f\" y=\"%.1f\">%s %s</text>%n",
              p[0],
              p[1],
              champion ? "#dafbe1" : "#ffffff",
              p[0] + 5,
              p[1] + 18,
              esc(n.get("label").asString()),
              Summary.fitness(n.get("fitness"))));
    }
    s.append("</svg>\n<p class=\"legend\"><span style=\"color:#0969da\">&#8594; crossover</span>")
        .append("<span style=\"color:#bf8700\">&#8594; mutation</span>")
        .append("<span style=\"color:#6e7781\">&#8594; copy</span>")
        .append(" boxes: label and fitness</p>\n");
    return s.toString();
  }

  private static String front(JsonNode front) {
    JsonNode members = front.get("members");
    if (members.isEmpty()) {
      return "<p>Empty: no generation completed.</p>\n";
    }
    StringBuilder t = new StringBuilder();
    t.append("<p>Non-dominated survivors of generation ")
        .append(front.get("generation").asInt() + 1)
        .append(" (")
        .append(front.get("objectives").asInt() == 1 ? "one objective: fitness" : "fitness, cost")
        .append(")</p>\n<table><tr><th class=\"l\">label</th><th>fitness</th><th>cost</th>")
        .append("<th>parameters</th><th class=\"l\">hash</th></tr>\n");
    for (JsonNode m : members) {
      t.append("<tr><td class=\"l\">")
          .append(esc(m.get("label").asString()))
          .append("</td><td>")
          .append(Summary.fitness(m.get("fitness")))
          .append("</td><td>")
          .append(m.get("cost").isNull() ? "-" : Summary.fitness(m.get("cost")))
          .append("</td><td>")
          .append(m.get("parameterCount").isNull() ? "-" : m.get("parameterCount").asString())
          .append("</td><td class=\"l\"><code>")
          .append(esc(m.get("canonicalHash").asString()))
          .append("</code></td></tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  private static String generationTable(JsonNode generations) {
    StringBuilder t =
        new StringBuilder(
            "<table><tr><th>generation</th><th>best</th><th>mean</th><th>median</th>"
                + "<th>diversity</th><th>survivors</th><th>evaluated</th><th>failed</th></tr>\n");
    for (JsonNode g : generations) {
      t.append("<tr><td>")
          .append(g.get("number").asInt() + 1)
          .append("</td><td>")
          .append(Summary.fitness(g.get("bestFitness")))
          .append("</td><td>")
          .append(Summary.fitness(g.get("meanFitness")))
          .append("</td><td>")
          .append(Summary.fitness(g.get("medianFitness")))
          .append("</td><td>")
          .append(Summary.fitness(g.get("diversity")))
          .append("</td><td>")
          .append(g.get("survivors").asInt())
          .append("</td><td>")
          .append(g.get("evaluated").asInt())
          .append("</td><td>")
          .append(g.get("failed").asInt())
          .append("</td></tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  private static void box(
      StringBuilder s, int x, int y, int w, int h, String title, String note, String fill) {
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\""
                + " stroke=\"#57606a\"/>%n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
            x,
            y,
            w,
            h,
            fill,
            x + 6,
            y + 15,
            esc(title)));
    if (!note.isEmpty()) {
      s.append(
          String.format(
              Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 6, y + 32, esc(note)));
    }
  }

  private static String arrowMarker() {
    return "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
        + " markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">"
        + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#57606a\"/></marker></defs>\n";
  }

  /** HTML-escapes text for element content and attribute values. */
  public static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
