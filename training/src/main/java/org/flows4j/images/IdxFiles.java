package org.flows4j.images;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.flows4j.data.DataFormatException;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST (plain or gzipped): a big-endian header
 * {@code 0x00 0x00 type ndim}, then {@code ndim} 32-bit sizes, then the data; only unsigned bytes (type 0x08).
 * A wrong magic number, an unexpected rank or a short file is refused with one line naming the file.
 */
public final class IdxFiles {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxFiles() {
    }

    /** An images file ({@code ndim = 3}: count, rows, columns) as a one-channel {@link ImageSet} without labels. */
    public static ImageSet readImages(Path file) {
        return read(file, 3, (dims, data) -> new ImageSet(data, null, dims[0], 1, dims[1], dims[2]));
    }

    /** A labels file ({@code ndim = 1}). */
    public static int[] readLabels(Path file) {
        return read(file, 1, (dims, data) -> {
            int[] labels = new int[dims[0]];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = data[i] & 0xFF;
            }
            return labels;
        });
    }

    /** Images with their labels; the two files must hold the same number of items. */
    public static ImageSet readLabelled(Path images, Path labels) {
        ImageSet set = readImages(images);
        int[] l = readLabels(labels);
        if (l.length != set.count()) {
            throw new DataFormatException(labels + ": " + l.length + " labels, but " + images + " holds " + set.count()
                    + " images");
        }
        return new ImageSet(set.pixels(), l, set.count(), 1, set.height(), set.width());
    }

    private interface Decoder<T> {
        T decode(int[] dims, byte[] data);
    }

    private static <T> T read(Path file, int rank, Decoder<T> decoder) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f & raw.read() == 0x8b;
            raw.reset();
            DataInputStream in = new DataInputStream(new BufferedInputStream(gzip ? new GZIPInputStream(raw) : raw));
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UNSIGNED_BYTE || (magic & 0xFF) != rank) {
                throw new DataFormatException(String.format("%s: not an IDX file of unsigned bytes with %d dimensions "
                        + "(magic number 0x%08x)", file, rank, magic));
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = in.readInt();
                if (dims[d] <= 0) {
                    throw new DataFormatException(file + ": dimension " + d + " has size " + dims[d]);
                }
                size *= dims[d];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file + ": " + size + " bytes of data is too large");
            }
            byte[] data = new byte[(int) size];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new DataFormatException(file + ": truncated, the header promises " + size + " bytes of data");
            }
            if (in.read() != -1) {
                throw new DataFormatException(file + ": more bytes than the header's " + size + " bytes of data");
            }
            return decoder.decode(dims, data);
        } catch (EOFException e) {
            throw new DataFormatException(file + ": truncated header");
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot read: " + e.getMessage());
        }
    }
}
