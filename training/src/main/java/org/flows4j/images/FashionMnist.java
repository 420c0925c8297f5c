package org.flows4j.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flows4j.data.DataFormatException;

/**
 * Fashion-MNIST (Xiao et al., 2017) as installed by Debian's {@code dataset-fashion-mnist} package: 60,000 training
 * and 10,000 test 28×28 grey images of 10 clothing classes, read from IDX files. Never downloads anything.
 */
public final class FashionMnist {
    /** Where Debian's package puts the files. */
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names, indexed by label 0..9. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** The training or test split from {@code folder}, labelled. */
    public static ImageSet load(Path folder, boolean train) {
        String prefix = train ? "train" : "t10k";
        Path images = find(folder, prefix + "-images-idx3-ubyte");
        Path labels = find(folder, prefix + "-labels-idx1-ubyte");
        return IdxFiles.readLabelled(images, labels);
    }

    /** The split from Debian's folder. */
    public static ImageSet load(boolean train) {
        return load(DEBIAN_FOLDER, train);
    }

    /** The class index for a name such as "Sneaker" or "ankle boot" (case-insensitive), or for "0".."9". */
    public static int classIndex(String name) {
        for (int i = 0; i < CLASSES.size(); i++) {
            if (CLASSES.get(i).equalsIgnoreCase(name) || String.valueOf(i).equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown Fashion-MNIST class '" + name + "'; one of " + CLASSES + " or 0-9");
    }

    private static Path find(Path folder, String base) {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataFormatException(folder.resolve(base + ".gz") + ": not found; install Fashion-MNIST with "
                + "'apt-get install dataset-fashion-mnist' or pass --data with a folder holding the IDX files");
    }
}
