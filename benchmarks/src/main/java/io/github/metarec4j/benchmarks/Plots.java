package io.github.metarec4j.benchmarks;

import io.github.metarec4j.eval.ColdStartProtocol;
import io.github.metarec4j.eval.RatingErrors;
import io.github.metarec4j.eval.Scenario;
import io.github.metarec4j.eval.Summary;
import io.github.metarec4j.meta.TrainingListener.EpochSummary;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's PNG plots, drawn with XChart (headless: set {@code java.awt.headless=true}
 * before the first call). Stateless and thread-safe.
 */
final class Plots {

    /** File name of the MAE-against-K plot. */
    static final String MAE_VS_K = "mae-vs-k.png";
    /** File name of the loss-curves plot. */
    static final String LOSS_CURVES = "loss-curves.png";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    /** Seeds of one method share its colour and differ in line style and marker. */
    private static final BasicStroke[] SEED_LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DASH_DOT,
            SeriesLines.DOT_DOT};
    private static final Marker[] SEED_MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.DIAMOND};

    private Plots() {
    }

    /**
     * MAE against the support size K on the new-user scenarios, one line per method that
     * predicts ratings; learned methods at their mean over seeds, with the standard
     * deviation as error bars.
     */
    static void writeMaeVsK(BenchmarkReport report, Path file) throws IOException {
        XYChart chart = chart("CS100K new users: MAE against support size K", "support size K (ratings adapted on)",
                "MAE (lower is better)");
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.000");
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        double[] ks = ColdStartProtocol.NEW_USER_SUPPORT_SIZES.stream().mapToDouble(Integer::doubleValue).toArray();
        for (MethodSummary method : report.summaries()) {
            List<Optional<Summary>> mae = ColdStartProtocol.NEW_USER_SUPPORT_SIZES.stream()
                    .map(k -> method.metric(Scenario.newUser(k), RatingErrors.MAE)).toList();
            if (mae.stream().anyMatch(Optional::isEmpty)) {
                continue; // a method that predicts no ratings (popularity) has no MAE
            }
            double[] mean = mae.stream().mapToDouble(s -> s.orElseThrow().mean()).toArray();
            boolean learned = method.method().learned();
            XYSeries series = learned
                    ? chart.addSeries(method.name() + " (mean of " + method.runs().size() + ")", ks, mean,
                    mae.stream().mapToDouble(s -> s.orElseThrow().std()).toArray())
                    : chart.addSeries(method.name(), ks, mean);
            style(series, color(method.method()), learned ? SeriesLines.SOLID : SeriesLines.DASH_DASH,
                    SeriesMarkers.CIRCLE);
        }
        write(List.of(chart), file);
    }

    /**
     * Training loss, validation MAE and validation Recall@20 per epoch of every learned run, side
     * by side: one colour per method, one line style per seed. The two validation figures are
     * drawn apart because the score that picks the epoch switches from one to the other in a
     * two-phase run ({@code SelectionMetric.MAE_THEN_RECALL}).
     */
    static void writeLossCurves(BenchmarkReport report, Path file) throws IOException {
        XYChart loss = chart("training loss per epoch", "epoch", "training loss");
        XYChart mae = chart("validation MAE per epoch", "epoch", "new-user MAE (lower is better)");
        XYChart recall = chart("validation Recall@20 per epoch", "epoch", "Recall@20 (higher is better)");
        for (MethodSummary method : report.summaries()) {
            List<RunResult> runs = method.runs();
            for (int r = 0; r < runs.size(); r++) {
                BasicStroke line = SEED_LINES[r % SEED_LINES.length];
                Marker marker = SEED_MARKERS[r % SEED_MARKERS.length];
                addCurve(loss, runs.get(r), EpochSummary::trainingLoss, color(method.method()), line, marker);
                addCurve(mae, runs.get(r), EpochSummary::validationMae, color(method.method()), line, marker);
                addCurve(recall, runs.get(r), EpochSummary::validationRecall, color(method.method()), line, marker);
            }
        }
        write(List.of(loss, mae, recall), file);
    }

    /**
     * One line chart: a line per series over the shared {@code x} (NaN points left out), in
     * the order of {@code series}.
     */
    record Lines(String title, String xAxis, String yAxis, double[] x, Map<String, double[]> series) {
    }

    /** Line charts side by side in one PNG, each series in a colour of its own (Tableau 10). */
    static void writeLines(List<Lines> charts, Path file) throws IOException {
        int[] palette = {0xE15759, 0x4E79A7, 0x59A14F, 0xF28E2B, 0xB07AA1, 0x76B7B2, 0xEDC948};
        List<XYChart> out = new java.util.ArrayList<>();
        for (Lines lines : charts) {
            XYChart chart = chart(lines.title(), lines.xAxis(), lines.yAxis());
            chart.getStyler().setXAxisDecimalPattern("0");
            int c = 0;
            for (Map.Entry<String, double[]> e : lines.series().entrySet()) {
                List<Double> xs = new java.util.ArrayList<>();
                List<Double> ys = new java.util.ArrayList<>();
                for (int i = 0; i < lines.x().length; i++) {
                    if (Double.isFinite(e.getValue()[i])) {
                        xs.add(lines.x()[i]);
                        ys.add(e.getValue()[i]);
                    }
                }
                Color color = new Color(palette[c++ % palette.length]);
                style(chart.addSeries(e.getKey(), xs, ys), color, SEED_LINES[0], SEED_MARKERS[(c - 1) % SEED_MARKERS.length]);
            }
            out.add(chart);
        }
        write(out, file);
    }

    /** One run's curve of {@code value} per epoch; nothing for a run without epochs or without that figure. */
    private static void addCurve(XYChart chart, RunResult run, ToDoubleFunction<EpochSummary> value, Color color,
                                 BasicStroke line, Marker marker) {
        List<EpochSummary> epochs = run.epochs();
        double[] y = epochs.stream().mapToDouble(value).toArray();
        if (y.length == 0 || Arrays.stream(y).anyMatch(v -> !Double.isFinite(v))) {
            return; // validation off (NaN), or a baseline: no curve
        }
        double[] x = epochs.stream().mapToDouble(EpochSummary::epoch).toArray();
        style(chart.addSeries(run.label(), x, y), color, line, marker);
    }

    /**
     * The transfer experiment: the target's new-user MAE and P@10 (K = 10) against the share of its
     * training users, from fresh weights and from the other platform's model, one chart per
     * direction and metric; means over seeds, standard deviations as error bars.
     */
    static void writeTransfer(List<TransferBenchmark.Run> runs, List<Double> fractions, Path file) throws IOException {
        List<XYChart> charts = new java.util.ArrayList<>();
        double[] xs = fractions.stream().mapToDouble(f -> f * 100).toArray();
        for (String direction : runs.stream().map(TransferBenchmark.Run::direction).distinct().toList()) {
            for (String metric : List.of(RatingErrors.MAE, "P@10")) {
                XYChart chart = chart(direction + ": new users' " + metric, "share of the target's training users (%)",
                        metric + (metric.equals(RatingErrors.MAE) ? " (lower is better)" : " (higher is better)"));
                chart.getStyler().setYAxisDecimalPattern("0.000");
                chart.getStyler().setErrorBarsColorSeriesColor(true);
                for (String start : List.of("fresh", "transfer")) {
                    double[] mean = new double[xs.length];
                    double[] std = new double[xs.length];
                    for (int i = 0; i < xs.length; i++) {
                        double f = fractions.get(i);
                        Summary s = Summary.of(runs.stream().filter(r -> r.direction().equals(direction)
                                && r.fraction() == f && r.start().equals(start))
                                .mapToDouble(r -> r.metrics().get(metric)).toArray());
                        mean[i] = s.mean();
                        std[i] = s.std();
                    }
                    style(chart.addSeries(start, xs, mean, std), start.equals("fresh") ? Color.GRAY : new Color(0, 90, 180),
                            SeriesLines.SOLID, SeriesMarkers.CIRCLE);
                }
                charts.add(chart);
            }
        }
        write(charts, file);
    }

    private static XYChart chart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xAxis)
                .yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    /**
     * A method's colour, the same in every chart (Tableau 10, then two of Tableau 20): the
     * learned methods in strong colours, the baselines in muted ones.
     */
    private static Color color(BenchmarkMethod method) {
        if (!(method instanceof MethodChoice choice)) {
            return new Color(0x79706E); // the plots are CS100K's: its methods have colours of their own
        }
        return new Color(switch (choice) {
            case META_LEARNED -> 0xE15759;
            case SUPERVISED -> 0x4E79A7;
            case SUPERVISED_FINE_TUNED -> 0x59A14F;
            case SECOND_ORDER -> 0x8B1A1A;
            case REPTILE -> 0x2F4B7C;
            case GLOBAL_MEAN -> 0xBAB0AC;
            case ITEM_MEAN -> 0x9C755F;
            case USER_MEAN -> 0x76B7B2;
            case DAMPED_BIAS -> 0xF28E2B;
            case POPULARITY -> 0xB07AA1;
            case BIASED_MF -> 0xEDC948;
            case ITEM_KNN -> 0xFF9DA7;
            case POP_KNN -> 0x8CD17D;
            case EASE -> 0x499894;
        });
    }

    private static void style(XYSeries series, Color color, BasicStroke line, Marker marker) {
        series.setLineColor(color);
        series.setLineStyle(line);
        series.setMarkerColor(color);
        series.setMarker(marker);
    }

    private static void write(List<XYChart> charts, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
