package io.nabla.benchmarks;

import io.nabla.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark suite and writes its report: {@code results.json} (JMH's own), {@code
 * report.md} (a Markdown table per benchmark: time, GFLOP/s, bytes allocated per operation,
 * speedup over pure) and {@code training-step.png} (a bar chart of the step time). {@code quick}
 * is a short run of the main cases (under 3 minutes on 2 cores); {@code full} runs every parameter
 * with the benchmarks' own warm-up and measurement settings.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.nabla.benchmarks.Report quick|full|render OUT_DIR};
 * {@code render} redraws the chart from an existing {@code report.md}.
 */
public final class Report {

  private Report() {}

  /** Runs the suite in the given mode and writes the report into the directory. */
  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length != 2 || !List.of("quick", "full", "render").contains(args[0])) {
      System.err.println("usage: Report quick|full|render OUT_DIR");
      System.exit(2);
    }
    if (args[0].equals("render")) {
      Path dir = Paths.get(args[1]);
      chart(Files.readString(dir.resolve("report.md")), dir.resolve("training-step.png"));
      return;
    }
    boolean quick = args[0].equals("quick");
    Path out = Paths.get(args[1]);
    Files.createDirectories(out);
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(TrainingStep.class.getName() + "|" + Gemm.class.getName() + "|"
            + NativeBlasGemm.class.getName() + "|" + Evaluation.class.getName())
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .result(out.resolve("results.json").toString());
    if (quick) {
      options.param("batch", "100").param("dtype", "float32")
          .param("shape", "100x784x50", "T784x100x50", "100x50x10")
          .warmupIterations(2).warmupTime(TimeValue.seconds(1))
          .measurementIterations(2).measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    String markdown = markdown(results, quick);
    AtomicFiles.write(out.resolve("report.md"), s -> s.write(markdown.getBytes(StandardCharsets.UTF_8)));
    chart(markdown, out.resolve("training-step.png"));
    System.out.println(markdown);
    System.out.println("wrote " + out.resolve("report.md") + ", " + out.resolve("results.json")
        + ", " + out.resolve("training-step.png"));
  }

  private static String markdown(Collection<RunResult> results, boolean quick) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Nabla benchmarks (%s run), %s%n%n", quick ? "quick" : "full",
        LocalDate.now()));
    sb.append(MachineDescription.markdown()).append('\n');
    table(sb, results, "TrainingStep", "Training step (784-50-10, SGD)", new String[] {"dtype", "batch", "threads"}, "us/step");
    table(sb, results, "Gemm", "GEMM (openblas: the native reference, same run)",
        new String[] {"dtype", "shape", "threads"}, "us");
    table(sb, results, "Evaluation", "Accuracy over 10000 test rows", new String[] {"dtype"}, "ms");
    return sb.toString();
  }

  private static void table(StringBuilder sb, Collection<RunResult> results, String benchmark,
      String title, String[] keys, String unit) {
    List<RunResult> rows = new ArrayList<>();
    boolean gemm = benchmark.equals("Gemm");
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      if (name.contains("." + benchmark + ".") || (gemm && name.contains(".NativeBlasGemm."))) {
        rows.add(r);
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    sb.append("### ").append(title).append("\n\n| backend | ").append(String.join(" | ", keys))
        .append(" | ").append(unit).append(" | GFLOP/s | B/op | speedup over pure |")
        .append(gemm ? " of native BLAS |" : "").append("\n|")
        .append("---|".repeat(keys.length + (gemm ? 6 : 5))).append('\n');
    for (RunResult r : rows) {
      double score = r.getPrimaryResult().getScore();
      double pure = scoreOf("pure", rows, r, keys);
      sb.append("| ").append(r.getParams().getParam("backend"));
      for (String key : keys) {
        sb.append(" | ").append(r.getParams().getParam(key));
      }
      sb.append(String.format(Locale.ROOT, " | %.1f | %s | %s | %s |", score, gflops(benchmark, r, score),
          allocation(r), Double.isNaN(pure) ? "" : String.format(Locale.ROOT, "%.1fx", pure / score)));
      if (gemm) {
        // A backend's speed as a fraction of native BLAS's: native time / backend time.
        double reference = scoreOf(NativeBlasGemm.NAME, rows, r, keys);
        sb.append(Double.isNaN(reference) ? "" : String.format(Locale.ROOT, " %.2f", reference / score))
            .append(" |");
      }
      sb.append('\n');
    }
    sb.append('\n');
  }

  /** The score of {@code backend} in the row with the same keys as {@code of}, or NaN. */
  private static double scoreOf(String backend, List<RunResult> rows, RunResult of, String[] keys) {
    for (RunResult r : rows) {
      boolean same = r.getParams().getParam("backend").equals(backend);
      for (String key : keys) {
        same &= r.getParams().getParam(key).equals(of.getParams().getParam(key));
      }
      if (same) {
        return r.getPrimaryResult().getScore();
      }
    }
    return Double.NaN;
  }

  private static String gflops(String benchmark, RunResult r, double score) {
    double flops;
    if (benchmark.equals("TrainingStep")) {
      flops = TrainingStep.flops(Integer.parseInt(r.getParams().getParam("batch")));
    } else if (benchmark.equals("Gemm")) {
      flops = Gemm.flops(r.getParams().getParam("shape"));
    } else {
      return "";
    }
    return String.format(Locale.ROOT, "%.1f", flops / (score * 1e3));
  }

  private static String allocation(RunResult r) {
    Map<String, Result> secondary = r.getSecondaryResults();
    Result alloc = secondary.get("gc.alloc.rate.norm");
    return alloc == null ? "" : String.format(Locale.ROOT, "%.0f", alloc.getScore());
  }

  /**
   * Bar chart of the training step time at batch 100 per backend, one bar group per dtype and
   * thread count, drawn from the report's own table (so {@code render} can redraw it later).
   */
  static void chart(String markdown, Path file) throws IOException {
    Map<String, Map<String, Double>> byBackend = new TreeMap<>();
    List<String> categories = new ArrayList<>();
    boolean inStepTable = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("### ")) {
        inStepTable = line.startsWith("### Training step");
        continue;
      }
      String[] cells = line.split("\\|");
      // | backend | dtype | batch | threads | us/step | ...
      if (!inStepTable || cells.length < 6 || !cells[3].trim().equals("100")) {
        continue;
      }
      String category = cells[2].trim().replace("float", "f") + ", " + cells[4].trim() + " thr";
      if (!categories.contains(category)) {
        categories.add(category);
      }
      byBackend.computeIfAbsent(cells[1].trim(), k -> new TreeMap<>())
          .put(category, Double.parseDouble(cells[5].trim()));
    }
    if (byBackend.isEmpty()) {
      return;
    }
    CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
        .title("One training step, batch 100 (lower is better)").xAxisTitle("dtype, threads")
        .yAxisTitle("microseconds per step").build();
    for (Map.Entry<String, Map<String, Double>> e : byBackend.entrySet()) {
      List<Double> values = new ArrayList<>();
      for (String c : categories) {
        values.add(e.getValue().getOrDefault(c, 0.0));
      }
      chart.addSeries(e.getKey(), categories, values);
    }
    AtomicFiles.write(file, s -> BitmapEncoder.saveBitmap(chart, s, BitmapEncoder.BitmapFormat.PNG));
  }
}
