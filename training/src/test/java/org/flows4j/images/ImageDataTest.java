package org.flows4j.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.flows4j.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Padding, PNG folders, bit reduction, dequantisation and the bits/dim convention. */
class ImageDataTest {

    private static ImageSet ramp(int count, int side) {
        byte[] p = new byte[count * side * side];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 7);
        }
        return new ImageSet(p, null, count, 1, side, side);
    }

    @Test
    void paddingCentresTheImageInZeros() {
        ImageSet small = ramp(2, 28);
        ImageSet padded = small.resizeCanvas(32, 32);
        assertEquals(32, padded.height());
        for (int h = 0; h < 28; h++) {
            for (int w = 0; w < 28; w++) {
                assertEquals(small.pixel(1, 0, h, w), padded.pixel(1, 0, h + 2, w + 2));
            }
        }
        assertEquals(0, padded.pixel(1, 0, 0, 0));
        assertEquals(0, padded.pixel(1, 0, 31, 31));
        assertEquals(small.pixel(0, 0, 3, 4), padded.resizeCanvas(28, 28).pixel(0, 0, 3, 4), "cropping undoes it");
    }

    @Test
    void readsAFolderOfPngsAndNamesAMisfit(@TempDir Path dir) throws IOException {
        BufferedImage a = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        a.getRaster().setSample(2, 1, 0, 200);
        ImageIO.write(a, "png", dir.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("b.png").toFile());
        ImageSet set = PngFolder.read(dir);
        assertEquals(2, set.count());
        assertEquals(1, set.channels());
        assertEquals(200, set.pixel(0, 0, 1, 2));
        assertEquals(0, set.pixel(1, 0, 1, 2));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("c.png").toFile());
        DataFormatException e = assertThrows(DataFormatException.class, () -> PngFolder.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("c.png") + ": size 4x4 differs"), e.getMessage());
    }

    @Test
    void aGreyImageAmongColourOnesKeepsItsSamplesAndTransparencyIsRefused(@TempDir Path dir) throws IOException {
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 0, 0, 100);
        ImageIO.write(grey, "png", dir.resolve("a.png").toFile());
        BufferedImage colour = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        colour.setRGB(0, 1, 0xFF0A141E);
        colour.setRGB(0, 0, 0xFF000000);
        colour.setRGB(1, 0, 0xFF000000);
        colour.setRGB(1, 1, 0xFF000000);
        ImageIO.write(colour, "png", dir.resolve("b.png").toFile());
        ImageSet set = PngFolder.read(dir);
        assertEquals(3, set.channels());
        for (int ch = 0; ch < 3; ch++) {
            // getRGB's colour conversion would have turned the grey 100 into 168
            assertEquals(100, set.pixel(0, ch, 0, 1), "the grey sample in channel " + ch);
        }
        assertEquals(List.of(10, 20, 30), List.of(set.pixel(1, 0, 1, 0), set.pixel(1, 1, 1, 0), set.pixel(1, 2, 1, 0)));
        colour.setRGB(1, 1, 0x80FFFFFF);
        ImageIO.write(colour, "png", dir.resolve("b.png").toFile());
        DataFormatException e = assertThrows(DataFormatException.class, () -> PngFolder.read(dir));
        assertEquals(dir.resolve("b.png") + ": pixel (1, 1) is not opaque (alpha 128 of 255); flatten the image onto a "
                + "background first", e.getMessage());
        Files.delete(dir.resolve("b.png"));
        java.awt.image.IndexColorModel palette = new java.awt.image.IndexColorModel(8, 2, new byte[] {0, (byte) 255},
                new byte[] {0, (byte) 255}, new byte[] {0, (byte) 255}, 1);
        BufferedImage indexed = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(0, 1, 0, 1);
        ImageIO.write(indexed, "png", dir.resolve("c.png").toFile());
        e = assertThrows(DataFormatException.class, () -> PngFolder.read(dir));
        assertEquals(dir.resolve("c.png") + ": pixel (0, 1) is not opaque (alpha 0 of 255); flatten the image onto a "
                + "background first", e.getMessage(), "a palette's transparent entry");
    }

    @Test
    void dequantisedInputsFillTheirBinsInsideTheUnitCube() {
        ImageSet set = ramp(50, 8);
        for (int bits : new int[] {8, 5, 1}) {
            Dequantization deq = new Dequantization(bits);
            INDArray x = deq.batch(set, java.util.stream.IntStream.range(0, 50).toArray(), new SplittableRandom(3),
                    DataType.DOUBLE);
            float[] values = x.castTo(DataType.FLOAT).data().asFloat();
            for (int i = 0; i < values.length; i++) {
                int bin = deq.reduce(set.pixels()[i] & 0xFF);
                double low = bin / (double) deq.bins() - 0.5;
                assertTrue(values[i] >= low - 1e-6 && values[i] <= low + 1.0 / deq.bins() + 1e-6,
                        "value " + values[i] + " outside bin " + bin + " of " + deq.bins());
            }
        }
        assertEquals(31, new Dequantization(5).reduce(255));
        assertEquals(4, new Dequantization(5).reduce(39));
    }

    @Test
    void aUniformDensityScoresExactlyNBits() {
        // The uniform density on [−½, ½]^D has log p = 0 at every dequantised point, so its NLL is 0 nats.
        for (int bits : new int[] {8, 5, 3}) {
            assertEquals(bits, new Dequantization(bits).bitsPerDim(0.0, 1024), 1e-12);
        }
        // A density twice as high everywhere (on half the cube) saves one bit in D dimensions: −D·log 2 nats.
        assertEquals(8 - 1.0 / 1024, new Dequantization(8).bitsPerDim(-Math.log(2), 1024), 1e-12);
    }
}
