package org.flows4j.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.flows4j.core.Flow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Three-panel PNG for a 2-D flow: the data, the learned density {@code p(x)} on a grid, and samples from the flow,
 * on the same axes. Written to a temporary file and renamed, so a reader never sees half a picture.
 */
public final class DensityPlots {
    private static final int PANEL = 420;
    private static final int GRID = 120;
    private static final int POINTS = 3000;

    private DensityPlots() {
    }

    /** Axis box [xmin, xmax, ymin, ymax] around the data's 0.5% to 99.5% quantiles, padded by 10%. */
    public static double[] bounds(INDArray data) {
        double[] box = new double[4];
        for (int c = 0; c < 2; c++) {
            double[] col = data.getColumn(c).toDoubleVector().clone();
            java.util.Arrays.sort(col);
            double lo = col[(int) (0.005 * (col.length - 1))];
            double hi = col[(int) (0.995 * (col.length - 1))];
            double pad = 0.1 * (hi - lo);
            box[2 * c] = lo - pad;
            box[2 * c + 1] = hi + pad;
        }
        return box;
    }

    /**
     * Writes the three panels, 1260 × 420 pixels, to {@code png}: {@code data} and {@code samples} ({@code [N, 2]},
     * at most their first 3000 rows drawn) as scatter plots and {@code flow}'s density on a 120 × 120 grid titled
     * with {@code title}, all over the {@link #bounds} of {@code data}.
     */
    public static void write(Path png, String title, INDArray data, Flow flow, INDArray samples) throws IOException {
        double[] box = bounds(data);
        BufferedImage left = BitmapEncoder.getBufferedImage(scatter("data", data, box, new Color(40, 90, 160)));
        BufferedImage middle = BitmapEncoder.getBufferedImage(density("learned density: " + title, flow, box,
                data.dataType()));
        BufferedImage right = BitmapEncoder.getBufferedImage(scatter("samples", samples, box, new Color(200, 80, 40)));
        BufferedImage all = new BufferedImage(3 * PANEL, PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(middle, PANEL, 0, null);
        g.drawImage(right, 2 * PANEL, 0, null);
        g.dispose();
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        ImageIO.write(all, "png", tmp.toFile());
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static XYChart scatter(String title, INDArray points, double[] box, Color color) {
        XYChart chart = new XYChartBuilder().width(PANEL).height(PANEL).title(title).build();
        Styler s = chart.getStyler();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(2);
        chart.getStyler().setXAxisMin(box[0]).setXAxisMax(box[1]).setYAxisMin(box[2]).setYAxisMax(box[3]);
        s.setLegendVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        int n = (int) Math.min(POINTS, points.size(0));
        double[] x = points.getColumn(0).toDoubleVector();
        double[] y = points.getColumn(1).toDoubleVector();
        XYSeries series = chart.addSeries(title, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
        return chart;
    }

    private static HeatMapChart density(String title, Flow flow, double[] box,
                                        org.nd4j.linalg.api.buffer.DataType type) {
        double[][] grid = new double[GRID * GRID][];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                grid[i * GRID + j] = new double[] {box[0] + (i + 0.5) * (box[1] - box[0]) / GRID,
                        box[2] + (j + 0.5) * (box[3] - box[2]) / GRID};
            }
        }
        double[] p = flow.logProbInBatches(Nd4j.createFromArray(grid).castTo(type), 4096).toDoubleVector();
        double max = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Double.isFinite(p[k]) ? Math.exp(p[k]) : 0;
            max = Math.max(max, p[k]);
        }
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < GRID; i++) {
            xs.add(i);
            ys.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                cells.add(new Number[] {i, j, p[i * GRID + j]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(PANEL).height(PANEL).title(title).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setDrawBorder(false);
        chart.getStyler().setAntiAlias(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMin(0).setMax(max > 0 ? max : 1);
        chart.getStyler().setRangeColors(new Color[] {new Color(10, 10, 40), new Color(90, 40, 140),
                new Color(220, 90, 70), new Color(255, 230, 120)});
        chart.addSeries("density", xs, ys, cells);
        return chart;
    }
}
