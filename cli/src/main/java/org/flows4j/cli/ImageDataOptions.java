package org.flows4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flows4j.images.FashionMnist;
import org.flows4j.images.IdxFiles;
import org.flows4j.images.ImageSet;
import org.flows4j.images.PngFolder;
import picocli.CommandLine.Option;

/** Where the images come from and the canvas they are padded to. */
final class ImageDataOptions {
    @Option(names = "--data", description = "folder with Fashion-MNIST/MNIST IDX files, or a folder with train/ and "
            + "test/ subfolders of PNGs (default: Debian's " + "/usr/share/datasets/fashion-mnist)")
    Path data;

    @Option(names = "--size", defaultValue = "32",
            description = "pad (or crop) images to SIZE x SIZE, centred (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--n-bits", defaultValue = "8", description = "bits per pixel modelled (default: ${DEFAULT-VALUE})")
    int nBits;

    /** Refuses a canvas size below 1, before any image is read. */
    void check() {
        OptionRules.atLeastOne("--size", size);
    }

    /** The training or test split, padded to the canvas. */
    ImageSet load(boolean train) {
        check();
        Path folder = data == null ? FashionMnist.DEBIAN_FOLDER : data;
        ImageSet set;
        Path pngs = folder.resolve(train ? "train" : "test");
        if (Files.isDirectory(pngs)) {
            set = PngFolder.read(pngs);
        } else if (Files.isRegularFile(folder.resolve((train ? "train" : "t10k") + "-labels-idx1-ubyte.gz"))
                || Files.isRegularFile(folder.resolve((train ? "train" : "t10k") + "-labels-idx1-ubyte"))) {
            set = FashionMnist.load(folder, train);
        } else {
            set = IdxFiles.readImages(folder.resolve((train ? "train" : "t10k") + "-images-idx3-ubyte.gz"));
        }
        return set.resizeCanvas(size, size);
    }
}
