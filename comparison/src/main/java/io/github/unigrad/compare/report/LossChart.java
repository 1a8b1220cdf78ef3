package io.github.unigrad.compare.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A PNG plot of training-loss curves per epoch, one line per run (XChart). */
public final class LossChart {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final String title;
    private final String yAxis;
    private final Map<String, double[]> curves = new LinkedHashMap<>();
    private Double reference;
    private String referenceName;

    public LossChart(String title, String yAxis) {
        this.title = title;
        this.yAxis = yAxis;
    }

    /** Adds a curve: value after epoch 1, 2, ... */
    public LossChart curve(String name, double[] values) {
        if (values.length > 0) {
            curves.put(name, values);
        }
        return this;
    }

    /** Adds a horizontal reference line (e.g. ln 2). */
    public LossChart reference(String name, double value) {
        this.referenceName = name;
        this.reference = value;
        return this;
    }

    /** Writes the chart as a PNG to {@code file} (the {@code .png} is added by XChart if missing). */
    public void save(Path file) {
        XYChart chart = new XYChartBuilder().width(720).height(480).title(title).xAxisTitle("epoch").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int longest = 1;
        for (Map.Entry<String, double[]> e : curves.entrySet()) {
            double[] y = finiteOnly(e.getValue());
            if (y.length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(e.getKey(), epochs(y.length), y);
            s.setMarker(SeriesMarkers.NONE);
            longest = Math.max(longest, y.length);
        }
        if (reference != null) {
            XYSeries s = chart.addSeries(referenceName, new double[] {1, longest}, new double[] {reference, reference});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(SeriesLines.DASH_DASH);
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }

    private static double[] epochs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** The curve up to its first non-finite value (a diverged run's last point is not plottable). */
    private static double[] finiteOnly(double[] v) {
        int n = 0;
        while (n < v.length && Double.isFinite(v[n])) {
            n++;
        }
        return java.util.Arrays.copyOf(v, n);
    }
}
