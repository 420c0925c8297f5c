package org.flows4j.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flows4j.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on the real Fashion-MNIST files (Debian's dataset-fashion-mnist) and on broken files. */
class IdxFilesTest {

    private static int[] classCounts(ImageSet set) {
        int[] counts = new int[10];
        for (int i = 0; i < set.count(); i++) {
            counts[set.label(i)]++;
        }
        return counts;
    }

    @Test
    void readsTheRealFashionMnistSplits() {
        assertTrue(Files.isDirectory(FashionMnist.DEBIAN_FOLDER),
                "Fashion-MNIST missing: apt-get install dataset-fashion-mnist (.ci/run does)");
        ImageSet train = FashionMnist.load(true);
        ImageSet test = FashionMnist.load(false);
        assertEquals(60_000, train.count());
        assertEquals(10_000, test.count());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertEquals(1, train.channels());
        int[] sixThousand = new int[10];
        java.util.Arrays.fill(sixThousand, 6000);
        assertArrayEquals(sixThousand, classCounts(train), "Fashion-MNIST's training classes are balanced");
        int[] thousand = new int[10];
        java.util.Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, classCounts(test));
        assertEquals(9, train.label(0), "the first training image is an ankle boot");
        double mean = 0;
        for (byte b : train.head(1000).pixels()) {
            mean += b & 0xFF;
        }
        mean /= 1000 * 784;
        assertTrue(mean > 60 && mean < 90, "mean pixel of the first 1000 images is about 73, got " + mean);
    }

    @Test
    void refusesAWrongMagicNumberAndATruncatedFile(@TempDir Path dir) throws IOException {
        Path labels = dir.resolve("labels");
        Files.write(labels, ByteBuffer.allocate(12).putInt(0x00000801).putInt(5).array());
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(labels));
        assertTrue(e.getMessage().startsWith(labels + ": not an IDX file"), e.getMessage());
        Path images = dir.resolve("images");
        Files.write(images, ByteBuffer.allocate(20).putInt(0x00000803).putInt(2).putInt(2).putInt(2).array());
        e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(images));
        assertEquals(images + ": truncated, the header promises 8 bytes of data", e.getMessage());
        Path longer = dir.resolve("longer");
        Files.write(longer, ByteBuffer.allocate(25).putInt(0x00000803).putInt(2).putInt(2).putInt(2).array());
        e = assertThrows(DataFormatException.class, () -> IdxFiles.readImages(longer));
        assertEquals(longer + ": more bytes than the header's 8 bytes of data", e.getMessage());
    }
}
