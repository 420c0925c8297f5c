package org.flows4j.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.flows4j.cli.ablation.Ablation;
import org.flows4j.images.CurvePoint;
import org.flows4j.io.AtomicFiles;
import org.flows4j.models.Glow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The ablation figure in the style of the Glow paper's Figure 3: one panel per coupling, test bits/dim against
 * training steps, one colour per permutation, the line the mean over seeds and the dashed lines mean ± one standard
 * deviation.
 */
public final class AblationPlots {
    private static final int WIDTH = 620;
    private static final int HEIGHT = 460;
    private static final Color[] COLORS = {new Color(40, 90, 160), new Color(50, 150, 70), new Color(200, 60, 40)};

    private AblationPlots() {
    }

    /**
     * Writes the figure of {@code runs} to {@code png} atomically: the additive and affine panels side by side,
     * 1240 × 460 pixels, each permutation's curves cut to the shortest among its seeds.
     */
    public static void write(Path png, List<Ablation.Run> runs) throws IOException {
        BufferedImage all = new BufferedImage(2 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        for (int c = 0; c < Ablation.COUPLINGS.size(); c++) {
            Glow.Coupling coupling = Ablation.COUPLINGS.get(c);
            g.drawImage(BitmapEncoder.getBufferedImage(panel(coupling, runs)), c * WIDTH, 0, null);
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(all, "png", out));
    }

    private static XYChart panel(Glow.Coupling coupling, List<Ablation.Run> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(coupling.name().toLowerCase(Locale.ROOT) + " coupling").xAxisTitle("training steps")
                .yAxisTitle("test bits/dim").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int p = 0; p < Ablation.PERMUTATIONS.size(); p++) {
            Glow.Permutation permutation = Ablation.PERMUTATIONS.get(p);
            List<List<CurvePoint>> curves = runs.stream()
                    .filter(r -> r.coupling() == coupling && r.permutation() == permutation)
                    .map(Ablation.Run::curve).toList();
            if (curves.isEmpty()) {
                continue;
            }
            int points = curves.stream().mapToInt(List::size).min().orElse(0);
            double[] steps = new double[points];
            double[] mean = new double[points];
            double[] low = new double[points];
            double[] high = new double[points];
            for (int i = 0; i < points; i++) {
                steps[i] = curves.get(0).get(i).step();
                double sum = 0;
                double sq = 0;
                for (List<CurvePoint> curve : curves) {
                    double v = curve.get(i).testBitsPerDim();
                    sum += v;
                    sq += v * v;
                }
                mean[i] = sum / curves.size();
                double sd = curves.size() > 1 ? Math.sqrt(Math.max(0, (sq - sum * mean[i]) / (curves.size() - 1))) : 0;
                low[i] = mean[i] - sd;
                high[i] = mean[i] + sd;
            }
            if (points > 1) {
                min = Math.min(min, low[points - 1]);
                max = Math.max(max, high[Math.min(1, points - 1)]);
            }
            String label = permutation.name().toLowerCase(Locale.ROOT).replace("conv1x1", "1x1 conv");
            XYSeries line = chart.addSeries(label, steps, mean);
            style(line, COLORS[p], SeriesLines.SOLID);
            style(chart.addSeries(label + " +sd", steps, high), COLORS[p], SeriesLines.DASH_DASH).setShowInLegend(false);
            style(chart.addSeries(label + " -sd", steps, low), COLORS[p], SeriesLines.DASH_DASH).setShowInLegend(false);
        }
        if (min < max) {
            double pad = 0.05 * (max - min);
            chart.getStyler().setYAxisMin(min - pad).setYAxisMax(max + pad);
        }
        return chart;
    }

    private static XYSeries style(XYSeries s, Color color, java.awt.BasicStroke line) {
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(line);
        return s;
    }
}
