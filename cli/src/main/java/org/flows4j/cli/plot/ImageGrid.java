package org.flows4j.cli.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.flows4j.images.Dequantization;
import org.flows4j.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes rows of model-space images ({@code [n, C, H, W]} arrays with pixels in [−½, ½]) as one PNG grid, each image
 * scaled up by an integer factor, with a 2-pixel white gap between images. One or three channels.
 */
public final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {
    }

    /**
     * Writes {@code rows} (at least one, all of the first row's {@code C, H, W}) to {@code file} atomically, one grid
     * row per array and as many columns as the longest has images; pixels are mapped back by {@code deq}, and each
     * image is enlarged {@code scale} times.
     */
    public static void write(Path file, List<INDArray> rows, Dequantization deq, int scale) throws IOException {
        int columns = rows.stream().mapToInt(r -> (int) r.size(0)).max().orElse(0);
        long[] shape = rows.get(0).shape();
        int c = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        int cellH = h * scale + GAP;
        int cellW = w * scale + GAP;
        BufferedImage image = new BufferedImage(columns * cellW + GAP, rows.size() * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        for (int r = 0; r < rows.size(); r++) {
            float[] values = rows.get(r).castTo(DataType.FLOAT).dup('c').data().asFloat();
            int count = (int) rows.get(r).size(0);
            for (int n = 0; n < count; n++) {
                for (int y = 0; y < h * scale; y++) {
                    for (int x = 0; x < w * scale; x++) {
                        int rgb = 0;
                        for (int ch = 0; ch < 3; ch++) {
                            int source = c == 1 ? 0 : ch;
                            int v = deq.toPixel(values[((n * c + source) * h + y / scale) * w + x / scale]);
                            rgb = (rgb << 8) | v;
                        }
                        image.setRGB(GAP + n * cellW + x, GAP + r * cellH + y, rgb);
                    }
                }
            }
        }
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }
}
