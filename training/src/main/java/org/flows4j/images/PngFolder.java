package org.flows4j.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.flows4j.data.DataFormatException;

/**
 * Reads every {@code .png} in a folder (sorted by name) as one {@link ImageSet}: one channel when all images are
 * grey, otherwise three (RGB). All images must share one size; the first that does not is named in the error.
 */
public final class PngFolder {
    private PngFolder() {
    }

    /**
     * The {@code .png} files of {@code folder} in name order, as an unlabelled set: one channel when every image is
     * grey, else three (a grey image's sample in each). Grey samples deeper than 8 bits keep their top 8 bits. An
     * alpha channel must be opaque everywhere; a transparent pixel is refused, since the set has no channel for it.
     */
    public static ImageSet read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DataFormatException(folder + ": no such folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new DataFormatException(folder + ": cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new DataFormatException(folder + ": no .png files");
        }
        BufferedImage[] images = new BufferedImage[files.size()];
        boolean grey = true;
        for (int i = 0; i < images.length; i++) {
            try {
                images[i] = ImageIO.read(files.get(i).toFile());
            } catch (IOException e) {
                throw new DataFormatException(files.get(i) + ": not a readable PNG: " + e.getMessage());
            }
            if (images[i] == null) {
                throw new DataFormatException(files.get(i) + ": not a readable PNG");
            }
            if (images[i].getWidth() != images[0].getWidth() || images[i].getHeight() != images[0].getHeight()) {
                throw new DataFormatException(files.get(i) + ": size " + images[i].getWidth() + "x" + images[i].getHeight()
                        + " differs from " + files.get(0).getFileName() + " (" + images[0].getWidth() + "x"
                        + images[0].getHeight() + ")");
            }
            grey &= images[i].getColorModel().getNumColorComponents() == 1;
            checkOpaque(files.get(i), images[i]);
        }
        int h = images[0].getHeight();
        int w = images[0].getWidth();
        int c = grey ? 1 : 3;
        byte[] pixels = new byte[images.length * c * h * w];
        for (int n = 0; n < images.length; n++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (images[n].getColorModel().getNumColorComponents() == 1) {
                        // The raw sample: getRGB would pass a grey value through a colour-space conversion.
                        int bits = images[n].getColorModel().getComponentSize(0);
                        byte v = (byte) (images[n].getRaster().getSample(x, y, 0) >> Math.max(0, bits - 8));
                        for (int ch = 0; ch < c; ch++) {
                            pixels[((n * c + ch) * h + y) * w + x] = v;
                        }
                        continue;
                    }
                    int rgb = images[n].getRGB(x, y);
                    for (int ch = 0; ch < c; ch++) {
                        pixels[((n * c + ch) * h + y) * w + x] = (byte) ((rgb >> (16 - 8 * ch)) & 0xFF);
                    }
                }
            }
        }
        return new ImageSet(pixels, null, images.length, c, h, w);
    }

    /**
     * Refuses an image with a pixel that is not fully opaque, naming the file and the first such pixel. The alpha of
     * {@code getRGB} is read (8 bits, not colour-converted), so palette images with a transparent entry are caught too.
     */
    private static void checkOpaque(Path file, BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return;
        }
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int alpha = image.getRGB(x, y) >>> 24;
                if (alpha != 255) {
                    throw new DataFormatException(file + ": pixel (" + x + ", " + y + ") is not opaque (alpha " + alpha
                            + " of 255); flatten the image onto a background first");
                }
            }
        }
    }
}
